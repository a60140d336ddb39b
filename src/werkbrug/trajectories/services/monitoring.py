"""Following a trajectory: evaluations and the phase they lead to, check-ins, contact moments with their
agreements, the logbook, absences and the triad's progress reviews."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.people.models import User
from werkbrug.trajectories import progress
from werkbrug.trajectories.models import (
    Absence,
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluationScore,
    LogEntry,
    PhaseReached,
    ProgressReview,
    ReviewSignature,
    Trajectory,
)
from werkbrug.trajectories.rules import COACH, MENTOR, access_for
from werkbrug.trajectories.services.errors import TrajectoryError
from werkbrug.trajectories.services.plan import signers_needed

ATTACHMENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each allowed kind of file: the name alone proves nothing.
MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}


def _require(by: User, trajectory: Trajectory, action: str) -> None:
    if not access_for(by, trajectory).can(action):
        raise PermissionDenied


def _require_running(trajectory: Trajectory) -> None:
    if not trajectory.is_running:
        raise TrajectoryError(_("The trajectory has ended."))


@dataclass(frozen=True)
class Score:
    competence_id: int
    level: int | None
    comment: str = ""


@transaction.atomic
def evaluation_save(
    *, trajectory: Trajectory, by: User, scores: list[Score], comment: str = "", submit: bool = False
) -> Evaluation:
    """Keep the user's draft evaluation (one page at a time) and, with `submit`, hand it in.

    Handing in needs a level for every competence of the plan; it then updates the learner's phase.
    """
    trajectory = (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("learner__programme")
        .get(pk=trajectory.pk)
    )
    role = access_for(by, trajectory).evaluate_as
    if role is None:
        raise PermissionDenied
    _require_running(trajectory)
    plan = progress.current_plan(trajectory)
    if plan is None:
        raise TrajectoryError(_("There is no plan to evaluate yet."))
    in_plan = set(plan.items.values_list("competence_id", flat=True))
    levels = set(trajectory.learner.programme.rubric.levels.values_list("number", flat=True))
    for score in scores:
        if score.competence_id not in in_plan:
            raise TrajectoryError(_("This competence is not in the plan."))
        if score.level is not None and score.level not in levels:
            raise TrajectoryError(_("Choose a level of the rubric."))
    evaluation, _created = Evaluation.objects.get_or_create(
        trajectory=trajectory, role=role, submitted_at=None, defaults={"plan": plan, "author": by}
    )
    if evaluation.plan_id != plan.pk or evaluation.author_id != by.pk:
        evaluation.plan, evaluation.author = plan, by
    for score in scores:
        if score.level is None:
            EvaluationScore.objects.filter(evaluation=evaluation, competence_id=score.competence_id).delete()
            continue
        EvaluationScore.objects.update_or_create(
            evaluation=evaluation,
            competence_id=score.competence_id,
            defaults={"level": score.level, "comment": score.comment.strip()[:500]},
        )
    evaluation.comment = comment.strip()
    fields = ["plan", "author", "comment", "updated_at"]
    if submit:
        scored = set(evaluation.scores.values_list("competence_id", flat=True))
        if not in_plan <= scored:
            raise TrajectoryError(
                _("Give a level for every competence (%(missing)s still open).")
                % {"missing": len(in_plan - scored)}
            )
        evaluation.submitted_at = timezone.now()
        fields.append("submitted_at")
    evaluation.save(update_fields=fields)
    if submit:
        progress_update(trajectory=trajectory)
    return evaluation


def progress_update(*, trajectory: Trajectory, on: datetime.date | None = None) -> int:
    """Move the learner to the phase their latest mentor and coach evaluations show; keep the day each
    phase was first reached. Returns the phase."""
    on = on or timezone.localdate()
    plan = progress.current_plan(trajectory)
    levels = progress.levels_of(progress.latest_evaluations(trajectory))
    stones = progress.milestones(progress.plan_items(plan), levels, progress.phase_names(None))
    phase = progress.phase_of(stones)
    reached = set(trajectory.phases_reached.values_list("number", flat=True))
    PhaseReached.objects.bulk_create(
        PhaseReached(trajectory=trajectory, number=n, reached_on=on)
        for n in range(1, phase + 1)
        if n not in reached
    )
    if trajectory.phase != phase:
        trajectory.phase = phase
        trajectory.save(update_fields=["phase", "updated_at"])
    return phase


@transaction.atomic
def checkin_record(
    *,
    trajectory: Trajectory,
    by: User,
    feeling: int,
    learning: int,
    respected: int,
    wants_contact: bool = False,
    wants_mentor: bool = False,
    note: str = "",
    on: datetime.date | None = None,
) -> CheckIn:
    """The learner's check-in of this week; a second one in the same week replaces the first."""
    _require(by, trajectory, "checkin")
    _require_running(trajectory)
    answers = {feeling, learning, respected}
    if not answers <= set(CheckIn.Answer.values):
        raise TrajectoryError(_("Choose one of the faces."))
    week = CheckIn.monday(on or timezone.localdate())
    checkin, _created = CheckIn.objects.update_or_create(
        trajectory=trajectory,
        week=week,
        defaults={
            "feeling": feeling,
            "learning": learning,
            "respected": respected,
            "wants_contact": wants_contact,
            "wants_mentor": wants_mentor,
            "note": note.strip(),
            "seen_at": None,
            "seen_by": None,
            "mentor_seen_at": None,
        },
    )
    return checkin


@transaction.atomic
def checkin_seen(*, checkin: CheckIn, by: User) -> CheckIn:
    """The coach read the check-in (and answered a wish to talk), or the mentor answered a wish to talk
    to them."""
    checkin = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("trajectory__learner")
        .get(pk=checkin.pk)
    )
    access = access_for(by, checkin.trajectory)
    now = timezone.now()
    if access.can("view_checkins") and COACH in access:
        checkin.seen_at, checkin.seen_by = now, by
        checkin.save(update_fields=["seen_at", "seen_by"])
    elif MENTOR in access and checkin.wants_mentor:
        checkin.mentor_seen_at = now
        checkin.save(update_fields=["mentor_seen_at"])
    else:
        raise PermissionDenied
    return checkin


@dataclass(frozen=True)
class NewAgreement:
    action: str
    owner: User
    due_on: datetime.date


def _triad(trajectory: Trajectory) -> set[int]:
    return {user.pk for user, _part in trajectory.people()}


def _agreements(trajectory: Trajectory, agreements: list[NewAgreement], by: User, **link: object) -> None:
    people = _triad(trajectory)
    for agreement in agreements:
        if not agreement.action.strip():
            raise TrajectoryError(_("Say what was agreed."))
        if agreement.owner.pk not in people:
            raise TrajectoryError(_("Only someone of this trajectory can own an agreement."))
    Agreement.objects.bulk_create(
        Agreement(
            trajectory=trajectory,
            action=a.action.strip()[:300],
            owner=a.owner,
            due_on=a.due_on,
            created_by=by,
            **link,
        )
        for a in agreements
    )


@transaction.atomic
def contact_record(
    *,
    trajectory: Trajectory,
    by: User,
    kind: str,
    on: datetime.date,
    participants: list[User],
    notes: str = "",
    agreements: list[NewAgreement] = (),  # type: ignore[assignment]
) -> ContactMoment:
    """A visit, call or meeting, with who took part and what was agreed, in one go."""
    _require(by, trajectory, "record_contact")
    if kind not in ContactMoment.Kind.values:
        raise TrajectoryError(_("Choose the kind of contact."))
    if on > timezone.localdate():
        raise TrajectoryError(_("A contact moment that has not happened yet cannot be recorded."))
    people = _triad(trajectory)
    if not {p.pk for p in participants} <= people:
        raise TrajectoryError(_("Only people of this trajectory can take part."))
    contact = ContactMoment.objects.create(
        trajectory=trajectory, kind=kind, on=on, notes=notes.strip(), created_by=by
    )
    contact.participants.set({*participants, by} if by.pk in people else participants)
    _agreements(trajectory, list(agreements), by, contact=contact)
    return contact


@transaction.atomic
def agreement_add(
    *, trajectory: Trajectory, by: User, action: str, owner: User, due_on: datetime.date
) -> Agreement:
    _require(by, trajectory, "add_agreement")
    _require_running(trajectory)
    _agreements(trajectory, [NewAgreement(action, owner, due_on)], by)
    return trajectory.agreements.latest("pk")


@transaction.atomic
def agreement_done(*, agreement: Agreement, by: User, done: bool = True) -> Agreement:
    """Its owner, or the mentor or coach, ticks an agreement off (or opens it again)."""
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("trajectory__learner")
        .get(pk=agreement.pk)
    )
    if agreement.owner_id != by.pk:
        _require(by, agreement.trajectory, "add_agreement")
    agreement.done_at, agreement.done_by = (timezone.now(), by) if done else (None, None)
    agreement.save(update_fields=["done_at", "done_by"])
    return agreement


def check_attachment(upload: UploadedFile) -> None:
    """A photo (JPEG, PNG) or a PDF of at most 5 MB, by its name and by its first bytes."""
    name = (upload.name or "").lower()
    kind = next((t for ext, t in ATTACHMENT_TYPES.items() if name.endswith(ext)), None)
    if kind is None:
        raise TrajectoryError(_("Add a photo (JPG or PNG) or a PDF."))
    if upload.size is None or upload.size > ATTACHMENT_MAX_BYTES:
        raise TrajectoryError(_("The file is too large: at most 5 MB."))
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(MAGIC[kind]):
        raise TrajectoryError(_("This file is not the photo or PDF its name says."))


@transaction.atomic
def log_entry_add(
    *, trajectory: Trajectory, by: User, text: str, attachment: UploadedFile | None = None
) -> LogEntry:
    _require(by, trajectory, "write_log")
    _require_running(trajectory)
    if not text.strip():
        raise TrajectoryError(_("Write a few words."))
    if attachment is not None:
        check_attachment(attachment)
    entry = LogEntry(trajectory=trajectory, author=by, text=text.strip())
    if attachment is not None:
        entry.attachment.save(attachment.name, attachment, save=False)
    entry.save()
    return entry


@transaction.atomic
def absence_record(
    *,
    trajectory: Trajectory,
    by: User,
    where: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
    note: str = "",
) -> Absence:
    _require(by, trajectory, "record_absence")
    if where not in Absence.Where.values or reason not in Absence.Reason.values:
        raise TrajectoryError(_("Choose where and why."))
    if ends_on < starts_on:
        raise TrajectoryError(_("The absence must end on or after its first day."))
    if starts_on < trajectory.starts_on:
        raise TrajectoryError(_("The absence cannot start before the trajectory."))
    return Absence.objects.create(
        trajectory=trajectory,
        where=where,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        note=note.strip(),
        recorded_by=by,
    )


@transaction.atomic
def review_record(
    *,
    trajectory: Trajectory,
    by: User,
    held_on: datetime.date,
    summary: str,
    agreements: list[NewAgreement] = (),  # type: ignore[assignment]
    review_weeks: int,
) -> ProgressReview:
    """The coach writes down the triad's review and its decisions (as agreements); the next review is
    planned at the region's cadence."""
    trajectory = (
        Trajectory.objects.select_for_update(of=("self",)).select_related("learner").get(pk=trajectory.pk)
    )
    _require(by, trajectory, "review")
    _require_running(trajectory)
    if held_on > timezone.localdate():
        raise TrajectoryError(_("A review is recorded once it has been held."))
    review = ProgressReview.objects.create(
        trajectory=trajectory,
        due_on=trajectory.next_review_on or held_on,
        held_on=held_on,
        summary=summary.strip(),
        created_by=by,
    )
    _agreements(trajectory, list(agreements), by, review=review)
    trajectory.next_review_on = held_on + datetime.timedelta(weeks=review_weeks)
    trajectory.save(update_fields=["next_review_on", "updated_at"])
    return review


@transaction.atomic
def review_sign(*, review: ProgressReview, as_role: str, by: User) -> ReviewSignature:
    review = (
        ProgressReview.objects.select_for_update(of=("self",))
        .select_related("trajectory__learner")
        .get(pk=review.pk)
    )
    if as_role not in access_for(by, review.trajectory).sign_as:
        raise PermissionDenied
    needed = signers_needed(review.trajectory)
    if as_role not in needed:
        raise TrajectoryError(_("This review needs no signature in that role."))
    if review.signatures.filter(signed_as=as_role).exists():
        raise TrajectoryError(_("This review has already been signed in that role."))
    signature = ReviewSignature.objects.create(review=review, signer=by, signed_as=as_role)
    if set(needed) <= set(review.signatures.values_list("signed_as", flat=True)):
        review.signed_at = timezone.now()
        review.save(update_fields=["signed_at"])
    return signature
