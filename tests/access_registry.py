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
# The learner, the parents, the school's coaches and admins, the region's job hunters and coordinators.
SEES_LEARNER = frozenset({"learner", "parent", "coach", "school_admin", "jobhunter", "coordinator", "staff"})
WORKING = frozenset(
    {
        "mentor",
        "coach",
        "other_coach",
        "jobhunter",
        "peer_coach",
        "coordinator",
        "org_admin",
        "school_admin",
        "staff",
    }
)
# Who may see the region's employer and its workplace: its own people and those placing learners there.
SEES_EMPLOYER = frozenset({"mentor", "org_admin", "coach", "jobhunter", "coordinator", "staff"})
SEES_PROGRAMME = WORKING - {"other_coach"}
EMPLOYER_ADMIN = frozenset({"org_admin", "staff"})
REGION_ADMIN = frozenset({"coordinator", "staff"})
PROGRAMME_ADMIN = frozenset({"school_admin", "coordinator", "staff"})
# Who places the cast's learner: the school's coach, the region's job hunter and coordinator.
PLACES_LEARNER = frozenset({"coach", "jobhunter", "coordinator", "staff"})
EMPLOYER_PEOPLE = frozenset({"mentor", "org_admin", "staff"})


def an_application(cast) -> dict:
    """An open application of the cast's learner (a minor) to the cast's workplace."""
    from werkbrug.placements.models import Application

    application, _ = Application.objects.get_or_create(
        learner=cast.learner_profile, workplace=cast.workplace, defaults={"proposed_by": cast.coach}
    )
    return {"pk": application.pk}


def a_round(cast) -> dict:
    """A finished allocation round of the cast's region."""
    from werkbrug.placements.models import AllocationRound

    round_, _ = AllocationRound.objects.get_or_create(
        region=cast.region, number=1, defaults={"status": "done", "created_by": cast.coordinator}
    )
    return {"pk": round_.pk}


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
    Route(
        "learners:list",
        ok=frozenset({"coach", "other_coach", "jobhunter", "coordinator", "school_admin", "staff"}),
        refused=403,
    ),
    Route("learners:add", ok=frozenset({"coach", "other_coach", "school_admin", "staff"}), refused=403),
    Route("learners:import", ok=frozenset({"coach", "other_coach", "school_admin", "staff"}), refused=403),
    Route("learners:my_wishes", ok=frozenset({"learner", "other_learner"}), refused=403),
    Route(
        "learners:edit",
        ok=frozenset({"coach", "school_admin", "staff"}),
        kwargs=lambda c: {"pk": c.learner_profile.pk},
    ),
    Route(
        "learners:support",
        ok=frozenset({"learner", "parent", "coach", "staff"}),
        kwargs=lambda c: {"pk": c.learner_profile.pk},
    ),
    # The learner is a minor: only a parent may withdraw the consent.
    Route(
        "learners:support_withdraw",
        ok=frozenset({"parent"}),
        kwargs=lambda c: {"pk": c.learner_profile.pk},
        method="post",
        success=302,
    ),
    Route("organisations:list", ok=WORKING, refused=403),
    Route("organisations:detail", ok=SEES_EMPLOYER, kwargs=lambda c: {"pk": c.employer.pk}),
    Route("organisations:site_add", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.employer.pk}),
    Route("organisations:sites", ok=WORKING, refused=403),
    Route("organisations:site_edit", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.site.pk}),
    Route("organisations:programmes", ok=WORKING, refused=403),
    Route("organisations:programme_add", ok=PROGRAMME_ADMIN, refused=403),
    Route("organisations:programme", ok=SEES_PROGRAMME, kwargs=lambda c: {"pk": c.programme.pk}),
    Route("organisations:programme_edit", ok=PROGRAMME_ADMIN, kwargs=lambda c: {"pk": c.programme.pk}),
    Route("organisations:programme_import", ok=PROGRAMME_ADMIN, kwargs=lambda c: {"pk": c.programme.pk}),
    Route("competences:frameworks"),
    Route("competences:framework_add", ok=REGION_ADMIN, refused=403),
    Route("competences:framework", kwargs=lambda c: {"code": c.framework.code}),
    Route("competences:import", ok=REGION_ADMIN, kwargs=lambda c: {"code": c.framework.code}, refused=403),
    Route("placements:workplaces", ok=WORKING - {"peer_coach"}, refused=403),
    Route("placements:workplace_add", ok=EMPLOYER_ADMIN, refused=403),
    Route("placements:workplace_import", ok=EMPLOYER_ADMIN, refused=403),
    Route("placements:workplace", ok=SEES_EMPLOYER, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route("placements:workplace_edit", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route("placements:workplace_competences", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route("placements:workplace_mentors", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route(
        "placements:mentor_training_add",
        ok=EMPLOYER_ADMIN,
        kwargs=lambda c: {"pk": c.workplace.pk},
        method="post",
        success=302,
    ),
    Route("placements:workplace_capacity", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route("placements:recognition_apply", ok=EMPLOYER_ADMIN, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route("placements:recognitions", ok=REGION_ADMIN, refused=403),
    Route("placements:recognition", ok=REGION_ADMIN, kwargs=lambda c: {"pk": c.recognition.pk}),
    Route(
        "placements:recognition_withdraw",
        ok=REGION_ADMIN,
        kwargs=lambda c: {"pk": c.recognition.pk},
        method="post",
        success=302,
    ),
    Route("placements:learner_suggestions", ok=PLACES_LEARNER, kwargs=lambda c: {"pk": c.learner_profile.pk}),
    Route("placements:workplace_candidates", ok=EMPLOYER_PEOPLE, kwargs=lambda c: {"pk": c.workplace.pk}),
    Route("placements:applications"),
    Route("placements:application", ok=SEES_LEARNER | EMPLOYER_PEOPLE, kwargs=an_application),
    # Declining is for the employer's admin, the school's side and, for a minor, the parent.
    Route(
        "placements:application_act",
        ok=PLACES_LEARNER | {"org_admin", "parent"},
        kwargs=lambda c: {**an_application(c), "action": "decline"},
        method="post",
        data=lambda c: {"reason": "hours"},
        success=302,
    ),
    Route("placements:my_places", ok=frozenset({"learner", "other_learner"})),
    Route("placements:gaps", ok=REGION_ADMIN),
    Route("placements:rounds", ok=REGION_ADMIN, refused=403),
    Route("placements:round", ok=REGION_ADMIN, kwargs=a_round),
    Route(
        "placements:round_publish",
        ok=REGION_ADMIN,
        kwargs=a_round,
        method="post",
        data=lambda c: {"method": "stable"},
        success=302,
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

# The trajectory pages, one list per part (see tests/trajectories/routes.py).
from .trajectories.routes import TRAJECTORY_ROUTES  # noqa: E402 - needs Route, defined above

ROUTES += TRAJECTORY_ROUTES
