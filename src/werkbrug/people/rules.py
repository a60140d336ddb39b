"""Who may do what with people and invitations (object-level rules, django-rules)."""

import rules
from django.db.models import Q, QuerySet

from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Membership, Role, User
from werkbrug.people.roles import ROLES_BY_KIND

# What each role may invite, and where: (invited role, "own" organisation | "employer" in the same region).
INVITES: dict[str, list[tuple[str, str]]] = {
    Role.ORG_ADMIN: [(r, "own") for r in Role.values],
    Role.COACH: [
        (Role.LEARNER, "own"),
        (Role.PARENT, "own"),
        (Role.PEER_COACH, "own"),
        (Role.MENTOR, "employer"),
    ],
    Role.MENTOR: [(Role.MENTOR, "own")],
    Role.COORDINATOR: [(Role.ORG_ADMIN, "region"), (Role.COORDINATOR, "own"), (Role.JOBHUNTER, "own")],
}


def _invite_targets(user: User) -> list[tuple[str, Organisation, str]]:
    """(role, organisation, scope) for every current membership that lets the user invite."""
    memberships = (
        Membership.objects.current().filter(user=user, role__in=INVITES).select_related("organisation")
    )
    return [(role, m.organisation, scope) for m in memberships for role, scope in INVITES[m.role]]


def can_invite(user: User, organisation: Organisation, role: str) -> bool:
    """May `user` invite someone into `role` at `organisation`?"""
    if role not in ROLES_BY_KIND.get(organisation.kind, set()):
        return False
    if user.is_staff:
        return True
    for invited_role, home, scope in _invite_targets(user):
        if invited_role != role:
            continue
        if scope == "own" and organisation.pk == home.pk:
            return True
        same_region = organisation.region_id == home.region_id
        if scope == "employer" and organisation.kind == Organisation.Kind.EMPLOYER and same_region:
            return True
        if scope == "region" and same_region:
            return True
    return False


def invitable_roles(user: User) -> list[str]:
    if user.is_staff:
        return list(Role.values)
    held = {role for role, _org, _scope in _invite_targets(user)}
    return [r for r in Role.values if r in held]


def invitable_organisations(user: User, role: str | None = None) -> QuerySet[Organisation]:
    """Organisations into which the user may invite someone: for `role`, or for any role."""
    qs = Organisation.objects.order_by("name")
    if role:
        qs = qs.filter(kind__in=[kind for kind, roles in ROLES_BY_KIND.items() if role in roles])
    if user.is_staff:
        return qs
    where = Q(pk__in=[])
    for invited_role, home, scope in _invite_targets(user):
        if role and invited_role != role:
            continue
        if scope == "own":
            where |= Q(pk=home.pk)
        elif scope == "employer":
            where |= Q(kind=Organisation.Kind.EMPLOYER, region_id=home.region_id)
        else:
            where |= Q(region_id=home.region_id)
    return qs.filter(where)


@rules.predicate
def may_invite(user: User) -> bool:
    return user.is_authenticated and bool(invitable_roles(user))


rules.add_perm("people.invite", may_invite)
