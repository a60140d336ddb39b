from django.db.models import Q, QuerySet

from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Membership, Role, User
from werkbrug.people.scopes import organisation_ids, signed_in


def _network_region_ids(user: User) -> QuerySet:
    return (
        Membership.objects.current()
        .filter(
            user=user,
            role__in=[Role.JOBHUNTER, Role.COORDINATOR],
            organisation__kind=Organisation.Kind.NETWORK,
        )
        .values("organisation__region_id")
    )


def learners_for(user: User) -> QuerySet[LearnerProfile]:
    """The learners whose file the user may open (the grounds of `learners.rules`)."""
    qs = LearnerProfile.objects.select_related("user", "school", "programme")
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    children = LearnerProfile.parents.through.objects.filter(user=user).values("learnerprofile_id")
    return qs.filter(
        Q(user=user)
        | Q(pk__in=children)
        | Q(school_id__in=organisation_ids(user, [Role.COACH, Role.ORG_ADMIN, Role.JOBHUNTER]))
        | Q(school__region_id__in=_network_region_ids(user))
    )


def learners_managed_by(user: User) -> QuerySet[LearnerProfile]:
    """Learners whose profile the user may change: their school's, as its coach or admin."""
    qs = LearnerProfile.objects.select_related("user", "school", "programme")
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(school_id__in=organisation_ids(user, [Role.COACH, Role.ORG_ADMIN]))


def schools_for_new_learners(user: User) -> QuerySet[Organisation]:
    """Schools where the user may add a learner."""
    qs = Organisation.objects.filter(
        kind__in=[
            Organisation.Kind.SCHOOL,
            Organisation.Kind.TRAINING_CENTRE,
            Organisation.Kind.PUBLIC_SERVICE,
        ]
    ).order_by("name")
    if user.is_staff:
        return qs
    return qs.filter(pk__in=organisation_ids(user, [Role.COACH, Role.ORG_ADMIN]))


def coached_learners(user: User) -> QuerySet[LearnerProfile]:
    """The learners of the schools where the user is a coach, for the caseload."""
    return LearnerProfile.objects.select_related("user", "school", "programme").filter(
        school_id__in=organisation_ids(user, [Role.COACH])
    )


def children_of(user: User) -> QuerySet[LearnerProfile]:
    return LearnerProfile.objects.select_related("user", "school", "programme").filter(parents=user)
