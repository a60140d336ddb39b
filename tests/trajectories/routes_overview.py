"""Access registry entries for this part of the trajectory pages (see tests/access_registry.py)."""

from ..access_registry import Route
from .builders import a_trajectory

# The people of the cast's running trajectory: the learner, the parent (a minor), the named mentor, the
# coach, the school's admin, the region's coordinator and platform staff.
SEES_TRAJECTORY = frozenset({"learner", "parent", "mentor", "coach", "school_admin", "coordinator", "staff"})

ROUTES: list[Route] = [
    # The region's coordinator, the school's coaches and admin, mentors and staff have a list.
    Route(
        "trajectories:list",
        ok=frozenset({"coach", "other_coach", "coordinator", "school_admin", "org_admin", "mentor", "staff"}),
        refused=403,
    ),
    Route("trajectories:caseload", ok=frozenset({"coach", "other_coach"}), refused=403),
    Route("trajectories:detail", ok=SEES_TRAJECTORY, kwargs=a_trajectory),
    Route("trajectories:timeline", ok=SEES_TRAJECTORY, kwargs=a_trajectory),
]
