"""Who may act on applications. `placements.queries.applications_for` reads by the same grounds."""

import rules

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.rules import is_coach_of, places_learners_of
from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.models import Application, Workplace


@rules.predicate
def of_the_employer(user: User, workplace: Workplace) -> bool:
    """An admin or mentor of the workplace's employer."""
    return (
        Membership.objects.current()
        .filter(user=user, organisation_id=workplace.employer_id, role__in=[Role.ORG_ADMIN, Role.MENTOR])
        .exists()
    )


@rules.predicate
def admin_of_the_employer(user: User, workplace: Workplace) -> bool:
    return (
        Membership.objects.current()
        .filter(user=user, organisation_id=workplace.employer_id, role=Role.ORG_ADMIN)
        .exists()
    )


@rules.predicate
def places_the_learner(user: User, learner: LearnerProfile) -> bool:
    """The coach of the learner's school, or a job hunter or coordinator who places the learner."""
    return is_coach_of.test(user, learner) or places_learners_of.test(user, learner)


rules.add_perm("placements.propose", places_the_learner | rules.is_staff)
rules.add_perm("placements.see_candidates", of_the_employer | rules.is_staff)
rules.add_perm("placements.decide", admin_of_the_employer | rules.is_staff)


def employer_side(user: User, application: Application) -> bool:
    return user.is_staff or of_the_employer.test(user, application.workplace)


def school_side(user: User, application: Application) -> bool:
    return user.is_staff or places_the_learner.test(user, application.learner)
