"""Following a trajectory day to day: the learner's weekly check-in, the logbook, contact moments with the
agreements made, and absences at the workplace and at school."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from werkbrug.listing import page_of
from werkbrug.trajectories.forms import (
    AbsenceForm,
    AgreementForm,
    AgreementRows,
    CheckInForm,
    ContactForm,
    LogEntryForm,
    trajectory_people,
)
from werkbrug.trajectories.models import Absence, Agreement, CheckIn, LogEntry, Trajectory
from werkbrug.trajectories.queries import trajectories_for
from werkbrug.trajectories.rules import COACH, LEARNER, access_for
from werkbrug.trajectories.services import (
    TrajectoryError,
    absence_record,
    agreement_add,
    agreement_done,
    checkin_record,
    checkin_seen,
    contact_record,
    log_entry_add,
)
from werkbrug.trajectories.services.monitoring import ATTACHMENT_TYPES
from werkbrug.trajectories.views.common import record_read, trajectory_for

QUESTIONS = ("feeling", "learning", "respected")
RECENT_CONTACTS = 10


def _back_to(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the form was on (`next`, when it is ours), or else to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


# -- check-ins ---------------------------------------------------------------------------------------------


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The learner's check-in of this week, on a phone; checking in again the same week replaces it."""
    trajectory, access = trajectory_for(request, pk, "checkin")
    current = trajectory.checkins.filter(week=CheckIn.monday(timezone.localdate())).first()
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                saved = checkin_record(trajectory=trajectory, by=request.user, **form.cleaned_data)
            except TrajectoryError as error:
                form.add_error(None, str(error))
            else:
                thanks = [_("Thank you for your check-in!")]
                if saved.wants_contact:
                    thanks.append(_("Your coach will contact you soon."))
                if saved.wants_mentor:
                    thanks.append(_("Your mentor sees that you want to talk. Not your answers."))
                messages.success(request, " ".join(thanks))
                return redirect("trajectories:checkin", pk=trajectory.pk)
    else:
        record_read(request, trajectory, access, gettext_noop("Check-in"))
        fields = (*QUESTIONS, "wants_contact", "wants_mentor", "note")
        form = CheckInForm(initial={name: getattr(current, name) for name in fields} if current else None)
    return render(
        request,
        "trajectories/checkin_form.html",
        {"trajectory": trajectory, "form": form, "current": current},
    )


def _answers(checkin: CheckIn) -> list[tuple[str, int, str]]:
    """(question, answer, answer in words) for each question of a check-in."""
    return [
        (
            CheckIn._meta.get_field(name).verbose_name,
            getattr(checkin, name),
            getattr(checkin, f"get_{name}_display")(),
        )
        for name in QUESTIONS
    ]


@login_required
def checkin_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The learner's check-ins, newest first: for the learner, the coach and staff, never the mentor."""
    trajectory, access = trajectory_for(request, pk, "view_checkins")
    record_read(request, trajectory, access, gettext_noop("Check-ins"))
    page = page_of(request, trajectory.checkins.select_related("seen_by").order_by("-week", "-pk"))
    return render(
        request,
        "trajectories/checkin_list.html",
        {
            "trajectory": trajectory,
            "page": page,
            "rows": [(c, _answers(c)) for c in page],
            "may_mark": COACH in access,
            "is_learner": LEARNER in access,
            "may_check_in": access.can("checkin") and trajectory.is_running,
            "this_week": CheckIn.monday(timezone.localdate()),
        },
    )


@login_required
@require_POST
def checkin_seen_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The coach read a check-in (and answered a wish to talk); a mentor answered a wish to talk to them."""
    found = get_object_or_404(
        CheckIn.objects.select_related("trajectory").filter(trajectory__in=trajectories_for(request.user)),
        pk=pk,
    )
    access = access_for(request.user, found.trajectory)
    try:
        seen = checkin_seen(checkin=found, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    if COACH in access:
        messages.success(request, _("Marked as read."))
        return _back_to(request, reverse("trajectories:checkins", kwargs={"pk": seen.trajectory_id}))
    messages.success(request, _("Marked as answered."))
    return _back_to(request, reverse("trajectories:detail", kwargs={"pk": seen.trajectory_id}))


# -- the logbook -------------------------------------------------------------------------------------------


def attachment_type(name: str) -> str | None:
    """The content type of a logbook attachment, by the extension the upload was checked against."""
    return ATTACHMENT_TYPES.get(PurePath(name).suffix.lower())


@login_required
def logbook(request: HttpRequest, pk: int) -> HttpResponse:
    """Short entries by the learner and the mentor, newest first, with the form to write one on top."""
    trajectory, access = trajectory_for(request, pk, "write_log" if request.method == "POST" else "view_log")
    form = None
    if access.can("write_log"):
        form = LogEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            log_entry_add(
                trajectory=trajectory,
                by=request.user,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
            )
        except TrajectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your logbook entry is saved."))
            return redirect("trajectories:logbook", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Logbook"))
    page = page_of(request, trajectory.log_entries.select_related("author").order_by("-created_at", "-pk"))
    entries = [
        (
            entry,
            attachment_type(entry.attachment.name) if entry.attachment else None,
            entry.author_id == trajectory.learner.user_id,
        )
        for entry in page
    ]
    return render(
        request,
        "trajectories/logbook_page.html",
        {"trajectory": trajectory, "form": form, "page": page, "entries": entries},
    )


@login_required
def log_file(request: HttpRequest, pk: int) -> FileResponse:
    """A logbook entry's photo or PDF, only for those who may read the logbook (404 for anyone else)."""
    entry = get_object_or_404(
        LogEntry.objects.select_related("trajectory__learner")
        .filter(trajectory__in=trajectories_for(request.user))
        .exclude(attachment=""),
        pk=pk,
    )
    access = access_for(request.user, entry.trajectory)
    content_type = attachment_type(entry.attachment.name)
    if not access.can("view_log") or content_type is None:
        raise Http404
    try:
        handle = entry.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    is_image = content_type.startswith("image/")
    if not is_image:
        # A photo shows as a thumbnail on the logbook page, whose opening is logged; a download is a read.
        record_read(request, entry.trajectory, access, gettext_noop("Logbook file"))
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=not is_image,
        filename=PurePath(entry.attachment.name).name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=600"
    return response


# -- contact moments and agreements ------------------------------------------------------------------------


@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A visit, call or meeting with who took part, its notes and up to three agreements, saved in one go."""
    trajectory, _access = trajectory_for(request, pk, "record_contact")
    people = trajectory_people(trajectory)
    data = request.POST if request.method == "POST" else None
    me = [str(request.user.pk)] if any(user.pk == request.user.pk for user, _part in people) else []
    form = ContactForm(data, people=people, initial={"on": timezone.localdate(), "participants": me})
    rows = AgreementRows(data, people=people, prefix="agreement")
    if data is not None and all([form.is_valid(), rows.is_valid()]):
        agreements = rows.agreements()
        try:
            contact_record(
                trajectory=trajectory,
                by=request.user,
                kind=form.cleaned_data["kind"],
                on=form.cleaned_data["on"],
                participants=[form.user(p) for p in form.cleaned_data["participants"]],
                notes=form.cleaned_data["notes"],
                agreements=agreements,
            )
        except TrajectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The contact moment is saved."))
            return redirect("trajectories:agreements", pk=trajectory.pk)
    return render(
        request,
        "trajectories/contact_form.html",
        {
            "trajectory": trajectory,
            "form": form,
            "rows": rows,
            "has_errors": bool(form.errors or rows.total_error_count()),
        },
    )


def _agreements(trajectory: Trajectory) -> QuerySet[Agreement]:
    return trajectory.agreements.select_related("owner", "done_by").order_by("due_on", "pk")


@login_required
def agreement_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Open agreements first (overdue ones stand out), then done ones, and the recent contact moments."""
    trajectory, access = trajectory_for(request, pk, "add_agreement" if request.method == "POST" else "view")
    may_add = access.can("add_agreement") and trajectory.is_running
    form = None
    if may_add or request.method == "POST":
        form = AgreementForm(request.POST or None, people=trajectory_people(trajectory), prefix="new")
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            agreement_add(
                trajectory=trajectory,
                by=request.user,
                action=form.cleaned_data["action"],
                owner=form.user(form.cleaned_data["owner"]),
                due_on=form.cleaned_data["due_on"],
            )
        except TrajectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The agreement is added."))
            return redirect("trajectories:agreements", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Agreements and contact moments"))
    today = timezone.localdate()
    may_tick_any = access.can("add_agreement")
    open_rows, done_rows = [], []
    for agreement in _agreements(trajectory):
        row = (agreement, agreement.is_overdue(today), may_tick_any or agreement.owner_id == request.user.pk)
        (open_rows if agreement.done_at is None else done_rows).append(row)
    done_rows.sort(key=lambda row: row[0].done_at, reverse=True)
    contacts = (
        trajectory.contacts.select_related("created_by")
        .prefetch_related("participants")
        .order_by("-on", "-pk")[:RECENT_CONTACTS]
    )
    return render(
        request,
        "trajectories/agreement_list.html",
        {
            "trajectory": trajectory,
            "form": form,
            "open_rows": open_rows,
            "done_rows": done_rows,
            "overdue_count": sum(1 for _a, overdue, _t in open_rows if overdue),
            "contacts": contacts,
            "may_record_contact": access.can("record_contact"),
        },
    )


@login_required
@require_POST
def agreement_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner, or the mentor or coach, ticks an agreement off (`done=0` opens it again)."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("trajectory").filter(trajectory__in=trajectories_for(request.user)),
        pk=pk,
    )
    done = request.POST.get("done", "1") != "0"
    try:
        agreement_done(agreement=agreement, by=request.user, done=done)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The agreement is done.") if done else _("The agreement is open again."))
    return _back_to(request, reverse("trajectories:agreements", kwargs={"pk": agreement.trajectory_id}))


# -- absences ----------------------------------------------------------------------------------------------


@login_required
def absence_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Absences at the workplace and at school, with the days per place; the mentor and coach add one."""
    trajectory, access = trajectory_for(request, pk, "record_absence" if request.method == "POST" else "view")
    form = AbsenceForm(request.POST or None) if access.can("record_absence") else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            absence_record(trajectory=trajectory, by=request.user, **form.cleaned_data)
        except TrajectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The absence is saved."))
            return redirect("trajectories:absences", pk=trajectory.pk)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Absences"))
    absences = list(trajectory.absences.select_related("recorded_by").order_by("-starts_on", "-pk"))
    totals = [
        (
            label,
            sum(a.days for a in absences if a.where == where),
            sum(a.days for a in absences if a.where == where and a.reason == Absence.Reason.UNEXCUSED),
        )
        for where, label in Absence.Where.choices
    ]
    return render(
        request,
        "trajectories/absence_list.html",
        {"trajectory": trajectory, "form": form, "absences": absences, "totals": totals},
    )


urlpatterns = [
    path("<int:pk>/check-in/", checkin, name="checkin"),
    path("<int:pk>/check-ins/", checkin_list, name="checkins"),
    path("check-ins/<int:pk>/seen/", checkin_seen_view, name="checkin_seen"),
    path("<int:pk>/logbook/", logbook, name="logbook"),
    path("logbook/<int:pk>/file/", log_file, name="log_file"),
    path("<int:pk>/contacts/new/", contact_add, name="contact_add"),
    path("<int:pk>/agreements/", agreement_list, name="agreements"),
    path("agreements/<int:pk>/done/", agreement_done_view, name="agreement_done"),
    path("<int:pk>/absences/", absence_list, name="absences"),
]
