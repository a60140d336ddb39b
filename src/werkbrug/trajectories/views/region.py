"""The region's way of following trajectories, set by its coordinator: how often the triad reviews and
evaluates, and what the four phases are called."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from werkbrug.organisations.queries import coordinated_regions
from werkbrug.people.models import Role
from werkbrug.people.scopes import holds
from werkbrug.trajectories.region_forms import RegionSettingsForm
from werkbrug.trajectories.services import (
    TrajectoryError,
    region_names,
    region_settings_save,
    settings_of,
)


@login_required
def region_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Phase names and cadences of a region the user coordinates (another region: 404)."""
    if not (request.user.is_staff or holds(request.user, [Role.COORDINATOR])):
        raise PermissionDenied
    region = get_object_or_404(coordinated_regions(request.user), pk=pk)
    cadence = settings_of(region)
    initial = RegionSettingsForm.initial_for(
        cadence.review_weeks, cadence.evaluation_weeks, region_names(region)
    )
    form = RegionSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            region_settings_save(
                region=region,
                by=request.user,
                review_weeks=form.cleaned_data["review_weeks"],
                evaluation_weeks=form.cleaned_data["evaluation_weeks"],
                names=form.names(),
            )
        except TrajectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The region's settings are saved."))
            return redirect("trajectories:region_settings", pk=region.pk)
    return render(request, "trajectories/region_settings.html", {"region": region, "form": form})


urlpatterns = [
    path("regions/<int:pk>/settings/", region_settings, name="region_settings"),
]
