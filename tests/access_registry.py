"""Every URL pattern of werkbrug, with who may use it. A URL added without an entry fails the tests.

For each route: the roles for whom it works (`ok`, answered with `success`), what any other signed-in
role gets (`refused`: 404 for an object they may not see, 403 for a function their role lacks) and
what an anonymous visitor gets (`anonymous`: "login" means a redirect to the login page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

SIGNED_IN = frozenset(
    {
        "learner",
        "other_learner",
        "parent",
        "mentor",
        "coach",
        "other_coach",
        "jobhunter",
        "peer_coach",
        "coordinator",
        "org_admin",
        "school_admin",
        "staff",
        "outsider",
    }
)
ROLES = ("anonymous", *sorted(SIGNED_IN))
INVITERS = frozenset({"coach", "other_coach", "mentor", "coordinator", "org_admin", "school_admin", "staff"})
SEES_LEARNER = frozenset({"learner", "parent", "coach", "staff"})


@dataclass(frozen=True)
class Route:
    name: str
    ok: frozenset[str] = SIGNED_IN
    kwargs: Callable = field(default=lambda cast: {})
    method: str = "get"
    data: Callable = field(default=lambda cast: {})
    success: int = 200
    refused: int = 404
    anonymous: int | str = "login"


ROUTES = [
    Route("home"),
    Route("login", success=302, anonymous=200),
    Route("logout", method="post", success=302, anonymous=302),
    Route("password_reset", anonymous=200),
    Route("password_reset_done", anonymous=200),
    Route(
        "password_reset_confirm", kwargs=lambda c: {"uidb64": "MQ", "token": "set-password"}, anonymous=200
    ),
    Route("password_reset_complete", anonymous=200),
    Route("password_change"),
    Route("password_change_done"),
    Route("people:role_switch", method="post", data=lambda c: {"role": "staff"}, success=302),
    Route("people:invitation_list", ok=INVITERS, refused=403),
    Route("people:invitation_new", ok=INVITERS, refused=403),
    Route(
        "people:invitation_withdraw",
        # The coach sent it; the employer's admin administers the organisation it invites into.
        ok=frozenset({"coach", "org_admin", "staff"}),
        kwargs=lambda c: {"pk": c.invitation.pk},
        method="post",
        success=302,
    ),
    Route("people:invitation_accept", kwargs=lambda c: {"token": c.invitation_token}, anonymous=200),
    Route("learners:detail", ok=SEES_LEARNER, kwargs=lambda c: {"pk": c.learner_profile.pk}),
    Route(
        "privacy:file_reads",
        ok=frozenset({"learner", "parent", "coach"}),
        kwargs=lambda c: {"learner_pk": c.learner_profile.pk},
    ),
    Route("set_language", method="post", data=lambda c: {"language": "en"}, success=302, anonymous=302),
    Route("api:me", anonymous=401),
    Route("api:learner", ok=SEES_LEARNER, kwargs=lambda c: {"pk": c.learner_profile.pk}, anonymous=401),
    Route("api:api-root", success=404, refused=404, anonymous=404),
    Route("api:openapi-json", anonymous=200),
    Route("api:openapi-view", anonymous=200),
    Route("healthz", anonymous=200),
    # The admin site is Django's own and checks is_staff on every page; its index stands for all of it.
    Route("admin:index", ok=frozenset({"staff"}), refused=302, anonymous=302),
]

# URL names not in ROUTES, each with the reason it needs no entry of its own.
COVERED_ELSEWHERE = {
    "admin": "Django's admin site: every page requires is_staff (admin:index is in the matrix).",
}
