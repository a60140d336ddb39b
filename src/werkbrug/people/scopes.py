"""Where a person's roles reach: the organisations and regions behind their current memberships.

The building blocks of every `queries.py`: each returns a subquery, so a list filtered by it stays one
query whatever the number of memberships.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from werkbrug.people.models import Membership, Role, User

# Roles that work across their organisation's region, not only inside their own organisation.
REGION_WIDE = (Role.COORDINATOR, Role.JOBHUNTER, Role.COACH)
# Roles of staff in an organisation (everyone except learners and parents).
WORKING_ROLES = (Role.MENTOR, Role.COACH, Role.JOBHUNTER, Role.PEER_COACH, Role.COORDINATOR, Role.ORG_ADMIN)


def signed_in(user: User) -> bool:
    """An active, authenticated person: anyone else sees nothing."""
    return user.is_authenticated and user.is_active


def memberships(user: User, roles: Iterable[str]) -> QuerySet[Membership]:
    """The user's current memberships in any of `roles`."""
    return Membership.objects.current().filter(user=user, role__in=list(roles))


def organisation_ids(user: User, roles: Iterable[str]) -> QuerySet:
    """Subquery: the organisations where the user holds one of `roles` today."""
    return memberships(user, roles).values("organisation_id")


def region_ids(user: User, roles: Iterable[str]) -> QuerySet:
    """Subquery: the regions of the organisations where the user holds one of `roles` today."""
    return memberships(user, roles).values("organisation__region_id")


def holds(user: User, roles: Iterable[str]) -> bool:
    return user.is_authenticated and memberships(user, roles).exists()
