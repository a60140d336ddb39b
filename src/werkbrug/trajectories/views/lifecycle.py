"""A trajectory's life: the triad's progress review on one page, a pause and the restart, the end with its
outcome, the follow-ups after it and the short survey for the learner and the mentor."""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from werkbrug.competences.models import Competence
from werkbrug.trajectories import lifecycle_forms as f
from werkbrug.trajectories import progress
from werkbrug.trajectories.forms import AgreementRows, trajectory_people
from werkbrug.trajectories.models import (
    Absence,
    Agreement,
    CheckIn,
    EvaluatorRole,
    FollowUp,
    Outcome,
    ProgressReview,
    ReviewSignature,
    SignerRole,
    SurveyAnswer,
    Trajectory,
)
from werkbrug.trajectories.queries import trajectories_for
from werkbrug.trajectories.rules import LEARNER, MENTOR, Access
from werkbrug.trajectories.services import (
    TrajectoryError,
    follow_up_record,
    review_record,
    review_sign,
    settings_of,
    signers_needed,
    survey_answer,
    trajectory_end,
    trajectory_pause,
    trajectory_resume,
)
from werkbrug.trajectories.views.common import record_read, trajectory_for

# --- the progress review -------------------------------------------------------------------------------


# Short column heads, so the side-by-side table fits a phone (in Dutch too: "Begeleider").
COLUMN = {
    EvaluatorRole.MENTOR: pgettext_lazy("evaluation column", "Mentor"),
    EvaluatorRole.COACH: pgettext_lazy("evaluation column", "Coach"),
    EvaluatorRole.LEARNER: pgettext_lazy("evaluation column", "Learner"),
}


def _absence_days(absences: list[Absence], since: datetime.date, today: datetime.date) -> dict[str, int]:
    """Days absent per place between `since` and today (an absence across `since` counts from it)."""
    days: dict[str, int] = defaultdict(int)
    for absence in absences:
        first, last = max(absence.starts_on, since), min(absence.ends_on, today)
        if last >= first:
            days[absence.where] += (last - first).days + 1
    return {where: days[where] for where in Absence.Where.values if days[where]}


def _reviews(trajectory: Trajectory, access: Access) -> list[ProgressReview]:
    """The reviews held, newest first, each with who signed, who still must and what this user can sign."""
    reviews = list(
        trajectory.reviews.prefetch_related(
            Prefetch("signatures", ReviewSignature.objects.select_related("signer").order_by("signed_at")),
            Prefetch("agreements", Agreement.objects.select_related("owner").order_by("due_on", "pk")),
        ).order_by("-held_on", "-pk")
    )
    needed = signers_needed(trajectory)
    for review in reviews:
        signed = {s.signed_as for s in review.signatures.all()}
        review.missing = [SignerRole(r).label for r in needed if r not in signed]  # type: ignore[attr-defined]
        review.can_sign = [  # type: ignore[attr-defined]
            (r, SignerRole(r).label) for r in access.sign_as if r in needed and r not in signed
        ]
    return reviews


def _review_context(trajectory: Trajectory, access: Access, today: datetime.date) -> dict:
    reviews = _reviews(trajectory, access)
    since = reviews[0].held_on if reviews else trajectory.starts_on
    context: dict = {"trajectory": trajectory, "access": access, "reviews": reviews, "since": since}
    if access.can("view_evaluations"):
        latest = progress.latest_evaluations(trajectory)
        items = progress.plan_items(progress.current_plan(trajectory))
        rubric = trajectory.learner.programme.rubric if trajectory.learner.programme else None
        rows = progress.side_by_side(items, latest) if latest else []
        context |= {
            "columns": [(COLUMN[role], latest.get(role)) for role in progress.ROLES],
            "rows": [(row, [row.levels.get(role) for role in progress.ROLES]) for row in rows],
            "levels": list(rubric.levels.all()) if rubric else [],
        }
    if access.can("view_checkins"):  # the learner's word to the coach: never the mentor's to read
        context["checkins"] = list(
            trajectory.checkins.filter(week__gte=CheckIn.monday(since)).order_by("-week")
        )
    absences = list(
        trajectory.absences.filter(ends_on__gte=since, starts_on__lte=today).order_by("starts_on")
    )
    agreements = list(
        trajectory.agreements.filter(done_at__isnull=True).select_related("owner").order_by("due_on")
    )
    for agreement in agreements:
        agreement.late = agreement.is_overdue(today)  # type: ignore[attr-defined]
    context |= {
        "absences": absences,
        "absence_days": [
            (Absence.Where(w).label, n) for w, n in _absence_days(absences, since, today).items()
        ],
        "agreements": agreements,
        "overdue": trajectory.is_running
        and bool(trajectory.next_review_on)
        and trajectory.next_review_on < today,
        "today": today,
    }
    return context


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the triad talks about in the review on one page; the coach writes the review down."""
    trajectory, access = trajectory_for(request, pk, "review" if request.method == "POST" else "view")
    today = timezone.localdate()
    form = rows = None
    if access.can("review") and trajectory.is_running:
        data = request.POST or None
        form = f.ReviewForm(data, initial={"held_on": today})
        rows = AgreementRows(data, people=trajectory_people(trajectory), prefix="agreement")
    if request.method == "POST" and form is not None and all([form.is_valid(), rows.is_valid()]):
        try:
            review_record(
                trajectory=trajectory,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                summary=form.cleaned_data["summary"],
                agreements=rows.agreements(),
                review_weeks=settings_of(trajectory.learner.school.region_id).review_weeks,
            )
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Review saved. Everyone can now read and sign it."))
            return redirect("trajectories:review", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Progress review"))
    context = _review_context(trajectory, access, today)
    context.update(
        form=form, agreement_rows=rows, has_errors=bool(form and (form.errors or rows.total_error_count()))
    )
    return render(request, "trajectories/review_page.html", context)


@login_required
@require_POST
def review_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign a review in one of the user's parts in the trajectory (`as`)."""
    mine = trajectories_for(request.user).values("pk")
    found = get_object_or_404(ProgressReview.objects.filter(trajectory_id__in=mine), pk=pk)
    trajectory, access = trajectory_for(request, found.trajectory_id)
    as_role = request.POST.get("as", "")
    if as_role not in access.sign_as:
        raise Http404
    try:
        review_sign(review=found, as_role=as_role, by=request.user)
    except TrajectoryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("You signed the review as %(role)s.") % {"role": SignerRole(as_role).label.lower()}
        )
    return redirect(reverse("trajectories:review", kwargs={"pk": trajectory.pk}) + f"#review-{found.pk}")


# --- pause and restart ---------------------------------------------------------------------------------


def _open_pause(trajectory: Trajectory):
    return trajectory.pauses.filter(ends_on__isnull=True).first()


@login_required
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause a running trajectory: from when and why."""
    trajectory, access = trajectory_for(request, pk, "manage")
    form = None
    if trajectory.status == Trajectory.Status.ACTIVE:
        form = f.PauseForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            trajectory_pause(trajectory=trajectory, by=request.user, **form.cleaned_data)
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The trajectory is paused. Resume it when the learner is back."))
            return redirect("trajectories:pause", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Pauses"))
    context = {
        "trajectory": trajectory,
        "form": form,
        "open_pause": _open_pause(trajectory),
        "pauses": list(trajectory.pauses.order_by("-starts_on", "-pk")),
    }
    return render(request, "trajectories/pause_form.html", context)


@login_required
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Restart a paused trajectory; the page then says how far its dates moved."""
    trajectory, access = trajectory_for(request, pk, "manage")
    open_pause = _open_pause(trajectory) if trajectory.status == Trajectory.Status.PAUSED else None
    form = f.ResumeForm(request.POST or None, initial={"on": timezone.localdate()}) if open_pause else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            done = trajectory_resume(trajectory=trajectory, by=request.user, on=form.cleaned_data["on"])
        except TrajectoryError as exc:
            form.add_error("on", str(exc))
        else:
            days = (done.ends_on - done.starts_on).days
            messages.success(
                request,
                ngettext(
                    "The trajectory runs again. Its dates moved %(days)s day later.",
                    "The trajectory runs again. Its dates moved %(days)s days later.",
                    days,
                )
                % {"days": days},
            )
            return redirect("trajectories:resume", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Pauses"))
    last = trajectory.pauses.filter(ends_on__isnull=False).order_by("-ends_on", "-pk").first()
    context = {
        "trajectory": trajectory,
        "form": form,
        "open_pause": open_pause,
        "last": last,
        "moved": (last.ends_on - last.starts_on).days if last else 0,
    }
    return render(request, "trajectories/pause_resume.html", context)


# The mouth of the face drawn on each point of the survey's scale, from very unhappy to very happy.
MOUTHS = (
    "M7.5 17.5 Q12 12.5 16.5 17.5",
    "M8 16.5 Q12 14 16 16.5",
    "M8 15.5 L16 15.5",
    "M8 14.5 Q12 17 16 14.5",
    "M7.5 14 Q12 19.5 16.5 14",
)

# --- the end, the follow-ups and the survey ------------------------------------------------------------


def _plan_competences(trajectory: Trajectory):
    plan = progress.current_plan(trajectory)
    in_plan = plan.items.values("competence_id") if plan else []
    return Competence.objects.filter(pk__in=in_plan).order_by("code")


@login_required
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """End the trajectory with its outcome; afterwards, the outcome and the follow-ups to do."""
    trajectory, access = trajectory_for(request, pk, "manage")
    outcome = Outcome.objects.filter(trajectory=trajectory).prefetch_related("competences_obtained").first()
    form = None
    if outcome is None and trajectory.is_running:
        form = f.EndForm(
            request.POST or None,
            competences=_plan_competences(trajectory),
            initial={"ended_on": timezone.localdate()},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            trajectory_end(
                trajectory=trajectory,
                by=request.user,
                ended_on=data["ended_on"],
                result=data["result"],
                next_step=data["next_step"],
                qualification=data["qualification"],
                competences=list(data["competences"]),
                job_offered=data["job_offered"],
                job_accepted=data["job_accepted"],
                left_reason=data["left_reason"],
                note=data["note"],
            )
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The trajectory has ended. The follow-ups after 3, 6 and 12 months are planned.")
            )
            return redirect("trajectories:end", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Outcome"))
    answered = set(SurveyAnswer.objects.filter(trajectory=trajectory).values_list("role", flat=True))
    context = {
        "trajectory": trajectory,
        "form": form,
        "outcome": outcome,
        "follow_ups": list(trajectory.follow_ups.select_related("done_by").order_by("months")),
        "surveys": [(label, role in answered) for role, label in SurveyAnswer.Respondent.choices],
        "today": timezone.localdate(),
    }
    return render(request, "trajectories/end_form.html", context)


@login_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a contact after the trajectory: where the learner is now."""
    mine = trajectories_for(request.user).values("pk")
    found = get_object_or_404(FollowUp.objects.filter(trajectory_id__in=mine), pk=pk)
    trajectory, access = trajectory_for(request, found.trajectory_id, "manage")
    initial = {
        "done_on": found.done_on or timezone.localdate(),
        "situation": found.situation,
        "note": found.note,
    }
    if found.done_on:
        initial["still_at_workplace"] = f.FollowUpForm.still_value(found.still_at_workplace)
    form = f.FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            follow_up_record(
                follow_up=found,
                by=request.user,
                done_on=data["done_on"],
                situation=data["situation"],
                still_at_workplace=form.still(),
                note=data["note"],
            )
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Follow-up saved."))
            return redirect("trajectories:end", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Follow-up"))
    return render(
        request,
        "trajectories/followup_form.html",
        {"trajectory": trajectory, "follow_up": found, "form": form},
    )


@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    """The learner's and the mentor's short survey once the trajectory has ended; once each."""
    trajectory, access = trajectory_for(request, pk, "answer_survey")
    role = LEARNER if LEARNER in access else MENTOR
    answered = SurveyAnswer.objects.filter(trajectory=trajectory, role=role).exists()
    is_open = trajectory.status == Trajectory.Status.ENDED
    form = None
    if is_open and not answered:
        form = f.SurveyForm(request.POST or None, as_learner=role == LEARNER)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            survey_answer(trajectory=trajectory, by=request.user, **form.cleaned_data)
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("trajectories:survey", pk=trajectory.pk)
    context = {"trajectory": trajectory, "form": form, "answered": answered, "is_open": is_open}
    if form is not None:
        context["scales"] = [
            (form[name], list(zip(form[name], MOUTHS, strict=True))) for name in ("placement", "guidance")
        ]
    return render(request, "trajectories/survey_form.html", context)


urlpatterns = [
    path("<int:pk>/review/", review, name="review"),
    path("reviews/<int:pk>/sign/", review_sign_view, name="review_sign"),
    path("<int:pk>/pause/", pause, name="pause"),
    path("<int:pk>/resume/", resume, name="resume"),
    path("<int:pk>/end/", end, name="end"),
    path("follow-ups/<int:pk>/", follow_up, name="follow_up"),
    path("<int:pk>/survey/", survey, name="survey"),
]
