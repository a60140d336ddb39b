"""Access registry entries for this part of the trajectory pages (see tests/access_registry.py)."""

import datetime

from django.utils import timezone

from ..access_registry import Route
from .builders import a_trajectory, running_trajectory

# The people of the cast's running trajectory: the learner, the parent (a minor), the named mentor, the
# coach, the school's admin, the region's coordinator and platform staff.
SEES_TRAJECTORY = frozenset({"learner", "parent", "mentor", "coach", "school_admin", "coordinator", "staff"})
# Who pauses, resumes and ends a trajectory and follows up after it: the coach, the school, staff.
MANAGES = frozenset({"coach", "school_admin", "staff"})


def a_review(cast) -> dict:
    """A progress review the coach wrote down, not signed by anyone yet."""
    from werkbrug.trajectories.services import review_record

    trajectory = running_trajectory(cast)
    review = trajectory.reviews.first() or review_record(
        trajectory=trajectory,
        by=cast.coach,
        held_on=timezone.localdate(),
        summary="Goed bezig.",
        review_weeks=8,
    )
    return {"pk": review.pk}


def an_ended_trajectory(cast) -> dict:
    """The cast's trajectory, completed yesterday (so the survey is open and the follow-ups exist)."""
    from werkbrug.trajectories.services import trajectory_end

    trajectory = running_trajectory(cast)
    if trajectory.is_running:
        trajectory_end(
            trajectory=trajectory,
            by=cast.coach,
            ended_on=max(trajectory.starts_on, timezone.localdate() - datetime.timedelta(days=1)),
            result="completed",
            next_step="job_here",
        )
    return {"pk": trajectory.pk}


def a_follow_up(cast) -> dict:
    """The follow-up after 3 months of the ended trajectory."""
    from werkbrug.trajectories.models import FollowUp

    an_ended_trajectory(cast)
    return {"pk": FollowUp.objects.get(trajectory__learner=cast.learner_profile, months=3).pk}


def _change_data(cast) -> dict:
    """The change form as the page fills it in, with the school's peer coach named."""
    trajectory = running_trajectory(cast)
    return {
        "mentor": trajectory.mentor_id,
        "coach": trajectory.coach_id,
        "peer_coach": cast.peer_coach.pk,
        "jobhunter": "",
        "ends_on": trajectory.ends_on.isoformat(),
        "agreement_type": trajectory.agreement_type,
        "workplace_days": str(trajectory.workplace_days),
        "school_days": str(trajectory.school_days),
    }


def _region_settings_data() -> dict:
    """The region settings form with the default names and a review every six weeks."""
    from werkbrug.trajectories.models import DEFAULT_PHASES

    data = {"review_weeks": "6", "evaluation_weeks": "4"}
    for number, nl, en in DEFAULT_PHASES:
        data |= {f"phase_{number}_nl": nl, f"phase_{number}_en": en}
    return data


ROUTES: list[Route] = [
    # Everyone of the trajectory reads the review page; only the coach writes a review down.
    Route("trajectories:review", ok=SEES_TRAJECTORY, kwargs=a_trajectory),
    Route(
        "trajectories:review",
        ok=frozenset({"coach"}),
        kwargs=a_trajectory,
        method="post",
        data=lambda c: {
            "held_on": timezone.localdate().isoformat(),
            "summary": "Goed bezig.",
            "agreement-TOTAL_FORMS": "3",  # the review's decisions, none filled in
            "agreement-INITIAL_FORMS": "0",
        },
        success=302,
    ),
    # Each person signs in their own part only: the learner as learner, the parent as parent, ...
    *[
        Route(
            "trajectories:review_sign",
            ok=frozenset({role}),
            kwargs=a_review,
            method="post",
            data=lambda c, role=role: {"as": role},
            success=302,
        )
        for role in ("learner", "parent", "mentor", "coach")
    ],
    Route("trajectories:pause", ok=MANAGES, kwargs=a_trajectory),
    Route(
        "trajectories:pause",
        ok=MANAGES,
        kwargs=a_trajectory,
        method="post",
        data=lambda c: {"starts_on": timezone.localdate().isoformat(), "reason": "illness"},
        success=302,
    ),
    Route("trajectories:resume", ok=MANAGES, kwargs=a_trajectory),
    Route("trajectories:end", ok=MANAGES, kwargs=a_trajectory),
    # Who changes the people and the terms: those who pause and end it.
    Route("trajectories:change", ok=MANAGES, kwargs=a_trajectory),
    Route(
        "trajectories:change",
        ok=MANAGES,
        kwargs=a_trajectory,
        method="post",
        data=lambda c: _change_data(c),
        success=302,
    ),
    Route("trajectories:follow_up", ok=MANAGES, kwargs=a_follow_up),
    # The region's phase names and cadences: its coordinator (and staff) set them; other roles lack it.
    Route(
        "trajectories:region_settings",
        ok=frozenset({"coordinator", "staff"}),
        kwargs=lambda c: {"pk": c.region.pk},
        refused=403,
    ),
    Route(
        "trajectories:region_settings",
        ok=frozenset({"coordinator", "staff"}),
        kwargs=lambda c: {"pk": c.region.pk},
        refused=403,
        method="post",
        data=lambda c: _region_settings_data(),
        success=302,
    ),
    # Only the learner and the mentor answer the survey, once the trajectory has ended.
    Route("trajectories:survey", ok=frozenset({"learner", "mentor"}), kwargs=an_ended_trajectory),
]
