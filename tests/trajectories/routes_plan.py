"""Access registry entries for this part of the trajectory pages (see tests/access_registry.py)."""

from ..access_registry import Route
from .builders import a_trajectory

# The people of the cast's running trajectory: the learner, the parent (a minor), the named mentor, the
# coach, the school's admin, the region's coordinator and platform staff.
SEES_TRAJECTORY = frozenset({"learner", "parent", "mentor", "coach", "school_admin", "coordinator", "staff"})

ROUTES: list[Route] = [
    Route("trajectories:plan", ok=SEES_TRAJECTORY, kwargs=a_trajectory),
    # Mentor and coach change the plan together.
    Route("trajectories:plan_edit", ok=frozenset({"mentor", "coach"}), kwargs=a_trajectory),
    # Only the coach signs as coach; everyone else is refused as if there were nothing to sign.
    Route(
        "trajectories:plan_sign",
        ok=frozenset({"coach"}),
        kwargs=a_trajectory,
        method="post",
        data=lambda c: {"version": "1", "as": "coach"},
        success=302,
    ),
]
