"""Evaluations by mentor, coach and learner every few weeks, and the phases they lead to by the real rule
of `trajectories.progress`.

Levels grow over time: each learner has a pace (slow, steady, fast) and a phase the evaluations bring
them to. The competences of the phases before it reach their target level in both the mentor's and the
coach's latest evaluation, those of earlier phases first; at least one of its own does not yet. The
learner's own view is mostly close to the mentor's; in a few trajectories the two are two levels or
more apart. Now and then someone lets a round pass, or the mentor has a draft not handed in yet.
"""

import datetime
import random

from werkbrug.demo.trajectories import texts
from werkbrug.demo.trajectories.sources import COMPLETED, ENDED_EARLY, FORMER, RUNNING
from werkbrug.demo.trajectories.story import PACES, Story, at, completed_story, weekday, weighted
from werkbrug.trajectories import progress
from werkbrug.trajectories.models import (
    LAST_PHASE,
    Evaluation,
    EvaluationScore,
    EvaluatorRole,
    PhaseReached,
    TrainingPlan,
)
from werkbrug.trajectories.services.plan import Line

M, C, L = EvaluatorRole.MENTOR, EvaluatorRole.COACH, EvaluatorRole.LEARNER
DISAGREE_SHARE = 0.12
SKIP = {M: 0.08, C: 0.12, L: 0.2}  # a round (after the first) someone lets pass
NAMES = {n: str(n) for n in range(1, LAST_PHASE + 1)}  # the rule needs the phases, not their names


def evaluate(story: Story, weeks: int) -> None:
    """Evaluations by mentor, coach and learner every `weeks` weeks until `until`, levels growing at the
    learner's pace; the phase after each one by the real rule, and the day each phase was first reached."""
    if not story.plans:
        return
    rounds = _rounds(story, weeks)
    mentor_days = [days[M] for days in rounds if M in days]
    script = story.source.script
    speed, curve, _mood = PACES[story.pace]
    if story.source.kind == COMPLETED:
        phase = LAST_PHASE
    elif script:
        phase = min(script.phase, 1 + len(mentor_days))
    else:
        phase = min(LAST_PHASE, 1 + int(len(mentor_days) * speed * story.rng.uniform(0.8, 1.25)))
    full = story.source.kind == COMPLETED and completed_story(story)[0]
    plan_of = {line.competence_id: line for line in story.lines}
    start, final = _levels(story, phase, full)
    last = mentor_days[-1] if mentor_days else story.until
    made: list[tuple[datetime.datetime, str, dict[int, int]]] = []
    # The competences of an earlier phase are learned first: those of phase p are at their final level
    # after about p/phase of the time.
    pace = {c: min(1.0, (line.phase + 0.5) / (phase + 0.5)) for c, line in plan_of.items()}
    span = max(1, (last - story.t.starts_on).days)
    for days in rounds:
        for role, day in sorted(days.items(), key=lambda pair: pair[1]):
            share = min(1.0, max(0.0, (day - story.t.starts_on).days / span)) ** curve
            shares = {c: min(1.0, share / pace[c]) for c in pace}
            levels = _levels_on(story, role, start, final, shares, plan_of)
            made.append((at(day, *_hour(story.rng, role)), role, levels))
    if story.rng.random() < DISAGREE_SHARE:
        _apart(story, made)
    plan = story.plans[0]
    for moment, role, levels in made:
        _evaluation(story, plan, role, moment, levels)
    _phases(story, made)
    _draft(story, weeks, start, final, plan_of)


def _rounds(story: Story, weeks: int) -> list[dict[str, datetime.date]]:
    """The days each role handed in an evaluation, round by round."""
    rng, t, script = story.rng, story.t, story.source.script
    # The logins' stories and the completed trajectories have every evaluation of every round.
    strict = script is not None or story.source.kind == COMPLETED
    rounds = []
    k = 1
    while True:
        base = weekday(t.starts_on + datetime.timedelta(days=7 * weeks * k + rng.randint(-3, 3)))
        if base > story.until:
            break
        days = {
            M: base,
            C: weekday(base + datetime.timedelta(days=rng.randint(0, 4))),
            L: weekday(base - datetime.timedelta(days=rng.randint(0, 3))),
        }
        for role in (M, C, L):
            if strict:
                days[role] = min(days[role], story.until)
            elif days[role] > story.until or (k > 1 and rng.random() < SKIP[role]):
                del days[role]
        late = story.today - datetime.timedelta(days=7 * weeks + 2)
        if script and "evaluation_due" in script and days.get(M, late) > late:
            del days[M]  # the mentor's last one is more than the region's weeks ago
        if days:
            rounds.append(days)
        k += 1
    recent = story.today - datetime.timedelta(days=10)
    running = story.source.kind not in (*FORMER, ENDED_EARLY)
    if not script and running and rounds and rounds[-1].get(M, recent) > recent and rng.random() < 0.2:
        del rounds[-1][M]  # the mentor has not got round to it yet: due
    return rounds


def _levels(story: Story, phase: int, full: bool) -> tuple[dict[int, int], dict[int, int]]:
    """The mentor's first and final level of each competence."""
    rng, top = story.rng, story.source.top_level
    start, final = {}, {}
    in_phase = [line for line in story.lines if line.phase == phase]
    open_ = {in_phase[0].competence_id} if in_phase and not full else set()
    for line in in_phase[1:]:
        if not full and rng.random() < 0.5:
            open_.add(line.competence_id)
    for line in story.lines:
        target = min(line.target_level, top)
        first = 2 if line.phase == 1 and rng.random() < 0.5 else 1
        first = min(first, max(1, target - 1))
        start[line.competence_id] = first
        if full or line.phase < phase or (line.phase == phase and line.competence_id not in open_):
            final[line.competence_id] = target
        elif line.phase == phase:
            final[line.competence_id] = max(first, target - rng.choice((1, 1, 2)))
        else:
            final[line.competence_id] = min(max(first, target - 1), first + rng.choice((0, 0, 1)))
    return start, final


def _levels_on(
    story: Story,
    role: str,
    start: dict[int, int],
    final: dict[int, int],
    shares: dict[int, float],
    plan_of: dict[int, Line],
) -> dict[int, int]:
    """The levels `role` gives, each competence `shares` of the way from its first to its final level."""
    rng, top = story.rng, story.source.top_level
    levels = {}
    for competence, first in start.items():
        share = shares[competence]
        mentor = first + int((final[competence] - first) * share)  # the final level once there
        if role == M:
            level = mentor
        elif role == C:
            level = mentor + weighted(rng, ((-1, 12), (0, 76), (1, 12)))
            if share >= 1 and final[competence] >= plan_of[competence].target_level:
                level = max(level, final[competence])
        else:
            level = mentor + weighted(rng, ((-1, 15), (0, 45), (1, 40)))
        levels[competence] = max(1, min(top, level))
    return levels


def _apart(story: Story, made: list[tuple[datetime.datetime, str, dict[int, int]]]) -> None:
    """In the latest evaluations, the learner sees one or two competences two levels or more apart
    from the mentor."""
    mentor = next((levels for _m, role, levels in reversed(made) if role == M), None)
    learner = next((levels for _m, role, levels in reversed(made) if role == L), None)
    if mentor is None or learner is None:
        return
    top = story.source.top_level
    for competence in story.rng.sample(sorted(mentor), min(len(mentor), story.rng.choice((1, 2)))):
        level = mentor[competence]
        learner[competence] = level + 2 if level + 2 <= top else max(1, level - 2)


def _hour(rng: random.Random, role: str) -> tuple[int, int]:
    hours = {M: (12, 16), C: (9, 17), L: (15, 20)}[role]
    return rng.randint(*hours), rng.choice((0, 10, 20, 30, 40, 50))


def _evaluation(
    story: Story, plan: TrainingPlan, role: str, moment: datetime.datetime, levels: dict[int, int]
) -> Evaluation:
    rng, s = story.rng, story.source
    author = {M: s.mentor_id, C: s.coach_id, L: s.learner.user_id}[role]
    comment = rng.choice(texts.EVALUATION_COMMENTS[role]) if rng.random() < 0.45 else ""
    evaluation = Evaluation(
        role=role,
        author_id=author,
        comment=comment,
        created_at=moment - datetime.timedelta(hours=rng.choice((0, 1, 20, 44))),
        updated_at=moment,
        submitted_at=moment,
    )
    story.evaluations.append((evaluation, plan))
    targets = {line.competence_id: line.target_level for line in story.lines}
    for competence, level in levels.items():
        note = ""
        if role != L and rng.random() < 0.1:
            note = rng.choice(texts.SCORE_COMMENTS["reached" if level >= targets[competence] else "below"])
        story.scores.append(
            (EvaluationScore(competence_id=competence, level=level, comment=note), evaluation)
        )
    return evaluation


def _phases(story: Story, made: list[tuple[datetime.datetime, str, dict[int, int]]]) -> None:
    """As `services.progress_update` after each evaluation handed in."""
    latest: dict[str, dict[int, int]] = {}
    reached: dict[int, datetime.date] = {}
    phase = 1
    for moment, role, levels in sorted(made, key=lambda row: row[0]):
        latest[role] = levels
        phase = progress.phase_of(progress.milestones(story.lines, latest, NAMES))
        for number in range(1, phase + 1):
            reached.setdefault(number, moment.date())
        story.t.updated_at = max(story.t.updated_at, moment)
    story.t.phase = phase
    story.final = latest
    story.phases = [PhaseReached(number=n, reached_on=day) for n, day in sorted(reached.items())]


def _draft(
    story: Story, weeks: int, start: dict[int, int], final: dict[int, int], plan_of: dict[int, Line]
) -> None:
    """Now and then the mentor has started this month's evaluation without handing it in yet."""
    if story.source.script or story.source.kind != RUNNING or story.rng.random() >= 0.3:
        return
    handed_in = [e.submitted_at for e, _p in story.evaluations if e.role == M]
    if handed_in and (story.today - handed_in[-1].date()).days < 7 * weeks - 5:
        return
    day = weekday(story.today - datetime.timedelta(days=story.rng.randint(1, 5)))
    if day < story.t.starts_on:
        return
    moment = at(day, *_hour(story.rng, M))
    levels = _levels_on(story, M, start, final, dict.fromkeys(start, 1.0), plan_of)
    kept = dict(list(levels.items())[: max(1, len(levels) // 2)])
    evaluation = Evaluation(
        role=M, author_id=story.source.mentor_id, comment="", created_at=moment, updated_at=moment
    )
    story.evaluations.append((evaluation, story.plans[0]))
    story.scores += [
        (EvaluationScore(competence_id=c, level=level, comment=""), evaluation) for c, level in kept.items()
    ]
