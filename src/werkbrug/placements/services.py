"""Changes to the workplace register. Each service runs in one transaction and refuses with a reason."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.competences.models import Competence
from werkbrug.organisations.models import Programme
from werkbrug.people.models import User
from werkbrug.placements.models import Capacity, Recognition, Workplace, WorkplaceCompetence, WorkplaceMentor
from werkbrug.placements.queries import employer_mentors, recognitions_reviewed_by, workplaces_managed_by

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
