"""The roles a person can act in, and which one they act in now."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Membership, Role, User

STAFF = "staff"
SESSION_KEY = "werkbrug_active_role"

# Which roles a person can hold in which kind of organisation.
ROLES_BY_KIND: dict[str, set[str]] = {
    Organisation.Kind.SCHOOL: {
        Role.LEARNER,
        Role.PARENT,
        Role.COACH,
        Role.JOBHUNTER,
        Role.PEER_COACH,
        Role.ORG_ADMIN,
    },
    Organisation.Kind.TRAINING_CENTRE: {
        Role.LEARNER,
        Role.PARENT,
        Role.COACH,
        Role.JOBHUNTER,
        Role.ORG_ADMIN,
    },
    Organisation.Kind.PUBLIC_SERVICE: {Role.LEARNER, Role.COACH, Role.JOBHUNTER, Role.ORG_ADMIN},
    Organisation.Kind.EMPLOYER: {Role.MENTOR, Role.ORG_ADMIN},
    Organisation.Kind.SECTOR_FUND: {Role.ORG_ADMIN},
    Organisation.Kind.NETWORK: {Role.COORDINATOR, Role.JOBHUNTER, Role.ORG_ADMIN},
}


@dataclass(frozen=True)
class ActiveRole:
    """A role the person can switch to: one of their memberships, or platform staff."""

    key: str
    role: str
    membership: Membership | None = None

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else None

    @property
    def label(self) -> str:
        if self.membership is None:
            return str(_("Platform staff"))
        return f"{self.membership.get_role_display()} · {self.membership.organisation.name}"


def roles_of(user: User) -> list[ActiveRole]:
    """Every role the user holds today, in a stable order."""
    if not user.is_authenticated:
        return []
    memberships = (
        Membership.objects.current().filter(user=user).select_related("organisation").order_by("role", "pk")
    )
    roles = [ActiveRole(key=f"m{m.pk}", role=m.role, membership=m) for m in memberships]
    if user.is_staff:
        roles.append(ActiveRole(key=STAFF, role=STAFF))
    return roles


def active_role_of(request: HttpRequest) -> ActiveRole | None:
    """The role chosen in this session, or the first one the person holds."""
    roles = request.roles  # type: ignore[attr-defined]
    if not roles:
        return None
    wanted = request.session.get(SESSION_KEY)
    return next((r for r in roles if r.key == wanted), roles[0])
