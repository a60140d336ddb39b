"""Changing who follows a running trajectory and its terms: a new mentor or coach, a peer coach or job
hunter named, a later planned end, the days and hours a week. Each change is kept with what it was, the
people newly named are told by e-mail, and the open agreements of a mentor or coach who hands over go to
their successor (a new coach also becomes the learner's own coach)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Membership, Role, User
from werkbrug.trajectories.models import Trajectory, TrajectoryChange
from werkbrug.trajectories.services.errors import TrajectoryError
from werkbrug.trajectories.services.lifecycle import _locked
from werkbrug.trajectories.tasks import named_notify

PEOPLE = tuple(TrajectoryChange.PARTS)
TERMS = ("ends_on", "agreement_type", "workplace_days", "school_days", "workplace_hours", "school_hours")
CHANGEABLE = PEOPLE + TERMS
# Who hands over their open agreements to their successor.
HAND_OVER = ("mentor", "coach")
WEEK_DAYS = 7
WEEK_HOURS = 60


def candidates(trajectory: Trajectory) -> dict[str, QuerySet[User]]:
    """Who may be named in each part: the workplaces' mentors; the school's coaches and peer coaches;
    the job hunters of the school and of the region's network. The person named now always stays a choice."""
    today = timezone.localdate()
    learner = trajectory.learner
    current = Membership.objects.current(today)
    workplaces = [w for w in (trajectory.workplace_id, trajectory.second_workplace_id) if w]

    def of(condition: Q, named: int | None) -> QuerySet[User]:
        keep = condition | Q(pk=named) if named else condition
        return User.objects.filter(keep, is_active=True).distinct().order_by("full_name", "pk")

    school = current.filter(organisation_id=learner.school_id)
    networks = current.filter(
        organisation__region_id=learner.school.region_id,
        organisation__kind=Organisation.Kind.NETWORK,
    )
    return {
        "mentor": of(Q(mentoring__workplace_id__in=workplaces), trajectory.mentor_id),
        "coach": of(Q(pk__in=school.filter(role=Role.COACH).values("user_id")), trajectory.coach_id),
        "peer_coach": of(
            Q(pk__in=school.filter(role=Role.PEER_COACH).values("user_id")), trajectory.peer_coach_id
        ),
        "jobhunter": of(
            Q(pk__in=school.filter(role=Role.JOBHUNTER).values("user_id"))
            | Q(pk__in=networks.filter(role=Role.JOBHUNTER).values("user_id")),
            trajectory.jobhunter_id,
        ),
    }


def _stored(value: object) -> object:
    """A value as the change record keeps it (JSON): a person by key, a date as ISO text, days as text."""
    if isinstance(value, User):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _check(trajectory: Trajectory, after: dict[str, object], changed: dict[str, list]) -> None:
    today = timezone.localdate()
    if after["ends_on"] <= max(trajectory.starts_on, today):
        raise TrajectoryError(
            _("The planned end must lie after the start and after today. To stop now, end the trajectory.")
        )
    if after["agreement_type"] not in Trajectory.AgreementType.values:
        raise TrajectoryError(_("Choose an agreement."))
    if after["workplace_days"] + after["school_days"] > WEEK_DAYS:
        raise TrajectoryError(_("The workplace and school days add up to more than a week."))
    hours = [h for h in (after["workplace_hours"], after["school_hours"]) if h is not None]
    if sum(hours) > WEEK_HOURS:
        raise TrajectoryError(_("The hours add up to more than %(n)s a week.") % {"n": WEEK_HOURS})
    allowed = candidates(trajectory)
    for part in PEOPLE:  # the people named before are always allowed: only the new ones are looked up
        person = after[part]
        if part in changed and person is not None and not allowed[part].filter(pk=person.pk).exists():
            raise TrajectoryError(
                _("%(name)s cannot be named %(part)s of this trajectory.")
                % {"name": person.full_name or person.email, "part": TrajectoryChange.PARTS[part]}
            )


@transaction.atomic
def trajectory_change(
    *, trajectory: Trajectory, by: User, note: str = "", **values: object
) -> TrajectoryChange:
    """Change the parts and terms in `values` (keys from `CHANGEABLE`; a person may be None for the
    optional parts). Refuses an ended trajectory, a change that changes nothing, and anyone not eligible."""
    unknown = set(values) - set(CHANGEABLE)
    if unknown:
        raise ValueError(f"not changeable here: {sorted(unknown)}")
    trajectory = _locked(trajectory, by)
    if trajectory.status == Trajectory.Status.ENDED:
        raise TrajectoryError(_("This trajectory has ended: it can no longer be changed."))
    if values.get("mentor", trajectory.mentor) is None or values.get("coach", trajectory.coach) is None:
        raise TrajectoryError(_("A trajectory always has a mentor and a trajectory coach."))
    before = {name: getattr(trajectory, name) for name in CHANGEABLE}
    after = before | values
    changed = {
        name: [_stored(before[name]), _stored(after[name])]
        for name in CHANGEABLE
        if _stored(before[name]) != _stored(after[name])
    }
    if not changed:
        raise TrajectoryError(_("Nothing was changed."))
    _check(trajectory, after, changed)
    for name in changed:
        setattr(trajectory, name, after[name])
    trajectory.save(update_fields=[*changed, "updated_at"])
    moved = 0
    for part in HAND_OVER:
        if part in changed:
            moved += trajectory.agreements.filter(done_at__isnull=True, owner=before[part]).update(
                owner=after[part]
            )
    learner = trajectory.learner
    if "coach" in changed and learner.coach_id in (None, before["coach"].pk):
        learner.coach = after["coach"]  # the learner's own coach follows the hand-over (their list, caseload)
        learner.save(update_fields=["coach", "updated_at"])
    change = TrajectoryChange.objects.create(
        trajectory=trajectory, changes=changed, note=note.strip(), agreements_moved=moved, created_by=by
    )
    if change.named:
        language = translation.get_language() or "nl"
        transaction.on_commit(lambda: named_notify.enqueue(change.pk, language))
    return change
