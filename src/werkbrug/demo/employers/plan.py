"""The plan of the employers: names, sites, mentors and workplaces in plain Python, from one random
stream, so it only depends on the seed and the number of workplaces."""

import datetime
import random
from dataclasses import dataclass, field
from itertools import accumulate

from werkbrug.demo import cast
from werkbrug.demo.context import Demo, email
from werkbrug.demo.names import FLEMISH
from werkbrug.demo.places import Postcode, by_weight, jittered
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
S = Recognition.Status


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
    title: str
    job: Job
    language: str
    hours: str
    shifts: list[str]
    support: list[str]
    status: str
    last_started: datetime.date | None
    places: int
    competences: list[tuple[int, int]]  # (competence id, level reachable)
    recognitions: list[RecognitionPlan]
    mentors: list[int]  # indices in the employer's mentors


@dataclass
class EmployerPlan:
    name: str
    sector: SectorPlan
    sites: list[SitePlan] = field(default_factory=list)
    workplaces: list[WorkplacePlan] = field(default_factory=list)
    mentors: list[MentorPlan] = field(default_factory=list)
    login_mentor: str | None = None  # a demo login who mentors at the first workplace
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
        # Where each programme is offered: (school place, programme), in school order.
        self.offered: dict[str, list[tuple[float, float, Programme]]] = {}
        for school in demo.schools:
            for key, programme in school.programmes.items():
                self.offered.setdefault(key, []).append((school.lat, school.lon, programme))

    def plan(self, workplaces: int) -> list[EmployerPlan]:
        plans = [self._fixed(fixed) for fixed in FIXED_EMPLOYERS]
        left = workplaces - sum(len(p.workplaces) for p in plans)
        while left > 0:
            sector = self.rng.choices(SECTORS, cum_weights=self.sector_weights)[0]
            size = 1 + min(int(self.rng.expovariate(1 / max(0.5, sector.workplaces_per_employer - 1))), 15)
            plans.append(self._generated(sector, min(size, left)))
            left -= len(plans[-1].workplaces)
        self._ensure_examples(plans)
        return plans

    def _fixed(self, fixed: FixedEmployer) -> EmployerPlan:
        sector = SECTOR_PLANS[fixed.sector]
        plan = EmployerPlan(fixed.name, sector, fixed=True)
        self.used_names.add(plan.name)
        for name, code in fixed.sites:
            plan.sites.append(self._site(name, self.demo.postcode(code)))
        jobs = {job.title: job for job in sector.jobs}
        self._staff(plan, [jobs[title] for title in fixed.jobs])
        if plan.name == cast.BAKERY:
            plan.login_mentor = cast.MENTOR_EMAIL
        return plan

    def _generated(self, sector: SectorPlan, size: int) -> EmployerPlan:
        home = self._postcode(sector)
        assert home is not None  # without `not_in` the first try lands
        plan = EmployerPlan(self._name(sector, home), sector)
        plan.sites.append(self._site(sector.site.format(place=home.municipality), home))
        if size >= 3 and self.rng.random() < 0.35:
            other = self._postcode(sector, not_in=home.municipality)
            if other is not None:
                plan.sites.append(self._site(f"Vestiging {other.municipality}", other))
        order = list(sector.jobs)
        self.rng.shuffle(order)
        jobs = [order[i] if i < len(order) else self.rng.choice(order) for i in range(size)]
        self._staff(plan, jobs)
        return plan

    def _postcode(self, sector: SectorPlan, not_in: str = "") -> Postcode | None:
        """Where the sector's employers are (logistics in Genk, Lommel, Beringen; fruit around
        Sint-Truiden; the rest where people live); None when ten tries all land in `not_in`."""
        postcodes, weights = self.demo.postcodes, self.by_inhabitants
        if sector.places:
            postcodes, weights = by_weight(self.demo.postcodes, sector.places)
        for _ in range(10):
            postcode = self.rng.choices(postcodes, cum_weights=weights)[0]
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
        chance = self.rng.random()
        if chance < 0.55:
            title, provider = self.rng.choice(TRAININGS)
            return title, provider, _day_between(self.rng, TRAINED_FROM, self.demo.today)
        if chance < 0.62:
            title, provider = self.rng.choice(TRAININGS)
            return title, provider, None  # booked, not done yet
        return None

    def _workplace(self, plan: EmployerPlan, site: int, title: str, job: Job) -> WorkplacePlan:
        rng, sector = self.rng, plan.sector
        levels, weights = zip(*sector.language, strict=True)
        hours, shifts = rng.choice(sector.hours)
        offered = {code for code, chance in sector.support if rng.random() < chance}
        keys = list(job.programmes[: rng.choice((1, 1, 2))])
        mentors = []
        if rng.random() < 0.93:
            mentors = sorted(
                rng.sample(range(len(plan.mentors)), min(len(plan.mentors), rng.choice((1, 1, 2))))
            )
        return WorkplacePlan(
            site=site,
            title=title,
            job=job,
            language=rng.choices(levels, weights=weights)[0],
            hours=hours,
            shifts=list(shifts),
            support=[code for code in Support.values if code in offered],
            status=rng.choices(("open", "full", "paused"), weights=(85, 10, 5))[0],
            last_started=self._last_started(),
            places=rng.choices((1, 2, 3, 4, 5), weights=(35, 30, 18, 10, 7))[0],
            competences=self._competences(keys),
            recognitions=[self._recognition(plan.sites[site], key) for key in keys],
            mentors=mentors,
        )

    def _last_started(self) -> datetime.date | None:
        chance, today = self.rng.random(), self.demo.today
        if chance < 0.12:
            return None  # never took a learner
        if chance < 0.22:
            return today - datetime.timedelta(days=self.rng.randint(400, 1500))  # idle for over a year
        return today - datetime.timedelta(days=self.rng.randint(20, 330))

    def _competences(self, keys: list[str]) -> list[tuple[int, int]]:
        """Most of the competences of the workplace's programmes, mostly at the level they ask for."""
        levels: dict[int, int] = {}
        for key in keys:
            for line in self.demo.profiles[key]:
                if line.competence_id in levels or self.rng.random() > (0.9 if line.core else 0.6):
                    continue
                lower = self.rng.random() < 0.15
                levels[line.competence_id] = max(2, line.target_level - 1) if lower else line.target_level
        return sorted(levels.items())

    def _recognition(self, site: SitePlan, key: str) -> RecognitionPlan:
        """Recognised for the programme at a school nearby: mostly granted, some pending."""
        rng, today = self.rng, self.demo.today
        schools = sorted(self.offered[key], key=lambda s: haversine_km(site.lat, site.lon, s[0], s[1]))
        programme = schools[0][2] if len(schools) == 1 or rng.random() < 0.75 else rng.choice(schools[1:])[2]
        chance = rng.random()
        if chance < 0.12:
            return RecognitionPlan(programme, S.APPLIED)
        if chance < 0.19:
            expires = today + datetime.timedelta(days=rng.randint(5, EXPIRY_SOON_DAYS))
        elif chance < 0.21:
            expires = today - datetime.timedelta(days=rng.randint(10, 1000))  # expired, not renewed
        else:
            starts = _day_between(rng, _years_later(today, -5) + datetime.timedelta(days=120), today)
            expires = _years_later(starts, 5)
        starts = _years_later(expires, -5)
        status = S.WITHDRAWN if rng.random() < 0.01 else S.GRANTED
        return _withdrawn(rng, RecognitionPlan(programme, status, starts, expires), today)

    def _ensure_examples(self, plans: list[EmployerPlan]) -> None:
        """However small the region, the pages have one of each: a withdrawn recognition with its
        reason, a pending one, one expiring within three months, and a recognised workplace sitting idle."""
        today = self.demo.today
        recognitions = [(w, r) for p in plans for w in p.workplaces for r in w.recognitions]
        granted = [(w, r) for w, r in recognitions if r.status == S.GRANTED]
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
        if not any(_idle(w, r, today) for w, r in granted):
            workplace, recognition = picks[3]
            starts = _years_later(today, -2)
            _set(recognition, starts_on=starts, expires_on=_years_later(starts, 5))
            workplace.last_started = None


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
