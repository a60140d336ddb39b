"""The matching history of the demo region: what happened this school year before the demo begins.

The employers are written first and handed to the demo's market (`demo.market`); then, a chunk of
learners at a time, the real matching engine gives each planned learner their candidates and
`history.decide` settles their story (placed, declined somewhere, an open proposal, their own list),
before the chunk is written with the applications in bulk. At the end the workplaces get what the
accepted applications did to them, and the logins get their own applications through the services (but
Elif's place at the bakery, taken before the school year, is history and written in bulk).
"""

from dataclasses import dataclass, field

from werkbrug import matching
from werkbrug.demo import cast
from werkbrug.demo.context import Demo, email
from werkbrug.demo.history import logins
from werkbrug.demo.history import write as bulk
from werkbrug.demo.history.decide import AppPlan, Decider, Former, Story, learner_rows
from werkbrug.demo.people import LearnerPlan
from werkbrug.demo.region import FIXED_EMPLOYERS
from werkbrug.learners.models import LearnerProfile
from werkbrug.placements.engine import explanation_json

__all__ = ["History"]


@dataclass
class History:
    demo: Demo
    decider: Decider = field(init=False)
    cast: list[logins.CastApplication] = field(default_factory=list)
    emre: logins.CastApplication | None = None
    emre_wishes: list[int] = field(default_factory=list)
    elif_: tuple[LearnerProfile, AppPlan | None] | None = None
    formers: list[Former] = field(default_factory=list)  # for `demo.trajectories`, once written

    def __post_init__(self) -> None:
        demo = self.demo
        for school in demo.schools:
            for key, programme in school.programmes.items():
                lines = demo.profiles[key]
                demo.market.profiles[programme.pk] = matching.Profile.build(
                    [(line.competence_id, line.core, float(line.weight), line.target_level) for line in lines]
                )
        self.decider = Decider(demo)
        self.jobhunter = demo.logins[cast.JOBHUNTER_EMAIL].pk

    def decide(self, plans: list[LearnerPlan]) -> list[Story]:
        """The stories of a chunk of planned learners; settles each learner's status."""
        return self.decider.decide(plans)

    def write(self, stories: list[Story], ids: dict[str, int]) -> None:
        """Write a chunk's history, once its learners are written (`ids`: their people by e-mail)."""
        bulk.write(self.demo, stories, ids, self.jobhunter)
        for story in stories:
            if story.former:
                story.former.learner_id = story.plan.profile.pk
                story.former.workplace_id = self.demo.market.place(story.former.w).pk
                self.formers.append(story.former)
            plan, app = story.plan, story.cast
            if plan.cast is None or not plan.cast.by_services:
                continue
            part = plan.cast
            agrees = ids[email("ouder", plan.number)] if plan.minor else plan.profile.user_id
            proposer = self.demo.logins[cast.COACH_EMAIL].pk if part.coach_is_login else plan.profile.coach_id
            self.cast.append(
                logins.CastApplication(
                    learner_id=plan.profile.pk,
                    workplace_id=self.demo.market.place(app.w).pk if app else None,
                    stage=part.stage,
                    proposer_id=proposer,
                    agrees_id=agrees,
                    score=app.score if app else None,
                    explanation=app.explanation if app else [],
                )
            )

    def demo_learner(self, emre: LearnerProfile) -> None:
        """Emre's place, kept before anyone else's: the best in his reach with a place left, at
        another employer than the logins' own when one is among his best few."""
        market, decider = self.demo.market, self.decider
        learners = learner_rows([emre])
        found = matching.candidates(market.region, learners, require_places=False)
        rows = list(range(len(found)))
        fixed = {f.name for f in FIXED_EMPLOYERS}
        others = [r for r in rows[:6] if market.place(int(found.workplace[r])).employer not in fixed]
        r = decider.pick(others, found)
        r = decider.pick(rows, found) if r is None else r
        if r is None:  # no place in reach: no proposal (and nothing left of an earlier one)
            self.emre = logins.CastApplication(emre.pk, None, cast.BLIND, 0, None, None, [])
            return
        w = int(found.workplace[r])
        decider.reserve(w)
        self.emre = logins.CastApplication(
            learner_id=emre.pk,
            workplace_id=market.place(w).pk,
            stage=cast.BLIND,
            proposer_id=self.demo.logins[cast.COACH_EMAIL].pk,
            agrees_id=None,
            score=round(float(found.score[r]), 4),
            explanation=explanation_json(matching.explain(market.region, learners, found, r)),
        )
        self.emre_wishes = [market.place(int(found.workplace[x])).pk for x in rows[:4] if x != r][:2]

    def stagiair(self, elif_: LearnerProfile) -> None:
        """Elif's place: in the shop of the demo mentor's bakery, accepted before the summer."""
        market, decider = self.demo.market, self.decider
        learners = learner_rows([elif_])
        found = matching.candidates(market.region, learners, require_places=False)
        r = decider.pick(list(range(len(found))), found, employer=cast.BAKERY)
        if r is None:  # not in reach in this region: she seeks, like her brother
            self.elif_ = (elif_, None)
            return
        app, _start = decider.accept(int(found.workplace[r]), r, early=True)
        app.score = round(float(found.score[r]), 4)
        app.explanation = explanation_json(matching.explain(market.region, learners, found, r))
        self.elif_ = (elif_, app)

    def finish(self) -> None:
        """The workplaces as the accepted applications left them, then the logins' own applications:
        Emre proposed by his coach and waiting for his mother's agreement, with two places on his own
        list; the others as `demo.cast.CAST_LEARNERS` tells."""
        demo = self.demo
        bulk.workplaces(demo, self.decider)
        if self.elif_:
            profile, app = self.elif_
            bulk.placed_login(demo, profile, app, self.demo.logins[cast.COACH_EMAIL].pk)
        for wanted in [*([self.emre] if self.emre else []), *self.cast]:
            logins.make(wanted, demo.today)
        emre = logins.demo_learner()
        logins.wishes(emre, self.emre_wishes)
