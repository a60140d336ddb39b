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
    DemoLogin("stagiair@werkbrug.test", "Elif Yilmaz", Role.LEARNER, SCHOOL),
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
# Emre's sister Elif learns at the demo mentor's bakery: the learner's and the parent's view of a trajectory.
STAGIAIR_EMAIL, PEER_COACH_EMAIL = "stagiair@werkbrug.test", "peercoach@werkbrug.test"


BLIND, AGREED, INTRODUCED = "blind", "agreed", "introduced"  # how far an open application got
PLACED = "placed"  # accepted before the school year: a running trajectory since its first day
# What a placed cast learner's trajectory holds for the logins (see `demo.trajectories`).
EVALUATION_DUE, WANTS_MENTOR, WANTS_COACH, UNREAD, AGREEMENT_OVERDUE, REVIEW_OVERDUE, PEER_COACHED = (
    "evaluation_due",  # the mentor's last evaluation is more than the region's weeks ago
    "wants_mentor",  # this week's check-in asks to talk to the mentor
    "wants_coach",  # this week's check-in asks to talk to the coach, not read yet
    "unread",  # the last check-ins are not read yet
    "agreement_overdue",  # an agreement of the mentor's (or the coach's) is past its date
    "review_overdue",  # the progress review is past its date
    "peer_coached",  # the demo peer coach helps
)


@dataclass(frozen=True)
class CastLearner:
    """A generated learner with a part in a login's story. School, programme, home and age are set, so
    the story is there whatever the size of the region; the application is made with the real services."""

    part: str
    school: str
    programme: str  # key of starter/programmes.csv
    postcode: str
    age: int  # on the first school day; a minor's parent agrees to the introduction
    stage: str  # BLIND, AGREED, INTRODUCED, or PLACED (written with the history, not by the services)
    employer: str = ""  # the employer the application goes to; "" for the best place in reach
    coach_is_login: bool = False
    phase: int = 0  # PLACED: the phase the evaluations have brought the learner to
    signals: tuple[str, ...] = ()  # PLACED: what the trajectory shows the logins

    @property
    def by_services(self) -> bool:
        """An open application the logins' services make (`history.logins`); a placed one is history."""
        return self.stage != PLACED


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
    # Two apprentice bakers the demo mentor follows since September (and Elif, a login of her own).
    CastLearner(
        "mentor_due",
        "Campus Demerdal Hasselt",
        "dl-bakker",
        "3600",
        17,
        PLACED,
        BAKERY,
        phase=2,
        signals=(EVALUATION_DUE,),
    ),
    CastLearner(
        "mentor_talk",
        "Campus Demerdal Hasselt",
        "dl-bakker",
        "3600",
        18,
        PLACED,
        BAKERY,
        phase=1,
        signals=(WANTS_MENTOR, AGREEMENT_OVERDUE),
    ),
    # The demo coach's own caseload: learners at several phases, each with something that needs her.
    *(
        CastLearner(
            part, SCHOOL, programme, postcode, age, PLACED, coach_is_login=True, phase=phase, signals=s
        )
        for part, programme, postcode, age, phase, s in (
            ("coach_talk", "dl-logistiek-assistent", "3600", 16, 1, (WANTS_COACH,)),
            ("coach_unread", "dl-lasser-monteerder", "3600", 17, 2, (UNREAD,)),
            ("coach_review", "dl-winkelmedewerker", "3600", 18, 2, (REVIEW_OVERDUE,)),
            ("coach_peer", "dl-medewerker-fastfood", "3600", 17, 3, (UNREAD, PEER_COACHED)),
            ("coach_agreement", "dl-logistiek-assistent", "3530", 19, 3, (AGREEMENT_OVERDUE,)),
            ("coach_fast", "dl-lasser-monteerder", "3600", 18, 4, ()),
            ("coach_slow", "dl-winkelmedewerker", "3590", 16, 1, (PEER_COACHED,)),
        )
    ),
]
