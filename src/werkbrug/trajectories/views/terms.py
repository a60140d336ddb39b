"""Changing who follows a trajectory and its terms: a new mentor or coach, a peer coach or job hunter, the
planned end, days and hours a week. The page lists the earlier changes with what they were before."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from werkbrug.trajectories import lifecycle_forms as f
from werkbrug.trajectories.models import Trajectory
from werkbrug.trajectories.services import TrajectoryError, candidates, trajectory_change
from werkbrug.trajectories.timeline import change_lines
from werkbrug.trajectories.views.common import record_read, trajectory_for

# How many earlier changes the page lists.
HISTORY = 20


def _saved_message(change) -> str:
    parts = [_("The changes are saved.")]
    named = change.named
    if named:
        parts.append(
            ngettext(
                "The person newly named gets an e-mail.",
                "The %(n)s people newly named get an e-mail.",
                len(named),
            )
            % {"n": len(named)}
        )
    if change.agreements_moved:
        parts.append(
            ngettext(
                "%(n)s open agreement went to the new person.",
                "%(n)s open agreements went to the new person.",
                change.agreements_moved,
            )
            % {"n": change.agreements_moved}
        )
    return " ".join(parts)


@login_required
def change(request: HttpRequest, pk: int) -> HttpResponse:
    """The coach (or the school, or staff) changes the people and terms of a running trajectory."""
    trajectory, access = trajectory_for(request, pk, "manage")
    form = None
    if trajectory.status != Trajectory.Status.ENDED:
        form = f.ChangeForm(
            request.POST or None,
            initial=f.ChangeForm.initial_for(trajectory),
            candidates=candidates(trajectory),
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            done = trajectory_change(
                trajectory=trajectory, by=request.user, note=form.cleaned_data["note"], **form.values()
            )
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _saved_message(done))
            return redirect(trajectory)
    if request.method == "GET":
        record_read(request, trajectory, access, gettext_noop("Changes to the trajectory"))
    history = list(trajectory.changes.select_related("created_by").order_by("-created_at", "-pk")[:HISTORY])
    change_lines(history)
    context = {"trajectory": trajectory, "access": access, "form": form, "history": history}
    return render(request, "trajectories/change_form.html", context)


urlpatterns = [
    path("<int:pk>/change/", change, name="change"),
]
