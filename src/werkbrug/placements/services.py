"""Changes to the workplace register. Each service runs in one transaction and refuses with a reason."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbrug.competences.models import Competence
from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.rules import is_parent_of, is_the_learner
from werkbrug.learners.services import consent_giver_role
from werkbrug.organisations.models import Programme
from werkbrug.people.models import User
from werkbrug.placements.models import (
    AllocationRound,
    Application,
    CandidateRank,
    Capacity,
    PlaceWish,
    Recognition,
    Waitlist,
    Workplace,
    WorkplaceCompetence,
    WorkplaceMentor,
)
from werkbrug.placements.queries import (
    employer_mentors,
    places_taken,
    recognitions_reviewed_by,
    workplaces_managed_by,
)
from werkbrug.placements.rules import employer_side, school_side
from werkbrug.trajectories.services import TrajectoryError, trajectory_start

DEFAULT_RECOGNITION_YEARS = 5


def _years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class PlacementError(Exception):
    """A user-facing refusal; the message is translated."""


def _require_manager(by: User, workplace: Workplace) -> None:
    if workplace.pk and not workplaces_managed_by(by).filter(pk=workplace.pk).exists():
        raise PermissionDenied


@transaction.atomic
def workplace_save(*, workplace: Workplace, by: User) -> Workplace:
    """Create or change a workplace; its site must belong to its employer."""
    _require_manager(by, workplace)
    if workplace.site.organisation_id != workplace.employer_id:
        raise PlacementError(_("This site belongs to another organisation."))
    workplace.save()
    return workplace


@transaction.atomic
def workplace_competences_set(*, workplace: Workplace, levels: dict[Competence, int], by: User) -> None:
    """Set what the workplace teaches: competence -> level reachable. Competences left out are removed."""
    _require_manager(by, workplace)
    WorkplaceCompetence.objects.filter(workplace=workplace).exclude(competence__in=list(levels)).delete()
    existing = {wc.competence_id: wc for wc in WorkplaceCompetence.objects.filter(workplace=workplace)}
    changed = []
    for competence, level in levels.items():
        if competence.pk in existing and existing[competence.pk].level != level:
            existing[competence.pk].level = level
            changed.append(existing[competence.pk])
    WorkplaceCompetence.objects.bulk_update(changed, ["level"])
    WorkplaceCompetence.objects.bulk_create(
        WorkplaceCompetence(workplace=workplace, competence=c, level=level)
        for c, level in levels.items()
        if c.pk not in existing
    )


@transaction.atomic
def workplace_mentors_set(*, workplace: Workplace, mentors: list[User], by: User) -> None:
    """Name the workplace's mentors; each must be a current mentor at the employer."""
    _require_manager(by, workplace)
    allowed = set(employer_mentors(workplace).values_list("pk", flat=True))
    if not {m.pk for m in mentors} <= allowed:
        raise PlacementError(_("Only mentors of this employer can be named."))
    WorkplaceMentor.objects.filter(workplace=workplace).exclude(mentor__in=mentors).delete()
    have = set(WorkplaceMentor.objects.filter(workplace=workplace).values_list("mentor_id", flat=True))
    WorkplaceMentor.objects.bulk_create(
        WorkplaceMentor(workplace=workplace, mentor=m) for m in mentors if m.pk not in have
    )


@transaction.atomic
def capacity_set(
    *, workplace: Workplace, starts_on: datetime.date, ends_on: datetime.date, places: int, by: User
) -> Capacity:
    """Set the number of places in a period; a period that overlaps another one is refused."""
    _require_manager(by, workplace)
    if ends_on <= starts_on:
        raise PlacementError(_("The period must end after it starts."))
    overlapping = (
        Capacity.objects.select_for_update()
        .filter(workplace=workplace, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exclude(starts_on=starts_on)
    )
    if overlapping.exists():
        raise PlacementError(_("This period overlaps another period of this workplace."))
    capacity, _created = Capacity.objects.update_or_create(
        workplace=workplace, starts_on=starts_on, defaults={"ends_on": ends_on, "places": places}
    )
    return capacity


@transaction.atomic
def recognition_apply(*, workplace: Workplace, programme: Programme, by: User) -> Recognition:
    """The employer asks the region to recognise a workplace for a programme."""
    _require_manager(by, workplace)
    if programme.school.region_id != workplace.employer.region_id:
        raise PlacementError(_("Choose a programme of your own region."))
    open_ones = Recognition.objects.select_for_update().filter(
        workplace=workplace,
        programme=programme,
        status__in=[Recognition.Status.APPLIED, Recognition.Status.GRANTED],
    )
    if open_ones.exists():
        raise PlacementError(
            _("This workplace already has an application or recognition for this programme.")
        )
    return Recognition.objects.create(workplace=workplace, programme=programme, applied_by=by)


def _locked_for_review(recognition: Recognition, by: User) -> Recognition:
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    if not recognitions_reviewed_by(by).filter(pk=recognition.pk).exists():
        raise PermissionDenied
    return recognition


@transaction.atomic
def recognition_grant(
    *,
    recognition: Recognition,
    by: User,
    starts_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    note: str = "",
) -> Recognition:
    """Recognise the workplace: it needs a named mentor, who is to follow mentor training within a year."""
    recognition = _locked_for_review(recognition, by)
    if recognition.status != Recognition.Status.APPLIED:
        raise PlacementError(_("Only an open application can be recognised."))
    if not recognition.workplace.mentors.exists():
        raise PlacementError(_("Name a mentor for this workplace first: recognition needs one."))
    starts_on = starts_on or timezone.localdate()
    expires_on = expires_on or _years_later(starts_on, DEFAULT_RECOGNITION_YEARS)
    if expires_on <= starts_on:
        raise PlacementError(_("The recognition must end after it starts."))
    recognition.status = Recognition.Status.GRANTED
    recognition.starts_on, recognition.expires_on = starts_on, expires_on
    recognition.number = f"WB-{starts_on.year}-{recognition.pk:06d}"
    recognition.reviewed_by, recognition.reviewed_at, recognition.note = by, timezone.now(), note
    recognition.save(
        update_fields=[
            "status",
            "starts_on",
            "expires_on",
            "number",
            "reviewed_by",
            "reviewed_at",
            "note",
            "updated_at",
        ]
    )
    return recognition


@transaction.atomic
def recognition_refuse(*, recognition: Recognition, by: User, note: str) -> Recognition:
    recognition = _locked_for_review(recognition, by)
    if recognition.status != Recognition.Status.APPLIED:
        raise PlacementError(_("Only an open application can be refused."))
    if not note.strip():
        raise PlacementError(_("Say why, so the employer knows what to change."))
    recognition.status = Recognition.Status.REFUSED
    recognition.reviewed_by, recognition.reviewed_at, recognition.note = by, timezone.now(), note
    recognition.save(update_fields=["status", "reviewed_by", "reviewed_at", "note", "updated_at"])
    return recognition


@transaction.atomic
def recognition_withdraw(*, recognition: Recognition, by: User, reason: str) -> Recognition:
    recognition = _locked_for_review(recognition, by)
    if recognition.status != Recognition.Status.GRANTED:
        raise PlacementError(_("Only a recognition in force can be withdrawn."))
    if not reason.strip():
        raise PlacementError(_("Give the reason for the withdrawal."))
    recognition.status = Recognition.Status.WITHDRAWN
    recognition.withdrawn_at, recognition.withdrawal_reason = timezone.now(), reason
    recognition.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    return recognition


# -- applications --------------------------------------------------------------------------------------


def _notify(application: Application, event: str) -> None:
    """E-mail the people who must act next, once the transaction has committed."""
    from werkbrug.placements.tasks import application_notify

    transaction.on_commit(
        lambda: application_notify.enqueue(application.pk, event, translation.get_language() or "nl")
    )


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("learner__school", "workplace")
        .get(pk=application.pk)
    )


def _require_open(application: Application) -> None:
    if not application.is_open:
        raise PlacementError(_("This application has already been decided."))


def _recognised_today(workplace: Workplace, learner: LearnerProfile) -> bool:
    return Recognition.objects.filter(
        Recognition.in_force(timezone.localdate()), workplace=workplace, programme_id=learner.programme_id
    ).exists()


@transaction.atomic
def application_propose(
    *,
    learner: LearnerProfile,
    workplace: Workplace,
    by: User,
    score: float | None = None,
    explanation: list[dict] | None = None,
    note: str = "",
    round: AllocationRound | None = None,
    notify: bool = True,
) -> Application:
    """Propose a learner to a workplace; the employer reads them blind until an introduction is agreed."""
    if round is None and not by.has_perm("placements.propose", learner):
        raise PermissionDenied
    if not _recognised_today(workplace, learner):
        raise PlacementError(_("This workplace is not recognised for the learner's programme."))
    if Application.objects.filter(learner=learner, workplace=workplace, status__in=Application.OPEN).exists():
        raise PlacementError(_("This learner has already been proposed to this workplace."))
    application = Application.objects.create(
        learner=learner,
        workplace=workplace,
        proposed_by=by,
        score=score,
        explanation=explanation or [],
        note=note,
        round=round,
    )
    if notify:
        _notify(application, "proposed")
    return application


@transaction.atomic
def application_agree_introduction(*, application: Application, by: User, notify: bool = True) -> Application:
    """The learner (an adult) or a parent (for a minor) agrees that the employer may meet them by name."""
    application = _locked(application)
    _require_open(application)
    if consent_giver_role(by, application.learner) is None:
        raise PermissionDenied
    if not application.is_blind:
        return application
    application.introduction_agreed_by = by
    application.introduction_agreed_at = timezone.now()
    application.save(update_fields=["introduction_agreed_by", "introduction_agreed_at", "updated_at"])
    if notify:
        _notify(application, "introduction_agreed")
    return application


@transaction.atomic
def application_plan_introduction(
    *, application: Application, on: datetime.date, by: User, notify: bool = True
) -> Application:
    """Set the date of the introduction (kennismaking): the employer's side or the school's."""
    application = _locked(application)
    _require_open(application)
    if not (employer_side(by, application) or school_side(by, application)):
        raise PermissionDenied
    if application.is_blind:
        raise PlacementError(_("The learner or a parent has not agreed to an introduction yet."))
    if on < timezone.localdate():
        raise PlacementError(_("The introduction cannot be in the past."))
    application.introduction_on = on
    application.status = Application.Status.INTRODUCED
    application.save(update_fields=["introduction_on", "status", "updated_at"])
    if notify:
        _notify(application, "introduction_planned")
    return application


@transaction.atomic
def application_accept(*, application: Application, by: User) -> Application:
    """The employer takes the learner: one place of today's period, under a row lock.

    The capacity row is locked before the places are counted, so two people accepting at once for the
    last place wait for each other and the second is refused. The learner's other open applications
    are withdrawn, the learner leaves the waiting list and the trajectory starts with its plan drafted.
    """
    application = _locked(application)
    _require_open(application)
    if not by.has_perm("placements.decide", application.workplace):
        raise PermissionDenied
    if application.is_blind:
        raise PlacementError(_("The learner or a parent has not agreed to an introduction yet."))
    today = timezone.localdate()
    capacity = (
        Capacity.objects.select_for_update()
        .filter(Capacity.covering(today), workplace=application.workplace)
        .order_by("starts_on")
        .first()
    )
    taken = places_taken([capacity.pk]).get(capacity.pk, 0) if capacity else 0
    if capacity is None or taken >= capacity.places:
        raise PlacementError(_("This workplace has no place left in this period."))
    now = timezone.now()
    application.status = Application.Status.ACCEPTED
    application.capacity = capacity
    application.decided_by, application.decided_at = by, now
    application.save(update_fields=["status", "capacity", "decided_by", "decided_at", "updated_at"])
    learner = application.learner
    learner.status = LearnerProfile.Status.PLACED
    learner.save(update_fields=["status", "updated_at"])
    workplace = application.workplace
    workplace.last_learner_started_on = today
    fields = ["last_learner_started_on", "updated_at"]
    if taken + 1 >= capacity.places:
        workplace.status = Workplace.Status.FULL
        fields.append("status")
    workplace.save(update_fields=fields)
    others = list(
        Application.objects.select_for_update()
        .filter(learner=learner, status__in=Application.OPEN)
        .exclude(pk=application.pk)
    )
    for other in others:
        other.status = Application.Status.WITHDRAWN
        other.decline_reason = Application.DeclineReason.LEARNER_CHOSE_OTHER
        other.decided_at = now
        other.save(update_fields=["status", "decline_reason", "decided_at", "updated_at"])
        _notify(other, "withdrawn")
    Waitlist.objects.filter(learner=learner, resolved_at__isnull=True).update(resolved_at=now)
    try:
        trajectory_start(application=application, by=by)
    except TrajectoryError as error:
        raise PlacementError(str(error)) from error
    _notify(application, "accepted")
    return application


@transaction.atomic
def application_decline(*, application: Application, by: User, reason: str, note: str = "") -> Application:
    """Either side says no, with a coded reason (and a note for 'other')."""
    application = _locked(application)
    _require_open(application)
    may = (
        by.has_perm("placements.decide", application.workplace)
        or school_side(by, application)
        or consent_giver_role(by, application.learner) is not None
    )
    if not may:
        raise PermissionDenied
    if reason not in Application.DeclineReason.values:
        raise PlacementError(_("Choose a reason."))
    if reason == Application.DeclineReason.OTHER and not note.strip():
        raise PlacementError(_("Say in a few words why."))
    application.status = Application.Status.DECLINED
    application.decline_reason, application.decline_note = reason, note.strip()
    application.decided_by, application.decided_at = by, timezone.now()
    application.save(
        update_fields=["status", "decline_reason", "decline_note", "decided_by", "decided_at", "updated_at"]
    )
    _notify(application, "declined")
    return application


@transaction.atomic
def placement_end_early(*, application: Application, by: User) -> Application:
    """A placement ended early: the place is free again and the learner goes back on the waiting list."""
    application = _locked(application)
    if application.status != Application.Status.ACCEPTED or application.place_freed_at is not None:
        raise PlacementError(_("Only a running placement can end early."))
    if not school_side(by, application):
        raise PermissionDenied
    now = timezone.now()
    application.place_freed_at = now
    application.save(update_fields=["place_freed_at", "updated_at"])
    workplace = application.workplace
    if workplace.status == Workplace.Status.FULL:
        workplace.status = Workplace.Status.OPEN
        workplace.save(update_fields=["status", "updated_at"])
    learner = application.learner
    learner.status = LearnerProfile.Status.SEEKING
    learner.save(update_fields=["status", "updated_at"])
    Waitlist.objects.get_or_create(
        learner=learner,
        resolved_at__isnull=True,
        defaults={"region_id": learner.school.region_id, "reason": Waitlist.Reason.ENDED_EARLY},
    )
    _notify(application, "ended_early")
    return application


@transaction.atomic
def place_wishes_set(*, learner: LearnerProfile, workplaces: list[Workplace], by: User) -> None:
    """The learner's own list of places, in order; the learner or a parent, or the coach with them."""
    own = is_the_learner.test(by, learner) or is_parent_of.test(by, learner)
    if not (own or by.has_perm("placements.propose", learner)):
        raise PermissionDenied
    if len(set(workplaces)) != len(workplaces):
        raise PlacementError(_("Each place can be on the list once."))
    PlaceWish.objects.filter(learner=learner).delete()
    PlaceWish.objects.bulk_create(
        PlaceWish(learner=learner, workplace=w, rank=rank) for rank, w in enumerate(workplaces, start=1)
    )


@transaction.atomic
def candidate_ranks_set(*, workplace: Workplace, learners: list[LearnerProfile], by: User) -> None:
    """The employer's own order of suggested candidates."""
    if not by.has_perm("placements.see_candidates", workplace):
        raise PermissionDenied
    CandidateRank.objects.filter(workplace=workplace).delete()
    CandidateRank.objects.bulk_create(
        CandidateRank(workplace=workplace, learner=p, rank=rank) for rank, p in enumerate(learners, start=1)
    )
