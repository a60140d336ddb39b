"""The employers of the demo region, with their sites, mentors and workplaces.

First everything is planned in plain Python (one random stream, so the plan only depends on the seed and
the number of workplaces), then written a chunk of employers at a time.
"""

from math import ceil

from werkbrug.demo.context import Demo
from werkbrug.demo.employers.plan import plan_employers
from werkbrug.demo.employers.write import write
from werkbrug.demo.region import FIXED_EMPLOYERS

CHUNK = 250  # employers written at a time


def build(demo: Demo, workplaces: int) -> None:
    """Plan the employers for about `workplaces` workplaces, then write them a chunk at a time."""
    plans = plan_employers(demo, workplaces)
    for start in range(0, len(plans), CHUNK):
        chunk = plans[start : start + CHUNK]
        write(demo, chunk)
        demo.progress("workplaces", sum(len(p.workplaces) for p in chunk))


WORKPLACES_PER_LEARNER = 1.0


def expected_workplaces(learners: int) -> int:
    """The default number of workplaces: one per learner, at least the fixed employers' ones.

    Recognised workplaces outnumber learners in Flanders (many sit idle); with fewer than about one per
    learner, spread over 28 programmes at nine schools, most learners have no recognised workplace of
    their programme within their longest trip.
    """
    return max(sum(len(f.jobs) for f in FIXED_EMPLOYERS), ceil(learners * WORKPLACES_PER_LEARNER))
