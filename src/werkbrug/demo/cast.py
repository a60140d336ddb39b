"""The fixed cast of the demo region: one login per role, and the organisations they work in."""

from dataclasses import dataclass

from werkbrug.people.models import Role

DEMO_PASSWORD = "werkbrug-demo"  # noqa: S105 - a published demo login, never used outside the demo
DEMO_DOMAIN = "werkbrug.test"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str
    organisation: str | None


SCHOOL, BAKERY, LOGISTICS, NETWORK = (
    "Campus De Brug Genk",
    "Bakkerij Vandeweyer",
    "Logistiek Lommel",
    "Netwerk Duaal Leren Limburg",
)
LOGINS = [
    DemoLogin("leerling@werkbrug.test", "Emre Yilmaz", Role.LEARNER, SCHOOL),
    DemoLogin("ouder@werkbrug.test", "Hatice Yilmaz", Role.PARENT, SCHOOL),
    DemoLogin("mentor@werkbrug.test", "Jan Vandeweyer", Role.MENTOR, BAKERY),
    DemoLogin("coach@werkbrug.test", "Sofie Claes", Role.COACH, SCHOOL),
    DemoLogin("jobhunter@werkbrug.test", "Karim Bouzid", Role.JOBHUNTER, NETWORK),
    DemoLogin("peercoach@werkbrug.test", "Lotte Peeters", Role.PEER_COACH, SCHOOL),
    DemoLogin("coordinator@werkbrug.test", "Ann Vanhoof", Role.COORDINATOR, NETWORK),
    DemoLogin("admin@werkbrug.test", "Tom Bollen", Role.ORG_ADMIN, LOGISTICS),
    DemoLogin("beheer@werkbrug.test", "Platform Beheer", "staff", None),
]
# The coach is also a job hunter at the school: a person with two roles switches between them.
EXTRA_ROLES = [("coach@werkbrug.test", Role.JOBHUNTER, SCHOOL)]

LEARNER_EMAIL, PARENT_EMAIL, MENTOR_EMAIL, COACH_EMAIL, COORDINATOR_EMAIL = (
    "leerling@werkbrug.test",
    "ouder@werkbrug.test",
    "mentor@werkbrug.test",
    "coach@werkbrug.test",
    "coordinator@werkbrug.test",
)
