"""The trajectory's overview (where the learner stands, what is next, who did what), the coach's caseload
and the list of trajectories a coordinator or school reads by status."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_noop

from werkbrug.listing import page_of, query_without_page
from werkbrug.people.models import Role
from werkbrug.people.scopes import holds
from werkbrug.trajectories import progress, timeline
from werkbrug.trajectories.models import PHASES, Agreement, Trajectory
from werkbrug.trajectories.queries import (
    WISH_DAYS,
    caseload,
    region_trajectories,
    trajectories_for,
    with_signals,
)
from werkbrug.trajectories.rules import COACH, MENTOR
from werkbrug.trajectories.services import signers_needed
from werkbrug.trajectories.views.common import record_read, trajectory_for

LIST_ROLES = (Role.COACH, Role.COORDINATOR, Role.ORG_ADMIN, Role.MENTOR)


@login_required
def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the learner stands and what is next, the open agreements and who did what lately."""
    trajectory, access = trajectory_for(request, pk)
    record_read(request, trajectory, access, gettext_noop("Trajectory"))
    plan = progress.current_plan(trajectory)
    items = progress.plan_items(plan)
    names = progress.phase_names(trajectory.learner.school.region_id)
    latest = progress.latest_evaluations(trajectory) if access.can("view_evaluations") else {}
    stones = progress.milestones(items, progress.levels_of(latest), names)
    today = timezone.localdate()
    agreements = list(
        trajectory.agreements.filter(done_at__isnull=True).select_related("owner").order_by("due_on")[:8]
    )
    signed = set(plan.signatures.values_list("signed_as", flat=True)) if plan else set()
    checkins = trajectory.checkins.order_by("-week")
    context = {
        # A wish to talk: for the coach, unread; for the mentor, only that the learner asked for them.
        "wants_coach": list(checkins.filter(wants_contact=True, seen_at__isnull=True)[:3])
        if COACH in access
        else [],
        "wants_mentor": list(
            checkins.filter(
                wants_mentor=True,
                mentor_seen_at__isnull=True,
                week__gte=today - datetime.timedelta(days=WISH_DAYS),
            )[:1]
        )
        if MENTOR in access
        else [],
        "trajectory": trajectory,
        "access": access,
        "plan": plan,
        "milestones": stones,
        "current": next((s for s in stones if s.phase == trajectory.phase), None),
        "all_met": bool(items) and progress.all_met(stones),
        "agreements": agreements,
        "overdue": [a for a in agreements if a.is_overdue(today)],
        "to_sign": [r for r in access.sign_as if r in signers_needed(trajectory) and r not in signed],
        "review_overdue": trajectory.next_review_on is not None and trajectory.next_review_on < today,
        "events": timeline.events(trajectory, access, limit=12),
        "activity": timeline.activity(trajectory) if access.can("record_contact") else [],
        "now": timezone.now(),
        "today": today,
        "outcome": getattr(trajectory, "outcome", None)
        if trajectory.status == Trajectory.Status.ENDED
        else None,
    }
    return render(request, "trajectories/trajectory_detail.html", context)


@login_required
def trajectory_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory, access = trajectory_for(request, pk)
    record_read(request, trajectory, access, gettext_noop("Trajectory timeline"))
    return render(
        request,
        "trajectories/timeline.html",
        {"trajectory": trajectory, "events": timeline.events(trajectory, access, limit=200)},
    )


@login_required
def caseload_view(request: HttpRequest) -> HttpResponse:
    """The coach's caseload: who needs them first, with last contact and what is due."""
    if not holds(request.user, [Role.COACH]):
        raise PermissionDenied
    rows = page_of(request, caseload(request.user), per_page=50)
    names = progress.phase_names(None)
    return render(
        request,
        "trajectories/caseload.html",
        {"page": rows, "phases": names, "today": timezone.localdate(), "query": query_without_page(request)},
    )


@login_required
def trajectory_list(request: HttpRequest) -> HttpResponse:
    """Trajectories by status and phase: the region's for a coordinator, the school's for a coach or admin."""
    user = request.user
    if not (user.is_staff or holds(user, LIST_ROLES)):
        raise PermissionDenied
    coordinates = user.is_staff or holds(user, [Role.COORDINATOR])
    qs = region_trajectories(user) if coordinates else trajectories_for(user)
    counts = {
        (row["status"], row["phase"]): row["n"]
        for row in qs.order_by().values("status", "phase").annotate(n=Count("pk"))
    }
    status = request.GET.get("status", "")
    phase = request.GET.get("phase", "")
    shown = qs
    if status in Trajectory.Status.values:
        shown = shown.filter(status=status)
    if phase.isdigit() and int(phase) in PHASES:
        shown = shown.filter(phase=int(phase))
    shown = with_signals(shown).order_by("learner__user__full_name", "pk")
    names = progress.phase_names(None)
    table = [
        (
            value,
            label,
            [counts.get((value, n), 0) for n in PHASES],
            sum(counts.get((value, n), 0) for n in PHASES),
        )
        for value, label in Trajectory.Status.choices
    ]
    return render(
        request,
        "trajectories/trajectory_list.html",
        {
            "page": page_of(request, shown),
            "table": table,
            "phases": [(n, names[n]) for n in PHASES],
            "status": status,
            "phase": phase,
            "statuses": Trajectory.Status.choices,
            "query": query_without_page(request),
            "today": timezone.localdate(),
            "overdue_agreements_total": Agreement.objects.filter(
                Agreement.overdue(timezone.localdate()), trajectory__in=qs.values("pk")
            ).count(),
        },
    )


urlpatterns = [
    path("", trajectory_list, name="list"),
    path("caseload/", caseload_view, name="caseload"),
    path("<int:pk>/", trajectory_detail, name="detail"),
    path("<int:pk>/timeline/", trajectory_timeline, name="timeline"),
]
