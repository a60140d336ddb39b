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


def expected_workplaces(learners: int) -> int:
    """The default number of workplaces: about 40 % of the learners, at least the fixed employers' ones."""
    return max(sum(len(f.jobs) for f in FIXED_EMPLOYERS), ceil(learners * 0.4))
