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


@rules.predicate
def is_coach_of(user: User, learner: LearnerProfile) -> bool:
    return (
        Membership.objects.current()
        .filter(user=user, role=Role.COACH, organisation_id=learner.school_id)
        .exists()
    )


is_staff = rules.is_staff

rules.add_perm("learners.view_learnerprofile", is_the_learner | is_parent_of | is_coach_of | is_staff)
# The log of who opened the file is for the learner, the parents who speak for a minor, and the coach.
rules.add_perm("learners.view_file_reads", is_the_learner | is_parent_of | is_coach_of)
rules.add_perm("learners.invite_parent", is_coach_of)

GROUNDS = (("learner", is_the_learner), ("parent", is_parent_of), ("coach", is_coach_of), ("staff", is_staff))


def access_ground(user: User, learner: LearnerProfile) -> str:
    """Why the user may see this file (kept in the read log), or '' when they may not."""
    return next((name for name, predicate in GROUNDS if predicate.test(user, learner)), "")
