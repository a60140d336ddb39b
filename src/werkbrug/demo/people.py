"""The learners of the demo region, their parents, and the demo learner's own file.

Learners live near their school (an OCMW's clients in its own municipality), travel the way young
people and jobseekers do, and have the Dutch and the support needs that go with their programme. Support
needs are only stored together with a consent: a parent's for a minor, the learner's own for an adult.
Whether a learner is still seeking, placed or paused is settled with their applications (`demo.history`),
a chunk at a time, before the chunk is written.
"""

import datetime
import math
import random
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from werkbrug.demo import cast
from werkbrug.demo.cast import CAST_LEARNERS, CastLearner
from werkbrug.demo.context import FIRST_SCHOOL_DAY, Demo, SchoolPlace, email
from werkbrug.demo.names import Names
from werkbrug.demo.places import Catchment, Postcode
from werkbrug.demo.region import (
    COUNTRY,
    DUTCH_LEVELS,
    INTERESTS,
    MOBILITY_ADULT,
    MOBILITY_YOUNG,
    SUPPORT_NEEDS,
    SUPPORT_SHARE,
    TRAVEL_MINUTES,
    WISHES,
)
from werkbrug.geo import TravelTimes
from werkbrug.learners.models import ADULT_AGE, LearnerProfile, SupportConsent
from werkbrug.people.models import Membership, Role
from werkbrug.vocab import CEFR, Sector, Support

if TYPE_CHECKING:
    from werkbrug.demo.history import History

CHUNK = 2000  # learners written at a time
LONGEST_TRIP = 75  # minutes, one way: what a learner who lives far from school accepts at least
PROFILE_FIELDS = [
    "school_id",
    "programme_id",
    "coach_id",
    "date_of_birth",
    "home_country",
    "home_postcode",
    "mobility_modes",
    "max_travel_minutes",
    "dutch_level",
    "support_needs",
    "sectors",
    "interests",
    "wishes",
    "available_from",
    "days_available",
    "status",
]
ADULT_TYPES = {"leerwerk", "art60"}
DAYS = {
    "duaal_leren": [[1, 2, 3], [3, 4, 5], [2, 3, 4], [1, 2, 3, 4]],
    "buso_ov3": [[1, 2], [4, 5], [2, 3]],
    "graduaat": [[1, 2, 3, 4, 5]],
    "leerwerk": [[1, 2, 3, 4, 5], [1, 2, 3, 4]],
    "art60": [[1, 2, 3, 4, 5], [1, 2, 3, 4]],
}
# Share of women per sector, for believable names per programme (Flemish figures, indicative).
WOMEN = {
    Sector.CARE: 0.8,
    Sector.OFFICE: 0.65,
    Sector.RETAIL: 0.55,
    Sector.HOSPITALITY: 0.45,
    Sector.FOOD: 0.4,
    Sector.CLEANING: 0.6,
    Sector.HORTICULTURE: 0.2,
    Sector.LOGISTICS: 0.2,
    Sector.CONSTRUCTION: 0.05,
    Sector.METAL: 0.05,
}


@dataclass
class LearnerPlan:
    number: int
    name: str
    school: SchoolPlace
    profile: LearnerProfile  # unsaved, without user
    minor: bool
    parent: str | None = None  # the parent's full name, when there is one
    consent_at: datetime.datetime | None = None
    cast: CastLearner | None = None  # a part in a login's story

    @property
    def may_agree(self) -> bool:
        """Someone with a login can agree to an introduction: the adult learner or a minor's parent."""
        return not self.minor or self.parent is not None


def build(demo: Demo, learners: int, history: "History") -> None:
    """The demo learners' files, then `learners` more learners with their history, a chunk at a time."""
    history.demo_learner(_demo_learner(demo))
    history.stagiair(_stagiair(demo))
    planner = _Planner(demo)
    for start in range(0, learners, CHUNK):
        plans = [planner.plan(number) for number in range(start + 1, min(learners, start + CHUNK) + 1)]
        stories = history.decide(plans)
        ids = _write(demo, plans)
        history.write(stories, ids)
        demo.progress("learners", len(plans))


def _demo_learner(demo: Demo) -> LearnerProfile:
    """Emre: a minor in Duaal Leren logistics in Genk, with his mother as parent, still looking."""
    school = demo.school(cast.SCHOOL)
    learner, _created = LearnerProfile.objects.update_or_create(
        user=demo.logins[cast.LEARNER_EMAIL],
        defaults={
            "school": school.organisation,
            "programme": school.programmes["dl-logistiek-assistent"],
            "coach": demo.logins[cast.COACH_EMAIL],
            "date_of_birth": datetime.date(2009, 3, 14),
            "home_country": COUNTRY,
            "home_postcode": "3600",
            "mobility_modes": ["bike", "public_transport"],
            "max_travel_minutes": 40,
            "dutch_level": CEFR.B1,
            "sectors": [Sector.LOGISTICS, Sector.METAL],
            "interests": "Machines en techniek",
            "wishes": "Dicht bij huis, met de fiets bereikbaar",
            "available_from": FIRST_SCHOOL_DAY,
            "days_available": [1, 2, 3],
            "status": LearnerProfile.Status.SEEKING,
        },
    )
    learner.parents.add(demo.logins[cast.PARENT_EMAIL])
    return learner


def _stagiair(demo: Demo) -> LearnerProfile:
    """Elif, Emre's younger sister: a minor in Duaal Leren retail in Genk, learning in the shop of the
    demo mentor's bakery since September (her place is kept by `history.stagiair`)."""
    school = demo.school(cast.SCHOOL)
    learner, _created = LearnerProfile.objects.update_or_create(
        user=demo.logins[cast.STAGIAIR_EMAIL],
        defaults={
            "school": school.organisation,
            "programme": school.programmes["dl-winkelmedewerker"],
            "coach": demo.logins[cast.COACH_EMAIL],
            "date_of_birth": datetime.date(2010, 5, 21),
            "home_country": COUNTRY,
            "home_postcode": "3600",
            "mobility_modes": ["bike", "public_transport"],
            "max_travel_minutes": 30,
            "dutch_level": CEFR.B2,
            "sectors": [Sector.RETAIL, Sector.FOOD],
            "interests": "Klanten helpen, bakken",
            "wishes": "",
            "available_from": FIRST_SCHOOL_DAY,
            "days_available": [1, 2, 3],
            "status": LearnerProfile.Status.PLACED,
        },
    )
    learner.parents.add(demo.logins[cast.PARENT_EMAIL])
    return learner


class _Planner:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.rng = demo.rng("learners")
        self.names: Names = demo.names("learners")
        self.schools, self.cumulative = demo.schools, list(accumulate(s.plan.share for s in demo.schools))
        self.catchments = {}
        self.travel = TravelTimes()
        for school in demo.schools:
            postcodes = demo.postcodes
            if school.plan.own_municipality_only:
                postcodes = [p for p in postcodes if p.municipality == school.postcode.municipality]
            self.catchments[school.plan.name] = Catchment(
                postcodes,
                school.lat,
                school.lon,
                reach_km=school.plan.reach_km,
                home=school.postcode.municipality,
            )

    def plan(self, number: int) -> LearnerPlan:
        rng, demo = self.rng, self.demo
        school = rng.choices(self.schools, cum_weights=self.cumulative)[0]
        key = rng.choice(school.plan.programmes)
        programme = school.programmes[key]
        home = self.catchments[school.plan.name].pick(rng)
        origin = self.names.origin(rng, home.municipality)
        female = rng.random() < WOMEN.get(programme.sector, 0.5)
        first, last = self.names.pair(rng, origin, female)
        born = self._born(school)
        minor = _age_on(born, demo.today) < ADULT_AGE
        kind = programme.type
        profile = LearnerProfile(
            school=school.organisation,
            programme=programme,
            coach_id=rng.choice(school.coach_ids),
            date_of_birth=born,
            home_country=COUNTRY,
            home_postcode=home.code,
            mobility_modes=(modes := self._modes(minor, born)),
            max_travel_minutes=self._longest_trip(home, school, modes),
            dutch_level=_weighted(rng, DUTCH_LEVELS[kind]),
            support_needs=self._needs(kind),
            sectors=self._sectors(programme.sector),
            interests=rng.choice(INTERESTS) if rng.random() < 0.5 else "",
            wishes=rng.choice(WISHES) if rng.random() < 0.4 else "",
            available_from=FIRST_SCHOOL_DAY
            if minor or kind not in ADULT_TYPES
            else FIRST_SCHOOL_DAY + datetime.timedelta(days=rng.randint(0, 120)),
            days_available=list(rng.choice(DAYS[kind])),
            status=_weighted(rng, [("seeking", 78), ("placed", 18), ("paused", 4)]),
        )
        plan = LearnerPlan(number, f"{first} {last}", school, profile, minor)
        if number <= len(CAST_LEARNERS):
            self._cast(plan, CAST_LEARNERS[number - 1])
        if plan.minor and (plan.profile.support_needs or plan.cast or rng.random() < 0.6):
            parent = f"{self.names.first(rng, origin, rng.random() < 0.6)} {last}"
            plan.parent = parent if parent not in self.names.reserved else f"{parent} Sr."
        if plan.profile.support_needs:
            day = FIRST_SCHOOL_DAY + datetime.timedelta(days=rng.randint(1, 40))
            plan.consent_at = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=datetime.UTC)
        return plan

    def _cast(self, plan: LearnerPlan, part: CastLearner) -> None:
        """A learner with a part in a login's story: set where they learn and live, seeking, with Dutch
        and ways to travel that most workplaces in reach suit."""
        demo, profile = self.demo, plan.profile
        school = plan.school = demo.school(part.school)
        profile.school, profile.programme = school.organisation, school.programmes[part.programme]
        profile.coach_id = demo.logins[cast.COACH_EMAIL].pk if part.coach_is_login else school.coach_ids[-1]
        # A birthday in the winter: the age on the first school day is the age for the whole autumn.
        profile.date_of_birth = datetime.date(FIRST_SCHOOL_DAY.year - part.age, 2, 14)
        plan.minor = _age_on(profile.date_of_birth, demo.today) < ADULT_AGE
        profile.home_postcode, profile.support_needs = part.postcode, []
        profile.mobility_modes, profile.max_travel_minutes = ["bike", "public_transport"], 45
        profile.dutch_level = CEFR.B2
        placed = part.stage == cast.PLACED  # the history places them; else the services propose them
        profile.status = LearnerProfile.Status.PLACED if placed else LearnerProfile.Status.SEEKING
        plan.cast = part

    def _longest_trip(self, home: Postcode, school: SchoolPlace, modes: list[str]) -> int:
        """Mostly half an hour to an hour; a learner who lives far from school already travels that far
        every day and would for a workplace too (up to an hour and a quarter)."""
        minutes = _weighted(self.rng, TRAVEL_MINUTES)
        to_school = min(
            self.travel.estimate_minutes(home.place, school.postcode.place, mode) for mode in modes
        )
        return max(minutes, min(LONGEST_TRIP, 5 * math.ceil(to_school / 5)))

    def _born(self, school: SchoolPlace) -> datetime.date:
        youngest, oldest = school.plan.ages
        mode = youngest + (1 if oldest - youngest < 10 else 10)
        age = round(self.rng.triangular(youngest, oldest, mode))
        # Aged `age` on the first school day.
        last_birthday = FIRST_SCHOOL_DAY.replace(year=FIRST_SCHOOL_DAY.year - age)
        return last_birthday - datetime.timedelta(days=self.rng.randint(0, 364))

    def _modes(self, minor: bool, born: datetime.date) -> list[str]:
        modes = list(_weighted(self.rng, MOBILITY_YOUNG if minor else MOBILITY_ADULT))
        if "moped" in modes and _age_on(born, FIRST_SCHOOL_DAY) < 16:  # a moped licence from 16
            modes = ["bike" if mode == "moped" else mode for mode in modes]
        return list(dict.fromkeys(modes))

    def _needs(self, kind: str) -> list[str]:
        if self.rng.random() >= SUPPORT_SHARE[kind]:
            return []
        group = "buso_ov3" if kind == "buso_ov3" else ("adult" if kind in ADULT_TYPES else "young")
        options = SUPPORT_NEEDS[group]
        chosen = {_weighted(self.rng, options) for _ in range(self.rng.choice((1, 1, 2, 3)))}
        return [code for code in Support.values if code in chosen]

    def _sectors(self, sector: str) -> list[str]:
        sectors = [sector]
        if self.rng.random() < 0.2:
            other = self.rng.choice(Sector.values)
            if other != sector:
                sectors.append(other)
        return sectors


def _weighted(rng: random.Random, options: list[tuple]) -> object:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# -- Writing ------------------------------------------------------------------------------------------


def _write(demo: Demo, plans: list[LearnerPlan]) -> dict[str, int]:
    """Write the chunk; the ids of its people by e-mail."""
    people = [(email("leerling", p.number), p.name) for p in plans]
    people += [(email("ouder", p.number), p.parent) for p in plans if p.parent]
    ids = demo.people(people)
    roles = [
        Membership(
            user_id=ids[email("leerling", p.number)],
            organisation=p.school.organisation,
            role=Role.LEARNER,
            valid_from=FIRST_SCHOOL_DAY,
        )
        for p in plans
    ]
    roles += [
        Membership(
            user_id=ids[email("ouder", p.number)],
            organisation=p.school.organisation,
            role=Role.PARENT,
            valid_from=FIRST_SCHOOL_DAY,
        )
        for p in plans
        if p.parent
    ]
    demo.memberships(roles, list(ids.values()))
    for p in plans:
        p.profile.user_id = ids[email("leerling", p.number)]
    profiles = [p.profile for p in plans]
    demo.sync(
        profiles,
        existing=LearnerProfile.objects.filter(user_id__in=[p.user_id for p in profiles]),
        key=["user_id"],
        fields=PROFILE_FIELDS,
    )
    _parents(demo, plans, ids)
    _consents(demo, plans, ids)
    return ids


def _parents(demo: Demo, plans: list[LearnerPlan], ids: dict[str, int]) -> None:
    through = LearnerProfile.parents.through
    demo.sync(
        [
            through(learnerprofile_id=p.profile.pk, user_id=ids[email("ouder", p.number)])
            for p in plans
            if p.parent
        ],
        existing=through.objects.filter(learnerprofile_id__in=[p.profile.pk for p in plans]),
        key=["learnerprofile_id", "user_id"],
        fields=[],
        prune=True,
    )


def _consents(demo: Demo, plans: list[LearnerPlan], ids: dict[str, int]) -> None:
    """An open consent for every learner with support needs, and none for the others."""
    consents = [
        SupportConsent(
            learner_id=p.profile.pk,
            given_by_id=ids[email("ouder" if p.minor else "leerling", p.number)],
            given_as="parent" if p.minor else "learner",
            given_at=p.consent_at,
        )
        for p in plans
        if p.consent_at
    ]
    demo.sync(
        consents,
        existing=SupportConsent.objects.filter(
            learner_id__in=[p.profile.pk for p in plans], withdrawn_at__isnull=True
        ),
        key=["learner_id"],
        fields=["given_by_id", "given_as", "given_at"],
        prune=True,
    )
