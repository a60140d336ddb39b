"""Where a learner stands: milestones, phases and where the triad disagrees, from the latest evaluations.

A phase's milestone is met when every competence the plan puts in that phase has reached its target level
in both the latest mentor evaluation and the latest coach evaluation. The learner is in the first phase
whose milestone is not met yet; the calendar plays no part.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import get_language

from werkbrug.trajectories.models import (
    DEFAULT_PHASES,
    LAST_PHASE,
    PHASES,
    Evaluation,
    EvaluationScore,
    EvaluatorRole,
    PhaseName,
    PlanItem,
    TrainingPlan,
    Trajectory,
)

ROLES = (EvaluatorRole.MENTOR, EvaluatorRole.COACH, EvaluatorRole.LEARNER)
# The two evaluations that decide a milestone: the learner's own view counts in the talk, not the phase.
DECIDING = (EvaluatorRole.MENTOR, EvaluatorRole.COACH)
DISAGREEMENT = 2  # levels apart


Levels = dict[str, dict[int, int]]  # role -> competence id -> level


def phase_names(region_id: int | None) -> dict[int, str]:
    """The name of each phase in the active language: the region's own where it renamed them."""
    english = (get_language() or "nl")[:2] == "en"
    names = {number: (en if english else nl) for number, nl, en in DEFAULT_PHASES}
    if region_id is not None:
        for row in PhaseName.objects.filter(region_id=region_id):
            names[row.number] = row.name
    return names


def latest_evaluations(trajectory: Trajectory) -> dict[str, Evaluation]:
    """The latest evaluation handed in by each role, with its scores fetched."""
    latest: dict[str, Evaluation] = {}
    handed_in = (
        Evaluation.objects.filter(trajectory=trajectory, submitted_at__isnull=False)
        .select_related("author")
        .order_by("role", "-submitted_at", "-pk")
    )
    for evaluation in handed_in:
        latest.setdefault(evaluation.role, evaluation)
    scores = EvaluationScore.objects.filter(evaluation__in=list(latest.values()))
    by_evaluation: dict[int, list[EvaluationScore]] = defaultdict(list)
    for score in scores:
        by_evaluation[score.evaluation_id].append(score)
    for evaluation in latest.values():
        evaluation.score_list = by_evaluation[evaluation.pk]  # type: ignore[attr-defined]
    return latest


def levels_of(latest: dict[str, Evaluation]) -> Levels:
    return {
        role: {s.competence_id: s.level for s in evaluation.score_list}  # type: ignore[attr-defined]
        for role, evaluation in latest.items()
    }


@dataclass
class Milestone:
    phase: int
    name: str
    items: list[PlanItem]
    reached: list[PlanItem] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return len(self.reached) == len(self.items)

    @property
    def to_go(self) -> list[PlanItem]:
        reached = {i.pk for i in self.reached}
        return [i for i in self.items if i.pk not in reached]


def reached(item: PlanItem, levels: Levels) -> bool:
    """Both the mentor and the coach see the competence at its target level (or above)."""
    return all(levels.get(role, {}).get(item.competence_id, 0) >= item.target_level for role in DECIDING)


def milestones(items: list[PlanItem], levels: Levels, names: dict[int, str]) -> list[Milestone]:
    by_phase: dict[int, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_phase[item.phase].append(item)
    return [
        Milestone(
            phase=n,
            name=names[n],
            items=by_phase[n],
            reached=[i for i in by_phase[n] if reached(i, levels)],
        )
        for n in PHASES
    ]


def phase_of(stones: list[Milestone]) -> int:
    """The first phase whose milestone is not met; the last phase when all are met."""
    for stone in stones:
        if not stone.met:
            return stone.phase
    return LAST_PHASE


def all_met(stones: list[Milestone]) -> bool:
    return all(stone.met for stone in stones)


@dataclass
class Row:
    """One competence side by side: the level each role gave, and whether they are far apart."""

    item: PlanItem
    levels: dict[str, int | None]
    comments: dict[str, str]

    @property
    def spread(self) -> int:
        given = [level for level in self.levels.values() if level is not None]
        return max(given) - min(given) if len(given) > 1 else 0

    @property
    def disagree(self) -> bool:
        return self.spread >= DISAGREEMENT

    @property
    def reached(self) -> bool:
        return all((self.levels.get(role) or 0) >= self.item.target_level for role in DECIDING)


def side_by_side(items: list[PlanItem], latest: dict[str, Evaluation]) -> list[Row]:
    scores = {
        role: {s.competence_id: s for s in evaluation.score_list}  # type: ignore[attr-defined]
        for role, evaluation in latest.items()
    }
    rows = []
    for item in items:
        given = {role: scores.get(role, {}).get(item.competence_id) for role in ROLES}
        rows.append(
            Row(
                item=item,
                levels={role: s.level if s else None for role, s in given.items()},
                comments={role: s.comment for role, s in given.items() if s and s.comment},
            )
        )
    return rows


def current_plan(trajectory: Trajectory) -> TrainingPlan | None:
    return trajectory.plans.order_by("-version").first()


def plan_items(plan: TrainingPlan | None) -> list[PlanItem]:
    if plan is None:
        return []
    return list(plan.items.select_related("competence").order_by("phase", "-core", "competence__code", "pk"))


@dataclass
class Point:
    """The average level one role gave the plan's competences on one day, for the progress chart."""

    role: str
    on: datetime.date
    average: float


def history(trajectory: Trajectory) -> list[Point]:
    """Every evaluation handed in, as the average level over its scores, oldest first."""
    handed_in: QuerySet[Evaluation] = Evaluation.objects.filter(
        trajectory=trajectory, submitted_at__isnull=False
    ).order_by("submitted_at", "pk")
    totals: dict[int, list[int]] = defaultdict(list)
    for evaluation_id, level in EvaluationScore.objects.filter(evaluation__in=handed_in).values_list(
        "evaluation_id", "level"
    ):
        totals[evaluation_id].append(level)
    return [
        Point(role=e.role, on=e.submitted_at.date(), average=sum(totals[e.pk]) / len(totals[e.pk]))
        for e in handed_in
        if totals[e.pk]
    ]
