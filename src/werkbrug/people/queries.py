from django.db.models import Count, Q, QuerySet

from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation, Region
from werkbrug.people.models import Invitation, Membership, Role, User


def invitations_for(user: User) -> QuerySet[Invitation]:
    """Invitations the user sent, or that were sent into an organisation they administer."""
    qs = Invitation.objects.select_related("organisation", "invited_by", "learner__user")
    if user.is_staff:
        return qs
    administered = (
        Membership.objects.current().filter(user=user, role=Role.ORG_ADMIN).values("organisation_id")
    )
    return qs.filter(Q(invited_by=user) | Q(organisation_id__in=administered))


def members_of(user: User, organisation: Organisation) -> QuerySet[Membership]:
    """Current members of an organisation, for its admin (or platform staff)."""
    qs = (
        Membership.objects.current()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "role")
    )
    administers = (
        Membership.objects.current()
        .filter(user=user, organisation=organisation, role=Role.ORG_ADMIN)
        .exists()
    )
    return qs if user.is_staff or administers else qs.none()


def region_overview(region: Region) -> dict[str, object]:
    """Counts a coordinator sees for their region; no personal data."""
    by_kind = dict(
        Organisation.objects.filter(region=region).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    return {
        "organisations": [(label, by_kind.get(kind, 0)) for kind, label in Organisation.Kind.choices],
        "learners": LearnerProfile.objects.filter(school__region=region).count(),
        "mentors": Membership.objects.current()
        .filter(organisation__region=region, role=Role.MENTOR)
        .values("user")
        .distinct()
        .count(),
    }
