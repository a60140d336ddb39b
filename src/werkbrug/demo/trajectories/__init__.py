"""The trajectories of the demo region: every place taken this school year has its trajectory, followed
since the learner's first day, and a few former learners have the trajectory of the school year before,
ended, with its outcome and follow-up.

A trajectory starts as `trajectories.services.trajectory_start` starts one (the same mentor, coach, dates
and agreement, plan version 1 from `services.draft_lines`), and its history (evaluations, phases,
contact moments, agreements, check-ins, logbook, absences, reviews, pauses, outcomes) comes from a stream
seeded with the demo's seed and the trajectory, so a rebuild tells the same story. The logins' own
trajectories (the demo mentor's, the demo coach's, Elif's) are scripted in `demo.cast`: their phase and
what they need from the login that follows them. Rows are written in bulk and matched on their natural
keys (`demo.trajectories.write`).

The demo owns the trajectories of the learners it generates, and Elif's; anyone else's are kept.
"""

import datetime

from django.db.models import Q

from werkbrug.demo import cast
from werkbrug.demo.context import GENERATED, Demo
from werkbrug.demo.history.decide import Former
from werkbrug.demo.trajectories import ending, evaluations, follow, story, write
from werkbrug.demo.trajectories.sources import REVISED_PLAN, sources
from werkbrug.learners.models import LearnerProfile
from werkbrug.trajectories.services.lifecycle import settings_of

__all__ = ["build", "owned_learners"]


def owned_learners() -> "Q":
    """The learners whose trajectories the demo owns: those it generates, and Elif."""
    return Q(user__email__regex=GENERATED.pattern) | Q(user__email=cast.STAGIAIR_EMAIL)


def build(demo: Demo, formers: list[Former]) -> None:
    """The trajectories of the places taken (`history` wrote them) and of the `formers`."""
    learners = LearnerProfile.objects.filter(owned_learners())
    cadence = settings_of(demo.region)
    context = story.Context(
        seed=demo.seed,
        today=demo.today,
        review_weeks=cadence.review_weeks,
        evaluation_weeks=cadence.evaluation_weeks,
        peer_coach_id=demo.logins[cast.PEER_COACH_EMAIL].pk,
    )
    stories = []
    for source in sources(demo, learners, formers):
        told = story.begin(source, context)
        evaluations.evaluate(told, context.evaluation_weeks)
        if REVISED_PLAN in told.signals:
            story.revise(told, story.weekday(demo.today - datetime.timedelta(days=3)))
        follow.follow(told, context.review_weeks)
        ending.end(told)
        stories.append(told)
    write.write(demo, stories, learners)
    demo.progress("trajectories", 0)
