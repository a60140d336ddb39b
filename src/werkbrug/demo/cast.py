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
JOBHUNTER_EMAIL, ADMIN_EMAIL = "jobhunter@werkbrug.test", "admin@werkbrug.test"


BLIND, AGREED, INTRODUCED = "blind", "agreed", "introduced"  # how far an open application got


@dataclass(frozen=True)
class CastLearner:
    """A generated learner with a part in a login's story. School, programme, home and age are set, so
    the story is there whatever the size of the region; the application is made with the real services."""

    part: str
    school: str
    programme: str  # key of starter/programmes.csv
    postcode: str
    age: int  # on the first school day; a minor's parent agrees to the introduction
    stage: str  # BLIND, AGREED or INTRODUCED
    employer: str = ""  # the employer the application goes to; "" for the best place in reach
    coach_is_login: bool = False


CAST_LEARNERS = [
    # The admin of Logistiek Lommel has an introduction behind them and a decision to take.
    CastLearner(
        "employer_admin",
        "Campus Kempenland Lommel",
        "dl-logistiek-assistent",
        "3920",
        19,
        INTRODUCED,
        LOGISTICS,
    ),
    # The demo coach follows three applications of her own learners, each a step further.
    CastLearner("coach_blind", SCHOOL, "dl-logistiek-assistent", "3600", 17, BLIND, coach_is_login=True),
    CastLearner("coach_agreed", SCHOOL, "dl-winkelmedewerker", "3600", 18, AGREED, coach_is_login=True),
    CastLearner(
        "coach_introduced", SCHOOL, "dl-logistiek-assistent", "3600", 16, INTRODUCED, coach_is_login=True
    ),
    # The demo mentor's bakery has a learner to read, blind.
    CastLearner("mentor", "Campus Demerdal Hasselt", "dl-bakker", "3600", 17, BLIND, BAKERY),
]
