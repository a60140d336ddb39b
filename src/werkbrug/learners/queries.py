from django.db.models import Q, QuerySet

from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import Membership, Role, User


def learners_for(user: User) -> QuerySet[LearnerProfile]:
    """The learners whose file the user may open: themselves, their children, their school's learners."""
    qs = LearnerProfile.objects.select_related("user", "school")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_staff:
        return qs
    coached_schools = (
        Membership.objects.current().filter(user=user, role=Role.COACH).values("organisation_id")
    )
    children = LearnerProfile.parents.through.objects.filter(user=user).values("learnerprofile_id")
    return qs.filter(Q(user=user) | Q(pk__in=children) | Q(school_id__in=coached_schools))


def coached_learners(user: User) -> QuerySet[LearnerProfile]:
    """The learners of the schools where the user is a coach, for the caseload."""
    coached_schools = (
        Membership.objects.current().filter(user=user, role=Role.COACH).values("organisation_id")
    )
    return LearnerProfile.objects.select_related("user", "school").filter(school_id__in=coached_schools)


def children_of(user: User) -> QuerySet[LearnerProfile]:
    return LearnerProfile.objects.select_related("user", "school").filter(parents=user)
