"""One trajectory's story, from its own seeded stream: the trajectory as it started (as
`trajectories.services.trajectory_start` starts one), plan version 1 as `services.draft_lines` drafts
it, its signatures, and (for Elif) a revised version waiting for signatures. The rest of the story is
told by `evaluations`, `follow` and `ending`, on the `Story` begun here.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from werkbrug.demo.trajectories import texts
from werkbrug.demo.trajectories.sources import COMPLETED, ENDED_EARLY, FORMER, PAUSED, Source
from werkbrug.trajectories.models import (
    LAST_PHASE,
    Absence,
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluationScore,
    FollowUp,
    LogEntry,
    Outcome,
    Pause,
    PhaseReached,
    PlanItem,
    PlanSignature,
    ProgressReview,
    ReviewSignature,
    SignerRole,
    SurveyAnswer,
    TrainingPlan,
    Trajectory,
    TrajectoryChange,
)
from werkbrug.trajectories.services.lifecycle import AGREEMENT_BY_PROGRAMME
from werkbrug.trajectories.services.plan import Line, draft_lines

PACES = {"slow": (0.35, 1.4, 2.5), "steady": (0.6, 1.0, 3.0), "fast": (1.0, 0.7, 3.3)}  # speed, curve, mood
PACE_WEIGHTS = (("slow", 25), ("steady", 55), ("fast", 20))
N = Outcome.Next
# How the completed trajectories of the year before ended, in turn: a full qualification or not, and
# what came next (a job at the workplace: offered and taken).
COMPLETED_STORIES = [
    (True, N.JOB_HERE),
    (False, N.LEARNING),
    (True, N.JOB_ELSEWHERE),
    (True, N.LEARNING),
    (False, N.SEEKING),
    (True, N.JOB_HERE),
    (False, N.OTHER),
    (True, N.SEEKING),
]


@dataclass
class Context:
    """What every story needs besides its source."""

    seed: int
    today: datetime.date
    review_weeks: int
    evaluation_weeks: int
    peer_coach_id: int


@dataclass
class Story:
    source: Source
    rng: random.Random
    today: datetime.date
    until: datetime.date  # the last day anything happened
    trajectory: Trajectory
    pace: str
    lines: list[Line] = field(default_factory=list)
    plans: list[TrainingPlan] = field(default_factory=list)
    items: list[tuple[PlanItem, TrainingPlan]] = field(default_factory=list)
    plan_signatures: list[tuple[PlanSignature, TrainingPlan]] = field(default_factory=list)
    evaluations: list[tuple[Evaluation, TrainingPlan]] = field(default_factory=list)
    scores: list[tuple[EvaluationScore, Evaluation]] = field(default_factory=list)
    phases: list[PhaseReached] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    contacts: list[ContactMoment] = field(default_factory=list)
    participants: list[tuple[int, ContactMoment]] = field(default_factory=list)
    reviews: list[ProgressReview] = field(default_factory=list)
    review_signatures: list[tuple[ReviewSignature, ProgressReview]] = field(default_factory=list)
    agreements: list[tuple[Agreement, ContactMoment | None, ProgressReview | None]] = field(
        default_factory=list
    )
    checkins: list[CheckIn] = field(default_factory=list)
    log_entries: list[LogEntry] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    changes: list[TrajectoryChange] = field(default_factory=list)
    outcome: Outcome | None = None
    obtained: list[int] = field(default_factory=list)  # competences of the outcome
    follow_ups: list[FollowUp] = field(default_factory=list)
    surveys: list[SurveyAnswer] = field(default_factory=list)
    final: dict[str, dict[int, int]] = field(default_factory=dict)  # latest levels by role

    @property
    def t(self) -> Trajectory:
        return self.trajectory

    @property
    def signals(self) -> tuple[str, ...]:
        return self.source.script.signals if self.source.script else ()

    def signers(self) -> list[tuple[str, int | None]]:
        """Who signs a plan or review (as `services.signers_needed`), and the person who can."""
        s = self.source
        people = [(SignerRole.LEARNER, s.learner.user_id)]
        if self.minor:
            people.append((SignerRole.PARENT, s.parent_ids[0] if s.parent_ids else None))
        return [*people, (SignerRole.MENTOR, s.mentor_id), (SignerRole.COACH, s.coach_id)]

    @property
    def minor(self) -> bool:
        return self.source.learner.is_minor

    def triad(self) -> dict[str, int]:
        s = self.source
        people = {"learner": s.learner.user_id, "mentor": s.mentor_id, "coach": s.coach_id}
        if s.parent_ids:
            people["parent"] = s.parent_ids[0]
        return people


def begin(source: Source, context: Context) -> Story:
    """The trajectory as it started, with its plan drafted and signed."""
    rng = random.Random(f"{context.seed}:trajectories:{source.key}")
    learner = source.learner
    today = context.today
    until = today - datetime.timedelta(days=1)
    if source.kind == ENDED_EARLY and source.ended_on:
        until = min(until, source.ended_on)
    days = len(learner.days_available or [1, 2, 3])
    trajectory = Trajectory(
        learner=learner,
        application_id=source.application_id,
        workplace_id=source.workplace_id,
        second_workplace_id=None,
        mentor_id=source.mentor_id,
        coach_id=source.coach_id,
        peer_coach_id=None,
        jobhunter_id=source.jobhunter_id,
        starts_on=source.starts_on,
        ends_on=source.ends_on,
        agreement_type=AGREEMENT_BY_PROGRAMME.get(learner.programme.type, Trajectory.AgreementType.OAO),
        workplace_days=Decimal(min(days, 5)).quantize(Decimal("0.0")),
        school_days=Decimal(max(0, 5 - days)).quantize(Decimal("0.0")),
        status=Trajectory.Status.ACTIVE,
        phase=1,
        next_review_on=source.starts_on + datetime.timedelta(weeks=context.review_weeks),
        created_by_id=source.created_by_id,
        created_at=source.created_at,
        updated_at=source.created_at,
    )
    pace = weighted(rng, PACE_WEIGHTS)
    story = Story(source, rng, today, until, trajectory, pace)
    if source.script and "peer_coached" in source.script:
        # The coach named the peer coach two weeks in, on the trajectory's page.
        trajectory.peer_coach_id = context.peer_coach_id
        named_on = weekday(min(until, source.starts_on + datetime.timedelta(days=14)))
        story.changes.append(
            TrajectoryChange(
                changes={"peer_coach": [None, context.peer_coach_id]},
                note=texts.PEER_COACH_NOTE,
                created_by_id=source.coach_id,
                created_at=at(named_on, 15, 30),
            )
        )
    if source.kind in FORMER:
        story.until = _former_end(story)
    elif source.kind == PAUSED:
        first = source.starts_on + datetime.timedelta(days=21)
        story.until = min(until, weekday(_day(rng, first, max(first, today - datetime.timedelta(days=3)))))
    story.lines = draft_lines(trajectory)
    if story.lines:
        plan = _plan(story, 1, story.lines, texts.PLAN_DRAFT_NOTE, source.created_by_id, source.created_at)
        _sign(story, plan, source.starts_on + datetime.timedelta(days=2), spread=10)
    return story


def _former_end(story: Story) -> datetime.date:
    """The last day of a trajectory of the year before: the end of the year, or a day it was left."""
    source, rng = story.source, story.rng
    if source.kind == COMPLETED:
        return weekday(source.ends_on - datetime.timedelta(days=rng.randint(0, 6)))
    return weekday(source.starts_on + datetime.timedelta(days=rng.randint(50, 230)))


def _plan(
    story: Story, version: int, lines: list[Line], note: str, by: int | None, at: datetime.datetime
) -> TrainingPlan:
    plan = TrainingPlan(version=version, note=note, created_by_id=by, created_at=at, agreed_at=None)
    story.plans.append(plan)
    story.items += [(line.item(), plan) for line in lines]
    return plan


def _sign(
    story: Story, plan: TrainingPlan, first: datetime.date, *, spread: int, only: tuple[str, ...] = ()
) -> None:
    """Everyone who must signs within `spread` days from `first` (those who can, by `until`); the plan
    is agreed once the last one signed."""
    rng, moments = story.rng, []
    for role, person in story.signers():
        if person is None or (only and role not in only):
            continue
        day = weekday(first + datetime.timedelta(days=rng.randint(0, spread)))
        if day > story.until:
            continue
        moments.append(at(day, rng.randint(8, 20), rng.choice((0, 15, 30, 45))))
        story.plan_signatures.append(
            (PlanSignature(signer_id=person, signed_as=role, signed_at=moments[-1]), plan)
        )
    if len(moments) == len(story.signers()) and not only:
        plan.agreed_at = max(moments)


def revise(story: Story, day: datetime.date) -> None:
    """A new version of the plan, made by the mentor on `day` and signed by the mentor only: a phase-4
    competence comes a phase earlier (the learner is ready for it)."""
    later = [line for line in story.lines if line.phase == LAST_PHASE]
    if not later or not story.plans:
        return
    moved = later[-1]
    earlier = next((line for line in story.lines if line.phase == LAST_PHASE - 1), moved)
    lines = [
        Line(
            line.competence_id,
            line.core,
            line.where,
            earlier.phase,
            line.target_level,
            earlier.starts_on,
            earlier.ends_on,
        )
        if line is moved
        else line
        for line in story.lines
    ]
    note = "Op vraag van de mentor komt een competentie een fase vroeger: de leerling is er al klaar voor."
    plan = _plan(story, 2, lines, note, story.source.mentor_id, at(day, 14, 10))
    _sign(story, plan, day, spread=0, only=(SignerRole.MENTOR,))


def completed_story(story: Story) -> tuple[bool, str]:
    return COMPLETED_STORIES[story.source.turn % len(COMPLETED_STORIES)]


# -- Small helpers ---------------------------------------------------------------------------------------


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=datetime.UTC)


def weekday(day: datetime.date) -> datetime.date:
    """The day itself on a weekday, else the Friday before."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def weighted(rng: random.Random, options: tuple) -> object:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]
