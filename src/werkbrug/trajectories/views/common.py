"""What every trajectory page shares: fetching the trajectory through the user's access, and the header."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from werkbrug.privacy.models import ReaderRole
from werkbrug.privacy.services import file_read_record
from werkbrug.trajectories.models import Trajectory
from werkbrug.trajectories.queries import trajectories_for
from werkbrug.trajectories.rules import (
    COACH,
    COORDINATOR,
    JOBHUNTER,
    LEARNER,
    MENTOR,
    PARENT,
    PEER_COACH,
    SCHOOL,
    STAFF,
    Access,
    access_for,
)

# The reader's part as the file's read log names it, most specific first.
READER_ROLES = (
    (LEARNER, ReaderRole.LEARNER),
    (PARENT, ReaderRole.PARENT),
    (COACH, ReaderRole.COACH),
    (MENTOR, ReaderRole.MENTOR),
    (PEER_COACH, ReaderRole.PEER_COACH),
    (JOBHUNTER, ReaderRole.PLACEMENT),
    (SCHOOL, ReaderRole.SCHOOL_ADMIN),
    (COORDINATOR, ReaderRole.PLACEMENT),
    (STAFF, ReaderRole.STAFF),
)


def trajectory_for(request: HttpRequest, pk: int, action: str = "view") -> tuple[Trajectory, Access]:
    """The trajectory `pk` and the user's access to it; 404 when they may not see it or take `action`."""
    trajectory = get_object_or_404(trajectories_for(request.user), pk=pk)
    access = access_for(request.user, trajectory)
    if not access.can(action):
        raise Http404
    return trajectory, access


def record_read(request: HttpRequest, trajectory: Trajectory, access: Access, what: str) -> None:
    """Write the opening of a part of the learner's file to its read log (`what`: gettext_noop)."""
    role = next((logged for part, logged in READER_ROLES if part in access), "")
    file_read_record(reader=request.user, learner=trajectory.learner, obj=trajectory, what=what, role=role)
