"""Access registry entries for this part of the trajectory pages (see tests/access_registry.py)."""

from ..access_registry import Route
from .builders import a_trajectory

# The people of the cast's running trajectory: the learner, the parent (a minor), the named mentor, the
# coach, the school's admin, the region's coordinator and platform staff.
SEES_TRAJECTORY = frozenset({"learner", "parent", "mentor", "coach", "school_admin", "coordinator", "staff"})

ROUTES: list[Route] = [
    # Everyone who may read the plan may take it along as a PDF.
    Route("trajectories:plan_pdf", ok=SEES_TRAJECTORY, kwargs=lambda c: {**a_trajectory(c), "version": 1}),
]
