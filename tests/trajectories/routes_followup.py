"""Access registry entries for this part of the trajectory pages (see tests/access_registry.py)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from werkbrug.trajectories.models import Agreement, CheckIn, LogEntry

from ..access_registry import Route
from .builders import a_trajectory, running_trajectory

# The people of the cast's running trajectory: the learner, the parent (a minor), the named mentor, the
# coach, the school's admin, the region's coordinator and platform staff.
SEES_TRAJECTORY = frozenset({"learner", "parent", "mentor", "coach", "school_admin", "coordinator", "staff"})
# The check-ins are the learner's word to the coach: never the mentor's to read.
READS_CHECKINS = frozenset({"learner", "coach", "staff"})
READS_LOG = frozenset({"learner", "parent", "mentor", "coach", "staff"})
# A smallest valid PNG: the signature, then an IHDR chunk is enough for the service's check of the bytes.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def a_checkin(cast) -> dict:
    """This week's check-in of the cast's learner, who wants to talk to the coach (not to the mentor)."""
    checkin, _ = CheckIn.objects.get_or_create(
        trajectory=running_trajectory(cast),
        week=CheckIn.monday(timezone.localdate()),
        defaults={"feeling": 1, "learning": 2, "respected": 3, "wants_contact": True},
    )
    return {"pk": checkin.pk}


def a_log_file(cast) -> dict:
    """A logbook entry of the cast's learner with a photo."""
    entry = LogEntry.objects.create(
        trajectory=running_trajectory(cast), author=cast.learner, text="Mijn werkplek"
    )
    entry.attachment.save("werkplek.png", ContentFile(PNG), save=True)
    return {"pk": entry.pk}


def an_agreement(cast) -> dict:
    """An open agreement the cast's learner owns."""
    agreement = Agreement.objects.create(
        trajectory=running_trajectory(cast),
        action="Veiligheidsschoenen meebrengen",
        owner=cast.learner,
        due_on=timezone.localdate(),
        created_by=cast.coach,
    )
    return {"pk": agreement.pk}


ROUTES: list[Route] = [
    Route("trajectories:checkin", ok=frozenset({"learner"}), kwargs=a_trajectory),
    Route("trajectories:checkins", ok=READS_CHECKINS, kwargs=a_trajectory),
    # Only the coach reads it; the mentor may answer only a wish to talk to them (this one has none).
    Route("trajectories:checkin_seen", ok=frozenset({"coach"}), kwargs=a_checkin, method="post", success=302),
    Route("trajectories:logbook", ok=READS_LOG, kwargs=a_trajectory),
    Route("trajectories:log_file", ok=READS_LOG, kwargs=a_log_file),
    Route("trajectories:contact_add", ok=frozenset({"mentor", "coach"}), kwargs=a_trajectory),
    Route("trajectories:agreements", ok=SEES_TRAJECTORY, kwargs=a_trajectory),
    # Its owner (the learner), or the mentor or coach.
    Route(
        "trajectories:agreement_done",
        ok=frozenset({"learner", "mentor", "coach"}),
        kwargs=an_agreement,
        method="post",
        success=302,
    ),
    Route("trajectories:absences", ok=SEES_TRAJECTORY, kwargs=a_trajectory),
]
