"""Who may do what on a trajectory. `trajectories.queries.trajectories_for` reads by the same grounds.

A person's parts in a trajectory are worked out once per request (`access_for`); every page and service
then asks `access.can(action)`. Check-ins are the learner's word to the coach: the mentor never reads
them, only that the learner wants to talk to them.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.models import WorkplaceMentor
from werkbrug.trajectories.models import Trajectory

LEARNER, PARENT, MENTOR, COACH = "learner", "parent", "mentor", "coach"
PEER_COACH, JOBHUNTER, SCHOOL, COORDINATOR, STAFF = (
    "peer_coach",
    "jobhunter",
    "school",
    "coordinator",
    "staff",
)
TRIAD = frozenset({LEARNER, MENTOR, COACH})
FOLLOWERS = frozenset({MENTOR, COACH, PEER_COACH, JOBHUNTER})

# action -> the parts that may take it
ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset({LEARNER, PARENT, MENTOR, COACH, PEER_COACH, JOBHUNTER, SCHOOL, COORDINATOR, STAFF}),
    "view_plan": frozenset(
        {LEARNER, PARENT, MENTOR, COACH, PEER_COACH, JOBHUNTER, SCHOOL, COORDINATOR, STAFF}
    ),
    "edit_plan": frozenset({MENTOR, COACH}),
    "view_evaluations": frozenset({LEARNER, PARENT, MENTOR, COACH, PEER_COACH, SCHOOL, STAFF}),
    "evaluate": TRIAD,
    "view_checkins": frozenset({LEARNER, COACH, STAFF}),
    "checkin": frozenset({LEARNER}),
    "record_contact": FOLLOWERS,
    "add_agreement": frozenset({MENTOR, COACH, PEER_COACH, JOBHUNTER}),
    "view_log": frozenset({LEARNER, PARENT, MENTOR, COACH, PEER_COACH, STAFF}),
    "write_log": frozenset({LEARNER, MENTOR}),
    "record_absence": frozenset({MENTOR, COACH}),
    "review": frozenset({COACH}),
    "manage": frozenset({COACH, SCHOOL, STAFF}),  # pause, resume, end, follow-up, people
    "answer_survey": frozenset({LEARNER, MENTOR}),
}


@dataclass(frozen=True)
class Access:
    """The parts a person plays in one trajectory."""

    roles: frozenset[str]

    def can(self, action: str) -> bool:
        return bool(self.roles & ACTIONS[action])

    def __contains__(self, role: str) -> bool:
        return role in self.roles

    @property
    def allowed(self) -> frozenset[str]:
        """Every action this person may take here (for templates: `"evaluate" in access.allowed`)."""
        return frozenset(action for action, parts in ACTIONS.items() if parts & self.roles)

    @property
    def sign_as(self) -> list[str]:
        """The signatures this person can put on a plan or review of this trajectory."""
        return [r for r in (LEARNER, PARENT, MENTOR, COACH) if r in self.roles]

    @property
    def evaluate_as(self) -> str | None:
        return next((r for r in (MENTOR, COACH, LEARNER) if r in self.roles), None)


def access_for(user: User, trajectory: Trajectory) -> Access:
    """Every part `user` plays in `trajectory` today (none: no access)."""
    if not (user.is_authenticated and user.is_active):
        return Access(frozenset())
    roles: set[str] = set()
    learner = trajectory.learner
    if user.is_staff:
        roles.add(STAFF)
    if learner.user_id == user.pk:
        roles.add(LEARNER)
    if learner.parents.filter(pk=user.pk).exists():
        roles.add(PARENT)
    workplaces = [w for w in (trajectory.workplace_id, trajectory.second_workplace_id) if w]
    if (
        trajectory.mentor_id == user.pk
        or WorkplaceMentor.objects.filter(mentor=user, workplace_id__in=workplaces).exists()
    ):
        roles.add(MENTOR)
    if trajectory.peer_coach_id == user.pk:
        roles.add(PEER_COACH)
    if trajectory.jobhunter_id == user.pk:
        roles.add(JOBHUNTER)
    held = set(
        Membership.objects.current(timezone.localdate())
        .filter(user=user)
        .filter(
            Q(organisation_id=learner.school_id)
            | Q(role=Role.COORDINATOR, organisation__region_id=learner.school.region_id)
        )
        .values_list("role", "organisation_id", "organisation__kind")
    )
    for role, organisation_id, kind in held:
        if organisation_id == learner.school_id and role == Role.COACH:
            roles.add(COACH)
        elif organisation_id == learner.school_id and role == Role.ORG_ADMIN:
            roles.add(SCHOOL)
        elif role == Role.COORDINATOR and kind == "network":
            roles.add(COORDINATOR)
    if trajectory.coach_id == user.pk:
        roles.add(COACH)
    return Access(frozenset(roles))
