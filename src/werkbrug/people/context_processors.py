from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.people.models import Role
from werkbrug.people.roles import STAFF

LEARNERS = (_("Learners"), "learners:list")
WORKPLACES = (_("Workplaces"), "placements:workplaces")
PROGRAMMES = (_("Programmes"), "organisations:programmes")
ORGANISATIONS = (_("Organisations"), "organisations:list")
RECOGNITIONS = (_("Recognitions"), "placements:recognitions")
COMPETENCES = (_("Competences"), "competences:frameworks")
WISHES = (_("My wishes"), "learners:my_wishes")
PLACES = (_("Places for you"), "placements:my_places")
APPLICATIONS = (_("Applications"), "placements:applications")
ROUNDS = (_("Allocation"), "placements:rounds")
GAPS = (_("Gap map"), "placements:gaps")
CASELOAD = (_("Caseload"), "trajectories:caseload")

# The main menu of each role: the few pages it uses every day.
MENU: dict[str, tuple[tuple[object, str], ...]] = {
    Role.LEARNER: (PLACES, WISHES),
    Role.PARENT: (APPLICATIONS,),
    # Programmes are linked from the coach's home: with the role switcher, the bar fits on one line.
    Role.COACH: (CASELOAD, LEARNERS, APPLICATIONS, WORKPLACES),
    Role.JOBHUNTER: (LEARNERS, APPLICATIONS, WORKPLACES, ORGANISATIONS),
    Role.MENTOR: (WORKPLACES, APPLICATIONS),
    # Programmes and competences are linked from the coordinator's home: the bar fits on one line.
    Role.COORDINATOR: (ROUNDS, GAPS, LEARNERS, WORKPLACES, RECOGNITIONS, ORGANISATIONS),
    STAFF: (ORGANISATIONS, WORKPLACES, RECOGNITIONS, LEARNERS, COMPETENCES),
}


def _menu(role) -> list[tuple[object, str]]:
    if role is None:
        return []
    if role.role == Role.ORG_ADMIN and role.organisation is not None:
        own = (role.organisation.name, role.organisation.get_absolute_url())
        extra = (WORKPLACES, APPLICATIONS) if role.organisation.kind == "employer" else (LEARNERS, PROGRAMMES)
        return [own, *[(label, reverse(name)) for label, name in extra]]
    return [(label, reverse(name)) for label, name in MENU.get(role.role, ())]


def roles(request: HttpRequest) -> dict[str, object]:
    role = getattr(request, "role", None)
    return {"roles": getattr(request, "roles", []), "active_role": role, "menu": _menu(role)}
