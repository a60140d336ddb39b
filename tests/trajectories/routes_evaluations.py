"""Access registry entries for this part of the trajectory pages (see tests/access_registry.py)."""

from ..access_registry import Route
from .builders import a_trajectory

# The people of the cast's running trajectory: the learner, the parent (a minor), the named mentor, the
# coach, the school's admin, the region's coordinator and platform staff.
SEES_TRAJECTORY = frozenset({"learner", "parent", "mentor", "coach", "school_admin", "coordinator", "staff"})
# Evaluations are the triad's and the school's: the region's coordinator reads figures, not these.
SEES_EVALUATIONS = SEES_TRAJECTORY - {"coordinator"}
# Learner, mentor and coach each score the plan on the rubric.
EVALUATES = frozenset({"learner", "mentor", "coach"})

ROUTES: list[Route] = [
    Route("trajectories:evaluations", ok=SEES_EVALUATIONS, kwargs=a_trajectory),
    Route("trajectories:evaluate", ok=EVALUATES, kwargs=a_trajectory),
]
