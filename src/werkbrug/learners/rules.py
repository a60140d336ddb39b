"""Who may open a learner's file. `learners.queries.learners_for` filters by the same grounds."""

import rules

from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import Membership, Role, User


@rules.predicate
def is_the_learner(user: User, learner: LearnerProfile) -> bool:
    return learner.user_id == user.pk


@rules.predicate
def is_parent_of(user: User, learner: LearnerProfile) -> bool:
    return learner.parents.filter(pk=user.pk).exists()


def _member_of_school(user: User, learner: LearnerProfile, roles: list[str]) -> bool:
    return (
        Membership.objects.current()
        .filter(user=user, role__in=roles, organisation_id=learner.school_id)
        .exists()
    )


@rules.predicate
def is_coach_of(user: User, learner: LearnerProfile) -> bool:
    return _member_of_school(user, learner, [Role.COACH])


@rules.predicate
def is_school_admin_of(user: User, learner: LearnerProfile) -> bool:
    return _member_of_school(user, learner, [Role.ORG_ADMIN])


@rules.predicate
def places_learners_of(user: User, learner: LearnerProfile) -> bool:
    """A job hunter of the school, or a job hunter or coordinator of the school's region."""
    if _member_of_school(user, learner, [Role.JOBHUNTER]):
        return True
    return (
        Membership.objects.current()
        .filter(
            user=user,
            role__in=[Role.JOBHUNTER, Role.COORDINATOR],
            organisation__region_id=learner.school.region_id,
            organisation__kind="network",
        )
        .exists()
    )


is_staff = rules.is_staff

rules.add_perm(
    "learners.view_learnerprofile",
    is_the_learner | is_parent_of | is_coach_of | is_school_admin_of | places_learners_of | is_staff,
)
rules.add_perm("learners.change_learnerprofile", is_coach_of | is_school_admin_of | is_staff)
# Support needs are for those who support the learner; they reach others only through matching.
rules.add_perm("learners.view_support_needs", is_the_learner | is_parent_of | is_coach_of | is_staff)
# The log of who opened the file is for the learner, the parents who speak for a minor, and the coach.
rules.add_perm("learners.view_file_reads", is_the_learner | is_parent_of | is_coach_of)
rules.add_perm("learners.invite_parent", is_coach_of)

GROUNDS = (
    ("learner", is_the_learner),
    ("parent", is_parent_of),
    ("coach", is_coach_of),
    ("school_admin", is_school_admin_of),
    ("placement", places_learners_of),
    ("staff", is_staff),
)


def access_ground(user: User, learner: LearnerProfile) -> str:
    """Why the user may see this file (kept in the read log), or '' when they may not."""
    return next((name for name, predicate in GROUNDS if predicate.test(user, learner)), "")
