"""The plan of the employers: names, sites, mentors and workplaces in plain Python, from one random
stream, so it only depends on the seed and the number of workplaces."""

import datetime
import random
from dataclasses import dataclass, field
from itertools import accumulate

from werkbrug.demo import cast
from werkbrug.demo.context import Demo, SchoolPlace, email
from werkbrug.demo.names import FLEMISH
from werkbrug.demo.places import Catchment, Postcode, by_weight, jittered
from werkbrug.demo.region import (
    FIXED_EMPLOYERS,
    SECTOR_PLANS,
    SECTORS,
    TRAININGS,
    WITHDRAWAL_REASONS,
    FixedEmployer,
    Job,
    SectorPlan,
)
from werkbrug.geo import haversine_km
from werkbrug.organisations.models import Programme
from werkbrug.placements.models import Recognition
from werkbrug.vocab import Support

EXPIRY_SOON_DAYS = 88  # some recognitions expire within the coordinator's three-month warning
TRAINED_FROM = datetime.date(2023, 1, 1)
RELATED = 0.9  # chance a workplace is also recognised for another programme of its sector nearby
ANCHORED = 0.95  # share of employers found where a school's learners live and learn what it offers
# A workplace is recognised for a programme of a school whose learners could reach it: within the
# school's catchment (its `reach_km`) and this much more.
RECOGNITION_MARGIN_KM = 15
# Programmes for learners who need more support (BuSo, leerwerk, art. 60): the employers who take them
# mostly offer the support that goes with it.
INCLUSIVE_TYPES = {"buso_ov3", "leerwerk", "art60"}
INCLUSIVE_SUPPORT = {
    Support.JOB_COACH: 0.75,
    Support.FIXED_STRUCTURE: 0.7,
    Support.VISUAL_INSTRUCTIONS: 0.65,
    Support.EXTRA_INSTRUCTION: 0.7,
    Support.LANGUAGE_SUPPORT: 0.5,
    Support.QUIET_WORKSPACE: 0.3,
}
S = Recognition.Status


@dataclass(frozen=True)
class Offer:
    """A programme as a school offers it."""

    school: SchoolPlace
    programme: Programme
    new: bool  # offered since this school year: recognitions applied for, none granted yet


@dataclass
class SitePlan:
    name: str
    postcode: Postcode
    street: str
    number: str
    lat: float
    lon: float


@dataclass
class MentorPlan:
    email: str
    name: str
    training: tuple[str, str, datetime.date | None] | None  # (title, provider, completed on)


@dataclass
class RecognitionPlan:
    programme: Programme
    status: str
    starts_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    withdrawn_on: datetime.date | None = None
    reason: str = ""


@dataclass
class WorkplacePlan:
    site: int  # index in the employer's sites
    employer: str  # the employer's name
    title: str
    job: Job
    language: str
    hours: str
    shifts: list[str]
    support: list[str]
    status: str  # open or paused; the history fills some open ones (then they are full)
    last_started: datetime.date | None  # before the history: who started here in earlier years
    places: int
    competences: list[tuple[int, int]]  # (competence id, level reachable)
    recognitions: list[RecognitionPlan]
    mentors: list[int]  # indices in the employer's mentors
    idle: bool = False  # kept idle as the example of a workplace the network could activate


@dataclass
class EmployerPlan:
    name: str
    sector: SectorPlan
    sites: list[SitePlan] = field(default_factory=list)
    workplaces: list[WorkplacePlan] = field(default_factory=list)
    mentors: list[MentorPlan] = field(default_factory=list)
    login_mentor: str | None = None  # a demo login who mentors at every workplace of the employer
    fixed: bool = False  # an employer of the logins: workplaces added by hand there are kept


def plan_employers(demo: Demo, workplaces: int) -> list[EmployerPlan]:
    """Employers for `workplaces` workplaces (at least those of the logins' employers)."""
    return _Planner(demo).plan(workplaces)


class _Planner:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.rng = demo.rng("employers")
        self.names = demo.names("employers")
        self.used_names: set[str] = set()
        self.mentor_number = 0
        shares = [plan.share / plan.workplaces_per_employer for plan in SECTORS]
        self.sector_weights = list(accumulate(shares))
        self.by_inhabitants = list(accumulate(p.inhabitants for p in demo.postcodes))
        # Where each programme is offered, in school order; and the demand employers follow: each
        # programme of each school, weighted by the learners it has.
        self.offered: dict[str, list[Offer]] = {}
        self.anchors: list[tuple[SchoolPlace, str]] = []
        anchor_weights = []
        for school in demo.schools:
            for key, programme in school.programmes.items():
                new = key in school.plan.new_programmes
                self.offered.setdefault(key, []).append(Offer(school, programme, new))
                self.anchors.append((school, key))
                anchor_weights.append(school.plan.share / len(school.programmes))
        self.anchor_weights = [w / sum(anchor_weights) for w in anchor_weights]
        self.inclusive = {
            key: any(o.programme.type in INCLUSIVE_TYPES for o in offers)
            for key, offers in self.offered.items()
        }
        self.sectors_for = {
            key: [plan for plan in SECTORS if any(key in job.programmes for job in plan.jobs)]
            for key in self.offered
        }
        assert all(self.sectors_for.values()), "every programme offered has a job that teaches it"
        self.catchments: dict[tuple[str, str], Catchment] = {}
        self.sector_keys: dict[str, list[str]] = {}  # sector -> the programmes of that sector
        for key, offers in self.offered.items():
            self.sector_keys.setdefault(offers[0].programme.sector, []).append(key)

    def plan(self, workplaces: int) -> list[EmployerPlan]:
        plans = [self._fixed(fixed) for fixed in FIXED_EMPLOYERS]
        left = workplaces - sum(len(p.workplaces) for p in plans)
        # Each programme of each school gets its share of the employers, found near its learners: the
        # next employer goes to the one furthest behind, so a small region has them all.
        wanted = [left * weight for weight in self.anchor_weights]
        given = [0] * len(self.anchors)
        while left > 0:
            sector = self.rng.choices(SECTORS, cum_weights=self.sector_weights)[0]
            size = 1 + min(int(self.rng.expovariate(1 / max(0.5, sector.workplaces_per_employer - 1))), 15)
            if self.rng.random() < ANCHORED:
                anchor = max(range(len(self.anchors)), key=lambda k: wanted[k] - given[k])
                school, key = self.anchors[anchor]
                sectors = self.sectors_for[key]
                sector = self.rng.choices(sectors, weights=[p.share for p in sectors])[0]
                near = self._catchment(school, sector)
                plan = self._generated(sector, near.pick(self.rng), min(size, left), key, near)
                given[anchor] += sum(key in w.job.programmes for w in plan.workplaces)
            else:
                plan = self._generated(sector, self._postcode(sector), min(size, left))
            plans.append(plan)
            left -= len(plan.workplaces)
        self._ensure_examples(plans)
        return plans

    def _catchment(self, school: SchoolPlace, sector: SectorPlan) -> Catchment:
        """Where the employers near a school's learners are: where the learners live, more so where the
        sector is strong (logistics in Genk and Lommel, fruit around Sint-Truiden)."""
        key = (school.plan.name, sector.sector)
        if key not in self.catchments:
            total = sum(sector.places.values()) or 1
            self.catchments[key] = Catchment(
                self.demo.postcodes,
                school.lat,
                school.lon,
                reach_km=school.plan.reach_km,
                home=school.postcode.municipality,
                boost={code: 4 * weight / total for code, weight in sector.places.items()},
            )
        return self.catchments[key]

    def _fixed(self, fixed: FixedEmployer) -> EmployerPlan:
        sector = SECTOR_PLANS[fixed.sector]
        plan = EmployerPlan(fixed.name, sector, fixed=True)
        self.used_names.add(plan.name)
        for name, code in fixed.sites:
            plan.sites.append(self._site(name, self.demo.postcode(code)))
        jobs = {job.title: job for job in sector.jobs}
        self._staff(plan, [jobs[title] for title in fixed.jobs])
        for workplace, places in zip(plan.workplaces, fixed.places, strict=False):
            workplace.places = places
        if plan.name == cast.BAKERY:
            plan.login_mentor = cast.MENTOR_EMAIL
        return plan

    def _generated(
        self,
        sector: SectorPlan,
        home: Postcode | None,
        size: int,
        key: str = "",
        near: Catchment | None = None,
    ) -> EmployerPlan:
        """An employer in the sector with `size` workplaces. Found for a programme (`key`, with the
        catchment of the school's learners as `near`), most of its workplaces teach it."""
        assert home is not None  # without `not_in` the first try lands
        plan = EmployerPlan(self._name(sector, home), sector)
        plan.sites.append(self._site(sector.site.format(place=home.municipality), home))
        if size >= 3 and self.rng.random() < 0.35:
            other = self._postcode(sector, not_in=home.municipality, near=near)
            if other is not None:
                plan.sites.append(self._site(f"Vestiging {other.municipality}", other))
        order = list(sector.jobs)
        self.rng.shuffle(order)
        if not key:
            jobs = [order[i] if i < len(order) else self.rng.choice(order) for i in range(size)]
        else:  # the job that teaches most of the programme first, then mostly others that teach it
            teaching = sorted(
                (job for job in order if key in job.programmes), key=lambda j: j.programmes.index(key)
            )
            jobs = []
            for i in range(size):
                if i < len(teaching):
                    jobs.append(teaching[i])
                else:
                    jobs.append(self.rng.choice(teaching if self.rng.random() < 0.75 else order))
        self._staff(plan, jobs)
        return plan

    def _postcode(
        self, sector: SectorPlan, not_in: str = "", near: Catchment | None = None
    ) -> Postcode | None:
        """Where the sector's employers are (logistics in Genk, Lommel, Beringen; fruit around
        Sint-Truiden; the rest where people live), or a pick of `near`; None when ten tries all land
        in `not_in`."""
        postcodes, weights = self.demo.postcodes, self.by_inhabitants
        if sector.places:
            postcodes, weights = by_weight(self.demo.postcodes, sector.places)
        for _ in range(10):
            postcode = near.pick(self.rng) if near else self.rng.choices(postcodes, cum_weights=weights)[0]
            if postcode.municipality != not_in:
                return postcode
        return None

    def _name(self, sector: SectorPlan, home: Postcode) -> str:
        pattern = self.rng.choice(sector.names)
        origin = FLEMISH if self.rng.random() < 0.8 else self.names.origin(self.rng, home.municipality)
        base = pattern.format(
            last=self.names.last(self.rng, origin),
            place=home.municipality,
            noun=self.rng.choice(sector.nouns) if sector.nouns else "",
        )
        candidates = [base, f"{base} {home.municipality}", f"{base} BV", f"{base} & Co"]
        name, number = next((c for c in candidates if self._free(c)), None), 1
        while name is None:
            number += 1
            name = f"{base} {number}" if self._free(f"{base} {number}") else None
        self.used_names.add(name)
        return name

    def _free(self, name: str) -> bool:
        """Not taken, and not mistaken for a login's employer ("Bakkerij Vandeweyer Genk")."""
        return name not in self.used_names and not any(name.startswith(f.name) for f in FIXED_EMPLOYERS)

    def _site(self, name: str, postcode: Postcode) -> SitePlan:
        lat, lon = jittered(self.rng, postcode)
        street, number = self.names.flemish.street_name(), str(self.rng.randint(1, 199))
        return SitePlan(name, postcode, street, number, lat, lon)

    def _staff(self, plan: EmployerPlan, jobs: list[Job]) -> None:
        """Mentors for the employer, then one workplace per job, spread over its sites."""
        rng = self.rng
        count = max(1, min(len(jobs), round(len(jobs) * 0.6 + rng.random())))
        for _ in range(count):
            self.mentor_number += 1
            origin = self.names.origin(rng, plan.sites[0].postcode.municipality)
            plan.mentors.append(
                MentorPlan(
                    email("mentor", self.mentor_number),
                    self.names.person(rng, origin, rng.random() < 0.45),
                    self._training(),
                )
            )
        taken: set[tuple[int, str]] = set()
        for index, job in enumerate(jobs):
            site = index % len(plan.sites)
            title, number = job.title, 1
            while (site, title) in taken:
                number += 1
                title = f"{job.title} {number}"
            taken.add((site, title))
            plan.workplaces.append(self._workplace(plan, site, title, job))

    def _training(self) -> tuple[str, str, datetime.date | None] | None:
        """Most mentors followed a mentor training; some have one booked, a few none."""
        chance = self.rng.random()
        if chance < 0.72:
            title, provider = self.rng.choice(TRAININGS)
            return title, provider, _day_between(self.rng, TRAINED_FROM, self.demo.today)
        if chance < 0.8:
            title, provider = self.rng.choice(TRAININGS)
            return title, provider, None  # booked, not done yet
        return None

    def _workplace(self, plan: EmployerPlan, site: int, title: str, job: Job) -> WorkplacePlan:
        rng, sector = self.rng, plan.sector
        levels, weights = zip(*sector.language, strict=True)
        hours, shifts = rng.choice(sector.hours)
        keys = list(job.programmes if rng.random() < 0.9 else job.programmes[:1])
        recognitions = [r for key in keys for r in self._recognitions(plan.sites[site], key)]
        # The sector's other programmes, where a school nearby offers them: recognised for part of it.
        related = []
        for key in self.sector_keys.get(sector.sector, ()):
            nearby = self._nearby(plan.sites[site], key)
            if key not in keys and nearby and rng.random() < RELATED:
                related.append(key)
                recognitions += [self._recognition(offer) for offer in nearby]
        chances: dict[str, float] = {}
        for code, chance in sector.support:
            chances[code] = max(chances.get(code, 0), chance)
        if any(self.inclusive[key] for key in keys):
            for code, chance in INCLUSIVE_SUPPORT.items():
                chances[code] = max(chances.get(code, 0), chance)
        offered = {code for code, chance in chances.items() if rng.random() < chance}
        mentors = []
        if rng.random() < 0.93:
            mentors = sorted(
                rng.sample(range(len(plan.mentors)), min(len(plan.mentors), rng.choice((1, 1, 2))))
            )
        return WorkplacePlan(
            site=site,
            employer=plan.name,
            title=title,
            job=job,
            language=rng.choices(levels, weights=weights)[0],
            hours=hours,
            shifts=list(shifts),
            support=[code for code in Support.values if code in offered],
            status=rng.choices(("open", "paused"), weights=(95, 5))[0],
            last_started=self._last_started(),
            places=rng.choices((1, 2, 3), weights=(45, 35, 20))[0],
            competences=self._competences(keys, related),
            recognitions=recognitions,
            mentors=mentors,
        )

    def _last_started(self) -> datetime.date | None:
        chance, today = self.rng.random(), self.demo.today
        if chance < 0.12:
            return None  # never took a learner
        if chance < 0.22:
            return today - datetime.timedelta(days=self.rng.randint(400, 1500))  # idle for over a year
        return today - datetime.timedelta(days=self.rng.randint(20, 330))

    def _competences(self, keys: list[str], related: list[str]) -> list[tuple[int, int]]:
        """What the workplace teaches of its programmes: for the first, all core competences at some
        workplaces and most of them at the others; less of the second, part of the related ones;
        optional ones now and then; mostly up to the level the programme asks for."""
        rng, levels = self.rng, {}
        for position, key in enumerate([*keys, *related]):
            lines = self.demo.profiles[key]
            core = [line for line in lines if line.core]
            if position >= len(keys):
                share = rng.uniform(0.35, 0.75)
            elif rng.random() < (0.4 if position == 0 else 0.15):
                share = 1.0
            else:
                share = rng.uniform(0.6, 0.95) if position == 0 else rng.uniform(0.4, 0.85)
            kept = set(rng.sample(range(len(core)), max(1, round(share * len(core)))))
            chosen = [line for k, line in enumerate(core) if k in kept]
            chosen += [line for line in lines if not line.core and rng.random() < 0.55]
            for line in chosen:
                if line.competence_id in levels:
                    continue
                lower = rng.random() < 0.15
                levels[line.competence_id] = max(2, line.target_level - 1) if lower else line.target_level
        return sorted(levels.items())

    def _recognitions(self, site: SitePlan, key: str) -> list[RecognitionPlan]:
        """Recognised for the programme at the nearest school that offers it, and mostly also at the
        other schools whose learners could come here."""
        nearest = min(
            self.offered[key], key=lambda o: haversine_km(site.lat, site.lon, o.school.lat, o.school.lon)
        )
        chosen = [
            nearest,
            *(o for o in self._nearby(site, key) if o is not nearest and self.rng.random() < 0.9),
        ]
        return [self._recognition(offer) for offer in chosen]

    def _nearby(self, site: SitePlan, key: str) -> list[Offer]:
        """The schools offering the programme whose learners could come to the site."""
        return [
            o
            for o in self.offered[key]
            if haversine_km(site.lat, site.lon, o.school.lat, o.school.lon)
            <= o.school.plan.reach_km + RECOGNITION_MARGIN_KM
        ]

    def _recognition(self, offer: Offer) -> RecognitionPlan:
        """Mostly granted and in force; some applied for, expiring soon, expired or withdrawn."""
        rng, today = self.rng, self.demo.today
        chance = rng.random()
        if offer.new or chance < 0.06:
            return RecognitionPlan(offer.programme, S.APPLIED)
        if chance < 0.11:
            expires = today + datetime.timedelta(days=rng.randint(5, EXPIRY_SOON_DAYS))
        elif chance < 0.13:
            expires = today - datetime.timedelta(days=rng.randint(10, 1000))  # expired, not renewed
        else:
            starts = _day_between(rng, _years_later(today, -5) + datetime.timedelta(days=120), today)
            expires = _years_later(starts, 5)
        starts = _years_later(expires, -5)
        status = S.WITHDRAWN if rng.random() < 0.01 else S.GRANTED
        return _withdrawn(rng, RecognitionPlan(offer.programme, status, starts, expires), today)

    def _ensure_examples(self, plans: list[EmployerPlan]) -> None:
        """However small the region, the pages have one of each: a withdrawn recognition with its
        reason, a pending one, one expiring within three months, and a recognised workplace sitting idle."""
        today = self.demo.today
        recognitions = [(w, r) for p in plans for w in p.workplaces for r in w.recognitions]
        # The logins' employers keep their own story; the examples are found among the others.
        granted = [
            (w, r)
            for p in plans
            if not p.fixed
            for w in p.workplaces
            for r in w.recognitions
            if r.status == S.GRANTED
        ]
        if len(granted) < 4:
            return
        picks = [granted[len(granted) * k // 4] for k in range(4)]
        if not any(r.status == S.WITHDRAWN for _w, r in recognitions):
            _withdrawn(self.rng, _set(picks[0][1], status=S.WITHDRAWN), today)
        if not any(r.status == S.APPLIED for _w, r in recognitions):
            _set(picks[1][1], status=S.APPLIED, starts_on=None, expires_on=None)
        soon = today + datetime.timedelta(days=EXPIRY_SOON_DAYS)
        if not any(r.status == S.GRANTED and today <= r.expires_on <= soon for _w, r in granted):
            expires = today + datetime.timedelta(days=EXPIRY_SOON_DAYS // 2)
            _set(picks[2][1], starts_on=_years_later(expires, -5), expires_on=expires)
        idle = [w for w, r in granted if _idle(w, r, today)]
        if not idle:
            workplace, recognition = picks[3]
            starts = _years_later(today, -2)
            _set(recognition, starts_on=starts, expires_on=_years_later(starts, 5))
            workplace.last_started = None
            idle = [workplace]
        idle[0].idle = True  # the history leaves it idle


def _set(plan: RecognitionPlan, **values: object) -> RecognitionPlan:
    for name, value in values.items():
        setattr(plan, name, value)
    return plan


def _idle(workplace: WorkplacePlan, recognition: RecognitionPlan, today: datetime.date) -> bool:
    """As `placements.queries.idle_workplaces` sees it."""
    year_ago = today - datetime.timedelta(days=365)
    return (
        recognition.status == S.GRANTED
        and recognition.starts_on is not None
        and recognition.expires_on is not None
        and recognition.starts_on <= year_ago <= today <= recognition.expires_on
        and (workplace.last_started is None or workplace.last_started < year_ago)
    )


def _withdrawn(rng: random.Random, plan: RecognitionPlan, today: datetime.date) -> RecognitionPlan:
    if plan.status == S.WITHDRAWN and plan.starts_on is not None:
        plan.withdrawn_on = _day_between(rng, min(plan.starts_on, today), today)
        plan.reason = rng.choice(WITHDRAWAL_REASONS)
    return plan


def _day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
