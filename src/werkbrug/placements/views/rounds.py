"""The coordinator's allocation rounds: start one, follow it, compare the two results, publish one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from werkbrug.learners.queries import learners_for
from werkbrug.listing import page_of, query_without_page
from werkbrug.matching import NoCandidate
from werkbrug.organisations.models import Region
from werkbrug.organisations.queries import coordinated_regions
from werkbrug.people.models import Role
from werkbrug.people.scopes import holds
from werkbrug.placements.models import AllocationRound
from werkbrug.placements.queries import rounds_for, workplaces_for
from werkbrug.placements.rounds import METHODS, UNKNOWN, round_publish, round_start
from werkbrug.placements.services import PlacementError
from werkbrug.placements.suggestions import why_none_text
from werkbrug.vocab import CEFR

ASSIGNMENTS_PER_PAGE = 50
# A group placed this many percentage points less often than the whole region is pointed out.
BEHIND_POINTS = 10
GROUP_TITLES = {
    "programme": gettext_lazy("Programme"),
    "language": gettext_lazy("Dutch level"),
    "support": gettext_lazy("Support need"),
    "municipality": gettext_lazy("Municipality (home)"),
}
SHORT_LABELS = {"stable": gettext_lazy("Stable"), "optimal": gettext_lazy("Best total fit")}
SUPPORT_LABELS = {"yes": gettext_lazy("Needs support"), "no": gettext_lazy("No support need recorded")}


class RoundStartForm(forms.Form):
    region = forms.ModelChoiceField(label=gettext_lazy("Region"), queryset=Region.objects.none())

    def __init__(self, *args, regions: QuerySet[Region], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        field.queryset = regions
        only = list(regions[:2])
        if len(only) == 1:  # one region: nothing to choose
            field.initial = only[0].pk
            field.widget = forms.HiddenInput()


class PublishForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("Which result do you publish?"),
        choices=AllocationRound.Method.choices,
        widget=forms.RadioSelect,
        initial=AllocationRound.Method.STABLE,
    )


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """The region's rounds, newest first, and the button that starts a new one."""
    if not (request.user.is_staff or holds(request.user, [Role.COORDINATOR])):
        raise PermissionDenied
    form = RoundStartForm(request.POST or None, regions=coordinated_regions(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            new = round_start(region=form.cleaned_data["region"], by=request.user)
        except PlacementError as error:
            messages.error(request, str(error))
            return redirect("placements:rounds")
        messages.success(request, _("Round %(number)s has started.") % {"number": new.number})
        return redirect(new)
    rounds = (
        rounds_for(request.user)
        .defer("inputs", "results")
        .annotate(
            taking_part=KT("inputs__learners"),
            stable_matched=KT("results__stable__report__matched"),
            optimal_matched=KT("results__optimal__report__matched"),
        )
        .order_by("-created_at", "-pk")
    )
    page = page_of(request, rounds)
    return render(
        request,
        "placements/round_list.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A round: its progress while it runs, then both results side by side and the publish form.

    The progress part polls this same page; an htmx request gets only that part, or, once the round
    has finished, a full reload that shows the results.
    """
    round = get_object_or_404(rounds_for(request.user).select_related("published_by"), pk=pk)
    if request.htmx:
        if round.is_finished:
            return HttpResponseClientRefresh()
        return render(request, "placements/_round_progress.html", {"round": round})
    context = {"round": round}
    if round.status in (AllocationRound.Status.DONE, AllocationRound.Status.PUBLISHED):
        context |= _comparison(round)
        context |= _assignments(request, round)
    if round.status == AllocationRound.Status.DONE:
        context["form"] = PublishForm()
    return render(request, "placements/round_detail.html", context)


@login_required
@require_POST
def round_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(rounds_for(request.user), pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose which result to publish."))
        return redirect(round)
    try:
        round_publish(round=round, method=form.cleaned_data["method"], by=request.user)
    except PlacementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposals have been published. Below you see what was sent."))
    return redirect(round)


# -- what the detail page shows ----------------------------------------------------------------------


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def _comparison(round: AllocationRound) -> dict:
    """Both methods' figures, and per group both methods' share placed and median travel."""
    methods = []
    for method in METHODS:
        report = round.results.get(method, {}).get("report")
        if report is None:
            continue
        share = report["matched"] / report["learners"] if report["learners"] else None
        methods.append(
            {
                "key": method,
                "label": AllocationRound.Method(method).label,
                "short_label": SHORT_LABELS[method],
                "report": report,
                "share": share,
                "matched_percent": _percent(share),
                "first_choice_percent": _percent(report["first_choice_share"]),
            }
        )
    return {"methods": methods, "groups": _group_tables(methods), "behind_points": BEHIND_POINTS}


def _group_tables(methods: list[dict]) -> list[dict]:
    tables = []
    for key, title in GROUP_TITLES.items():
        by_label: dict[str, list[dict | None]] = {}
        for m, method in enumerate(methods):
            for row in method["report"]["groups"].get(key, []):
                cells = by_label.setdefault(row["label"], [None] * len(methods))
                cells[m] = _group_cell(row, method["share"])
        rows = [
            {"label": _group_label(key, label), "learners": _learners_in(cells), "cells": cells}
            for label, cells in by_label.items()
        ]
        if rows:
            tables.append({"key": key, "title": title, "rows": rows})
    return tables


def _group_cell(row: dict, region_share: float | None) -> dict:
    behind = None
    if row["share_matched"] is not None and region_share is not None:
        points = round((region_share - row["share_matched"]) * 100)
        behind = points if points > BEHIND_POINTS else None
    return {
        "learners": row["learners"],
        "percent": _percent(row["share_matched"]),
        "median_minutes": row["median_minutes"],
        "behind": behind,
    }


def _learners_in(cells: list[dict | None]) -> int:
    return next((c["learners"] for c in cells if c is not None), 0)


def _group_label(key: str, label: str) -> str:
    if key == "support":
        return str(SUPPORT_LABELS.get(label, label))
    if label == UNKNOWN:
        return _("Not known")
    if key == "language" and label in CEFR.values:
        return str(CEFR(label).label)
    return label


def _assignments(request: HttpRequest, round: AllocationRound) -> dict:
    """One page of the chosen method's rows, its learners and workplaces read in one query each."""
    method = request.GET.get("method")
    if method not in METHODS:
        method = round.published_method or AllocationRound.Method.STABLE
    result = round.results.get(method, {})
    reasons = {pk: (reason, detail) for pk, reason, detail in result.get("unmatched", [])}
    page = page_of(request, result.get("assignment", []), per_page=ASSIGNMENTS_PER_PAGE)
    learners = learners_for(request.user).in_bulk([r[0] for r in page])
    workplaces = workplaces_for(request.user).in_bulk([r[1] for r in page if r[1] is not None])
    rows = [
        {
            "learner": learners.get(learner_id),
            "workplace": workplaces.get(workplace_id) if workplace_id is not None else None,
            "placed": workplace_id is not None,
            "score": score,
            "minutes": minutes,
            "why": _why(*reasons.get(learner_id, ("", None))) if workplace_id is None else "",
        }
        for learner_id, workplace_id, score, minutes, _explanation in page
    ]
    return {
        "shown_method": method,
        "shown_method_label": AllocationRound.Method(method).label,
        "other_methods": [(m, AllocationRound.Method(m).label) for m in METHODS if m != method],
        "page": page,
        "rows": rows,
        "query": query_without_page(request),
        "publication": round.results.get("published"),
    }


def _why(reason: str, detail: str | None) -> str:
    if reason == "all_full":
        return _("every suitable place was taken")
    if detail in NoCandidate.__members__:
        return why_none_text(NoCandidate[detail])
    return _("no suitable place in reach")
