"""What happened to each learner so far this school year, decided with the real matching engine.

A learner the plan sees placed was proposed to one of their best candidates with a place left, met the
employer and was accepted (now and then the placement ended early and they seek again, or it is paused);
other proposals of theirs were withdrawn then. A seeking learner may have been declined somewhere, with a
reason, may have an open proposal (blind, agreed to or with an introduction planned) and their own list
of places. A few older learners the plan sees seeking are former learners instead: their trajectory of
the school year before has ended (`demo.trajectories` writes the trajectories).
Places are counted as they are taken, so no workplace takes more learners than it has places.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from werkbrug import matching
from werkbrug.demo.cast import PLACED as PLACED_CAST
from werkbrug.demo.cast import CastLearner
from werkbrug.demo.context import FIRST_SCHOOL_DAY, Demo, school_year
from werkbrug.demo.people import LearnerPlan
from werkbrug.demo.region import FIXED_EMPLOYERS
from werkbrug.geo import Mode
from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.travel import place_of
from werkbrug.placements.engine import DEFAULT_MODES, SECTOR_BITS, SUPPORT_BITS, bits, explanation_json
from werkbrug.placements.models import Application
from werkbrug.vocab import CEFR, TravelMode

A, R = Application.Status, Application.DeclineReason
SEEKING, PLACED, PAUSED, FINISHED, LEFT = (
    LearnerProfile.Status.SEEKING,
    LearnerProfile.Status.PLACED,
    LearnerProfile.Status.PAUSED,
    LearnerProfile.Status.FINISHED,
    LearnerProfile.Status.LEFT,
)
EMPLOYER, COACH = "employer", "coach"  # who declined
# Why a proposal was declined before anyone met (reason, weight, who said no) and after an introduction.
BLIND_REASONS = [
    (R.COMPETENCES, 3, EMPLOYER),
    (R.LANGUAGE, 2, EMPLOYER),
    (R.NO_PLACE, 2, EMPLOYER),
    (R.TRAVEL, 2, COACH),
    (R.HOURS, 2, COACH),
    (R.OTHER, 1, EMPLOYER),
]
MET_REASONS = [
    (R.INTRODUCTION, 4, EMPLOYER),
    (R.NO_SHOW, 2, EMPLOYER),
    (R.HOURS, 2, COACH),
    (R.OTHER, 1, COACH),
]
OTHER_NOTES = [
    "Het bedrijf verhuist dit voorjaar en neemt tot dan niemand nieuw aan.",
    "De leerling wil eerst zijn rijbewijs halen en dan opnieuw kijken.",
    "De mentor is langdurig ziek; we bekijken het na de krokusvakantie opnieuw.",
    "Op vraag van de leerling: liever een werkplek waar ook Turks gesproken wordt.",
]
NOTES = [
    "Gemotiveerde leerling, werkt graag met de handen.",
    "Heeft al een vakantiejob gedaan in dezelfde sector.",
    "Komt het best tot zijn recht in een klein team.",
    "Kan vanaf de tweede week van de maand starten.",
    "Stelt veel vragen: een mentor met tijd om uit te leggen helpt.",
]
TOP = 4  # a learner is proposed to one of their best few candidates
RANKED_PER_WORKPLACE = 4
FIXED_NAMES = {f.name for f in FIXED_EMPLOYERS}  # the logins' employers rank their candidates
PAUSED_SHARE = 0.08  # of the running placements, after three weeks at least
FORMER_SHARE = 0.07  # of the older learners the plan sees seeking
FORMER_COMPLETED = 0.7  # of the former learners, completed (the others left early)
# The youngest age (on the first school day) at which a learner of the programme type had a trajectory
# the year before.
FORMER_AGE = {"duaal_leren": 17, "buso_ov3": 17, "graduaat": 19, "leerwerk": 18, "art60": 18}


@dataclass
class AppPlan:
    """One application as it stands now; times are aware, days plain."""

    w: int  # engine index of the workplace
    row: int  # candidate row, for the score and the reasons
    status: str
    proposed_at: datetime.datetime
    proposer: str = COACH  # the learner's coach, or the network's job hunter
    note: str = ""
    agreed_at: datetime.datetime | None = None
    introduction_on: datetime.date | None = None
    decided_at: datetime.datetime | None = None
    decided_by: str = ""  # EMPLOYER, COACH or "" (withdrawn by the platform when placed elsewhere)
    reason: str = ""
    decline_note: str = ""
    freed_at: datetime.datetime | None = None
    score: float | None = None
    explanation: list[dict] = field(default_factory=list)

    @property
    def updated_at(self) -> datetime.datetime:
        return max(t for t in (self.proposed_at, self.agreed_at, self.decided_at, self.freed_at) if t)


@dataclass
class Former:
    """The ended trajectory of the school year before, of a learner no longer learning this year."""

    w: int  # engine index of the workplace
    starts_on: datetime.date
    completed: bool  # completed (finished), else left early
    learner_id: int = 0  # set once written
    workplace_id: int = 0


@dataclass
class Story:
    plan: LearnerPlan
    applications: list[AppPlan] = field(default_factory=list)
    wishes: list[int] = field(default_factory=list)  # engine indices, in the learner's order
    ranks: list[tuple[int, int]] = field(default_factory=list)  # (engine index, the workplace's rank)
    waiting_since: datetime.datetime | None = None
    cast: AppPlan | None = None  # where a cast learner's application goes; the services make it
    former: Former | None = None


def learner_rows(profiles: list[LearnerProfile]) -> matching.Learners:
    """The learners as `placements.engine.RegionData.learner_row` gives them to the engine."""
    rows = []
    for k, p in enumerate(profiles):
        place = place_of(p.home_country, p.home_postcode)
        modes = [m for m in p.mobility_modes if m in TravelMode.values] or DEFAULT_MODES
        rows.append(
            matching.LearnerRow(
                id=k,
                programme=p.programme_id or -1,
                lat=place.lat if place else np.nan,
                lon=place.lon if place else np.nan,
                modes=matching.mode_mask(*(Mode(m) for m in modes)),
                max_minutes=p.max_travel_minutes,
                language=CEFR.rank(p.dutch_level) if p.dutch_level else -1,
                support=bits(p.support_needs, SUPPORT_BITS),
                sectors=bits(p.sectors, SECTOR_BITS),
            )
        )
    return matching.learners_from(rows)


class Decider:
    """Decides the stories chunk by chunk, keeping count of the places taken."""

    def __init__(self, demo: Demo) -> None:
        self.demo, self.market = demo, demo.market
        self.rng = demo.rng("history")
        self.today = demo.today
        self.period_start = school_year(demo.today)[0]
        self.taken: dict[int, int] = defaultdict(int)  # engine index -> accepted, place not freed
        self.started: dict[int, datetime.date] = {}  # engine index -> the last learner's first day
        self.ranked: dict[int, int] = defaultdict(int)  # engine index -> learners ranked so far
        self.started_before: dict[int, datetime.date] = {}  # engine index -> a former learner's first day
        # Their own streams, so pausing and former learners leave the rest of the history as it was.
        self.pauses, self.formers = demo.rng("pauses"), demo.rng("formers")

    def decide(self, plans: list[LearnerPlan]) -> list[Story]:
        """The stories of a chunk of planned learners; sets each learner's status."""
        learners = learner_rows([p.profile for p in plans])
        found = matching.candidates(self.market.region, learners, require_places=False)
        starts = found.starts
        stories = []
        for i, plan in enumerate(plans):
            rows = list(range(int(starts[i]), int(starts[i + 1])))
            story = Story(plan)
            if plan.cast:
                self._cast(story, plan.cast, rows, found)
            else:
                self._story(story, rows, found)
            for app in story.applications + ([story.cast] if story.cast else []):
                r = app.row
                app.score = round(float(found.score[r]), 4)
                app.explanation = explanation_json(matching.explain(self.market.region, learners, found, r))
            stories.append(story)
        return stories

    def pick(self, rows: list[int], found: matching.Candidates, *, employer: str = "") -> int | None:
        """The best candidate row with a place left (at `employer`, when given); None if there is none."""
        for r in rows:
            place = self.market.place(int(found.workplace[r]))
            if self._free(int(found.workplace[r])) and (not employer or place.employer == employer):
                return r
        return None

    def reserve(self, w: int) -> None:
        """Keep a place for an application the logins will decide on."""
        self.market.left[w] -= 1

    def _free(self, w: int) -> bool:
        return self.market.left[w] > 0 and not self.market.place(w).idle

    def accept(self, w: int, r: int, *, early: bool = False) -> tuple[AppPlan, datetime.date]:
        """An application accepted at workplace `w` (candidate row `r`), its place taken; with its first
        day. `early`: accepted before the summer, so the learner started on the first school day."""
        rng, today = self.rng, self.today
        if early:
            last = self.period_start - datetime.timedelta(days=60)
            proposed = self._day(last - datetime.timedelta(days=40), last)
        else:
            proposed = self._day(
                self.period_start - datetime.timedelta(days=100), today - datetime.timedelta(days=30)
            )
        app = self._met(w, r, proposed)
        decided = app.introduction_on + datetime.timedelta(days=rng.randint(1, 5))
        app.status, app.decided_at, app.decided_by = A.ACCEPTED, self._at(decided), EMPLOYER
        start = min(today, max(self.period_start, decided + datetime.timedelta(days=rng.randint(7, 14))))
        self.market.left[w] -= 1
        self.taken[w] += 1
        self.started[w] = max(self.started.get(w, start), start)
        return app, start

    def _cast(self, story: Story, part: CastLearner, rows: list[int], found: matching.Candidates) -> None:
        r = self.pick(rows, found, employer=part.employer)
        if part.stage == PLACED_CAST:
            if r is None:  # no place in reach: they seek, without an application
                story.plan.profile.status = SEEKING
            else:
                self._placed(story, r, rows, found, set(), early=True)
        elif r is not None:
            w = int(found.workplace[r])
            self.reserve(w)
            story.cast = AppPlan(w, r, A.PROPOSED, self._at(self.today))

    def _story(self, story: Story, rows: list[int], found: matching.Candidates) -> None:
        rng, profile = self.rng, story.plan.profile
        used: set[int] = set()
        if profile.status == SEEKING and self._former(story, rows, found):
            return
        if profile.status == PLACED:
            free = [r for r in rows[: TOP * 2] if self._free(int(found.workplace[r]))][:TOP]
            if free and story.plan.may_agree:
                r = rng.choices(free, weights=[5, 3, 2, 1][: len(free)])[0]
                self._placed(story, r, rows, found, used)
            else:
                profile.status = SEEKING
        if profile.status == SEEKING:
            self._seeking(story, rows, found, used)
        elif profile.status == PAUSED and rows and rng.random() < 0.3:
            self._declined(story, rng.choice(rows[:6]), found, used)
        running = [a for a in story.applications if a.status == A.ACCEPTED and a.freed_at is None]
        days_in = (self.today - max(self.period_start, running[0].decided_at.date())).days if running else 0
        if days_in >= 21 and self.pauses.random() < PAUSED_SHARE:  # see `demo.trajectories`
            profile.status = PAUSED

    def _former(self, story: Story, rows: list[int], found: matching.Candidates) -> bool:
        """Is the learner a former learner, whose trajectory ended in the school year before? Then the
        trajectory is kept on `story.former` and the learner is finished (completed) or left early."""
        profile, born = story.plan.profile, story.plan.profile.date_of_birth
        age = (
            FIRST_SCHOOL_DAY.year
            - born.year
            - ((FIRST_SCHOOL_DAY.month, FIRST_SCHOOL_DAY.day) < (born.month, born.day))
        )
        free = [r for r in rows[:6] if not self.market.place(int(found.workplace[r])).idle]
        if age < FORMER_AGE.get(profile.programme.type, 99) or not free:
            return False
        if self.formers.random() >= FORMER_SHARE:
            return False
        rng = self.formers
        w = int(found.workplace[rng.choice(free)])
        year_before = self.period_start.replace(year=self.period_start.year - 1)
        starts = _weekday(year_before + datetime.timedelta(days=rng.randint(0, 10)))
        story.former = Former(w, starts, rng.random() < FORMER_COMPLETED)
        profile.status = FINISHED if story.former.completed else LEFT
        self.started_before[w] = max(self.started_before.get(w, starts), starts)
        return True

    def _placed(
        self,
        story: Story,
        r: int,
        rows: list[int],
        found: matching.Candidates,
        used: set[int],
        *,
        early: bool = False,
    ) -> None:
        rng, today = self.rng, self.today
        app, start = self.accept(int(found.workplace[r]), r, early=early)
        w = app.w
        story.applications.append(app)
        used.add(w)
        if early:  # a cast learner's placement: it runs
            return
        proposed = app.proposed_at.date()
        others = [x for x in rows[:8] if int(found.workplace[x]) not in used]
        if others and rng.random() < 0.35:  # open elsewhere when accepted here: withdrawn
            x = rng.choice(others)
            other = AppPlan(
                int(found.workplace[x]), x, A.WITHDRAWN, self._at(proposed + datetime.timedelta(days=3))
            )
            other.proposer, other.reason, other.decided_at = (
                app.proposer,
                R.LEARNER_CHOSE_OTHER,
                app.decided_at,
            )
            story.applications.append(other)
            used.add(other.w)
        if (today - start).days > 30 and rng.random() < 0.1:  # ended early: the place is free again
            app.freed_at = self._at(
                start + datetime.timedelta(days=rng.randint(14, (today - start).days - 1))
            )
            self.market.left[w] += 1
            self.taken[w] -= 1
            story.plan.profile.status = SEEKING
            story.waiting_since = app.freed_at

    def _seeking(self, story: Story, rows: list[int], found: matching.Candidates, used: set[int]) -> None:
        rng, plan = self.rng, story.plan
        if not rows:
            return
        if rng.random() < 0.25:
            self._declined(story, rng.choice(rows[:8]), found, used)
        chance = rng.random()
        free = [
            r
            for r in rows[: TOP * 2]
            if self._free(int(found.workplace[r])) and int(found.workplace[r]) not in used
        ]
        if free and chance < 0.3:
            r = free[0] if rng.random() < 0.6 else rng.choice(free[:TOP])
            w, today = int(found.workplace[r]), self.today
            if chance < 0.1 and plan.may_agree:  # an introduction is planned
                proposed = self._day(today - datetime.timedelta(days=30), today - datetime.timedelta(days=8))
                app = self._met(w, r, proposed)
                app.status = A.INTRODUCED
                app.introduction_on = _weekday(today + datetime.timedelta(days=rng.randint(-4, 12)))
            else:
                proposed = self._day(today - datetime.timedelta(days=25), today - datetime.timedelta(days=2))
                app = self._proposed(w, r, proposed)
                if plan.may_agree and rng.random() < 0.4:
                    agreed = min(
                        today - datetime.timedelta(days=1),
                        proposed + datetime.timedelta(days=rng.randint(1, 3)),
                    )
                    app.agreed_at = self._at(agreed)
            story.applications.append(app)
            used.add(w)
        if rng.random() < 0.22:
            story.wishes = sorted(rng.sample(rows[:6], min(len(rows[:6]), rng.choice((1, 2, 2, 3)))))
            story.wishes = [int(found.workplace[r]) for r in story.wishes]
        for r in rows[:3]:  # some workplaces put the learner on their own list of candidates
            w = int(found.workplace[r])
            ranks = w % 4 == 0 or self.market.place(w).employer in FIXED_NAMES
            if ranks and self.ranked[w] < RANKED_PER_WORKPLACE and rng.random() < 0.6:
                self.ranked[w] += 1
                story.ranks.append((w, self.ranked[w]))

    def _declined(self, story: Story, r: int, found: matching.Candidates, used: set[int]) -> None:
        rng, today = self.rng, self.today
        w = int(found.workplace[r])
        if w in used:
            return
        met = story.plan.may_agree and rng.random() < 0.4
        first = self.period_start - datetime.timedelta(days=120)
        if met:
            app = self._met(w, r, self._day(first, today - datetime.timedelta(days=25)))
            reason, by = _weighted(rng, MET_REASONS)
            decided = app.introduction_on + datetime.timedelta(days=rng.randint(0, 4))
        else:
            app = self._proposed(w, r, self._day(first, today - datetime.timedelta(days=14)))
            reason, by = _weighted(rng, BLIND_REASONS)
            decided = app.proposed_at.date() + datetime.timedelta(days=rng.randint(2, 12))
        app.status, app.reason, app.decided_by = A.DECLINED, reason, by
        app.decided_at = self._at(min(decided, today - datetime.timedelta(days=1)))
        if reason == R.OTHER:
            app.decline_note = rng.choice(OTHER_NOTES)
        story.applications.append(app)
        used.add(w)

    def _proposed(self, w: int, r: int, day: datetime.date) -> AppPlan:
        rng = self.rng
        app = AppPlan(w, r, A.PROPOSED, self._at(day))
        app.proposer = "jobhunter" if rng.random() < 0.15 else COACH
        app.note = rng.choice(NOTES) if rng.random() < 0.3 else ""
        return app

    def _met(self, w: int, r: int, proposed: datetime.date) -> AppPlan:
        """Proposed, agreed to and introduced: the introduction in the past."""
        rng = self.rng
        app = self._proposed(w, r, proposed)
        agreed = proposed + datetime.timedelta(days=rng.randint(1, 4))
        app.agreed_at = self._at(agreed)
        app.introduction_on = _weekday(agreed + datetime.timedelta(days=rng.randint(3, 10)))
        return app

    def _day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def _at(self, day: datetime.date) -> datetime.datetime:
        """A moment in office hours on `day`."""
        clock = datetime.time(self.rng.randint(8, 16), self.rng.choice((0, 10, 20, 30, 40, 50)))
        return datetime.datetime.combine(day, clock, tzinfo=datetime.UTC)


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _weighted(rng: random.Random, options: list[tuple]) -> tuple:
    chosen = rng.choices(options, weights=[o[1] for o in options])[0]
    return chosen[0], chosen[2]
