"""How a trajectory stops for a while or ends: a pause with its reason; an outcome as
`services.trajectory_end` records it (completed with a full or partial qualification and often a job
offered, or left early with a coded reason), the follow-up contacts at 3, 6 and 12 months (done when
their day has passed, mostly) and the learner's and the mentor's answers to the short survey."""

import datetime

from werkbrug.demo.trajectories import texts
from werkbrug.demo.trajectories.sources import COMPLETED, ENDED_EARLY, LEFT, PAUSED
from werkbrug.demo.trajectories.story import Story, at, completed_story, weighted
from werkbrug.trajectories import progress
from werkbrug.trajectories.models import FOLLOW_UP_MONTHS, FollowUp, Outcome, Pause, SurveyAnswer, Trajectory
from werkbrug.trajectories.services.lifecycle import _add_months

R, Q, N, W = Outcome.Result, Outcome.Qualification, Outcome.Next, Outcome.LeftReason
# Why a placement of this year ended early (the learner looks for another place) and one of last year.
LEFT_THIS_YEAR = (
    (W.MISMATCH, 4),
    (W.MOTIVATION, 2),
    (W.MOBILITY, 2),
    (W.HEALTH, 1),
    (W.PERSONAL, 1),
    (W.WORKPLACE, 1),
)
LEFT_LAST_YEAR = (
    (W.JOB, 3),
    (W.MISMATCH, 2),
    (W.MOTIVATION, 2),
    (W.HEALTH, 1),
    (W.PERSONAL, 1),
    (W.MOBILITY, 1),
)
SITUATION = {
    N.JOB_HERE: FollowUp.Situation.WORKING,
    N.JOB_ELSEWHERE: FollowUp.Situation.WORKING,
    N.LEARNING: FollowUp.Situation.LEARNING,
    N.SEEKING: FollowUp.Situation.SEEKING,
    N.OTHER: FollowUp.Situation.OTHER,
}


def end(story: Story) -> None:
    """Pause or end the trajectory, as its source tells."""
    kind = story.source.kind
    if kind == PAUSED:
        _pause(story)
    elif kind in (ENDED_EARLY, COMPLETED, LEFT):
        _outcome(story)
        _follow_ups(story)
        _surveys(story)


def _pause(story: Story) -> None:
    rng = story.rng
    reason = rng.choices(
        (Pause.Reason.ILLNESS, Pause.Reason.PERSONAL, Pause.Reason.BREAK, Pause.Reason.WORKPLACE),
        weights=(4, 3, 1, 1),
    )[0]
    story.pauses.append(
        Pause(
            starts_on=story.until,
            ends_on=None,
            reason=reason,
            note=texts.PAUSE_NOTES[reason],
            created_by_id=story.source.coach_id,
        )
    )
    story.t.status = Trajectory.Status.PAUSED
    story.t.updated_at = max(story.t.updated_at, at(story.until, 16, 45))


def _outcome(story: Story) -> None:
    rng, kind = story.rng, story.source.kind
    reached = [line.competence_id for line in story.lines if progress.reached(line, story.final)]
    outcome = Outcome(ended_on=story.until, recorded_by_id=story.source.coach_id)
    if kind == COMPLETED:
        outcome.result = R.COMPLETED
        full = len(reached) == len(story.lines)
        outcome.qualification = Q.FULL if full else Q.PARTIAL
        outcome.next_step = completed_story(story)[1]
        outcome.job_offered = outcome.next_step == N.JOB_HERE or rng.random() < (0.4 if full else 0.15)
        outcome.job_accepted = outcome.next_step == N.JOB_HERE
        outcome.note = texts.OUTCOME_NOTES[outcome.next_step]
    else:
        outcome.result = R.LEFT_EARLY
        outcome.left_reason = weighted(rng, LEFT_THIS_YEAR if kind == ENDED_EARLY else LEFT_LAST_YEAR)
        if kind == ENDED_EARLY:  # they look for another place: back on the waiting list
            outcome.next_step = N.LEARNING
        elif outcome.left_reason == W.JOB:
            outcome.next_step = N.JOB_ELSEWHERE
        else:
            outcome.next_step = weighted(rng, ((N.SEEKING, 5), (N.JOB_ELSEWHERE, 3), (N.OTHER, 2)))
        partial = reached and story.t.phase >= 3 and rng.random() < 0.5
        outcome.qualification = Q.PARTIAL if partial else Q.NONE
        outcome.note = texts.LEFT_NOTES[outcome.left_reason]
    story.obtained = reached if outcome.qualification != Q.NONE else []
    day = min(
        story.until + datetime.timedelta(days=rng.randint(0, 3)), story.today - datetime.timedelta(days=1)
    )
    outcome.recorded_at = at(max(day, story.until), 16, 20)
    story.outcome = outcome
    story.t.status = Trajectory.Status.ENDED
    story.t.updated_at = max(story.t.updated_at, outcome.recorded_at)


def _follow_ups(story: Story) -> None:
    rng, outcome = story.rng, story.outcome
    yesterday = story.today - datetime.timedelta(days=1)
    for months in FOLLOW_UP_MONTHS:
        follow_up = FollowUp(months=months, due_on=_add_months(outcome.ended_on, months))
        if follow_up.due_on <= yesterday and rng.random() < 0.85:
            follow_up.done_on = min(yesterday, follow_up.due_on + datetime.timedelta(days=rng.randint(0, 14)))
            situation = SITUATION[outcome.next_step]
            if situation == FollowUp.Situation.SEEKING and rng.random() < 0.3:
                situation = FollowUp.Situation.WORKING  # found work since
            if rng.random() < 0.08:
                situation = FollowUp.Situation.UNREACHABLE
            follow_up.situation = situation
            follow_up.note = rng.choice(texts.FOLLOW_UP_NOTES[situation])
            if situation == FollowUp.Situation.WORKING:
                follow_up.still_at_workplace = outcome.next_step == N.JOB_HERE and rng.random() < 0.9
            follow_up.done_by_id = story.source.coach_id
        story.follow_ups.append(follow_up)


def _surveys(story: Story) -> None:
    rng, s = story.rng, story.source
    completed = story.outcome.result == R.COMPLETED
    yesterday = story.today - datetime.timedelta(days=1)
    for role, person, chance in (("learner", s.learner.user_id, 0.65), ("mentor", s.mentor_id, 0.55)):
        if rng.random() >= chance:
            continue
        placement = rng.randint(3, 5) if completed else rng.randint(1, 4)
        day = min(yesterday, story.until + datetime.timedelta(days=rng.randint(1, 10)))
        story.surveys.append(
            SurveyAnswer(
                respondent_id=person,
                role=role,
                placement=placement,
                guidance=max(1, min(5, placement + rng.choice((-1, 0, 0, 1)))),
                recommend=placement >= 3,
                comment=rng.choice(texts.SURVEY_COMMENTS[role]),
                answered_at=at(max(day, story.until), rng.randint(10, 20)),
            )
        )
