from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbrug.competences.models import Competence, Rubric
from werkbrug.imports import import_page
from werkbrug.listing import page_of, query_without_page
from werkbrug.network.services import mentor_training_record
from werkbrug.organisations.models import Organisation, ProgrammeCompetence, Region
from werkbrug.organisations.queries import organisations_managed_by, programmes_for
from werkbrug.organisations.travel import best_trip, place_of, travel_area, travel_times
from werkbrug.people.models import Role, User
from werkbrug.people.scopes import REGION_WIDE, holds
from werkbrug.placements import forms as f
from werkbrug.placements.filters import WorkplaceFilter
from werkbrug.placements.importers import workplaces_import
from werkbrug.placements.models import Application, Capacity, Recognition, Workplace, WorkplaceCompetence
from werkbrug.placements.queries import (
    EMPLOYER_ROLES,
    employer_mentors,
    recognitions_for,
    recognitions_reviewed_by,
    sees_mentors,
    workplaces_for,
    workplaces_managed_by,
)
from werkbrug.placements.services import (
    PlacementError,
    capacity_set,
    recognition_apply,
    recognition_grant,
    recognition_refuse,
    recognition_withdraw,
    workplace_competences_set,
    workplace_mentors_set,
    workplace_save,
)
from werkbrug.vocab import CEFR, Sector, Shift, Support, TravelMode


def _active_region(request: HttpRequest) -> Region | None:
    role = request.role  # type: ignore[attr-defined]
    return role.organisation.region if role and role.organisation else None


@login_required
def workplace_list(request: HttpRequest) -> HttpResponse:
    """The register: search and filter workplaces; with a postcode, see how long the trip is to each."""
    if not (request.user.is_staff or holds(request.user, (*REGION_WIDE, *EMPLOYER_ROLES))):
        raise PermissionDenied
    recognised = Recognition.objects.filter(status=Recognition.Status.GRANTED).select_related("programme")
    qs = workplaces_for(request.user).prefetch_related(
        Prefetch("recognitions", recognised, to_attr="in_force")
    )
    flt = WorkplaceFilter(
        request.GET, queryset=qs.order_by("employer__name", "title"), programmes=programmes_for(request.user)
    )
    travel = f.TravelFromForm(request.GET)
    origin = None
    if travel.is_valid() and travel.cleaned_data["from_postcode"]:
        origin = place_of(travel.cleaned_data["from_country"] or "BE", travel.cleaned_data["from_postcode"])
        if origin is None:
            travel.add_error("from_postcode", _("We do not know this postcode."))
    if origin is None:
        page = page_of(request, flt.qs)
        rows = [(wp, None) for wp in page]
    else:
        page, rows = _nearest_first(
            request, flt.qs, origin, travel.cleaned_data["mode"] or TravelMode.PUBLIC_TRANSPORT
        )
    context = {
        "filter": flt,
        "page": page,
        "rows": rows,
        "travel": travel,
        "origin": origin,
        "query": query_without_page(request),
        "may_add": organisations_managed_by(request.user).filter(kind=Organisation.Kind.EMPLOYER).exists(),
    }
    return render(request, "placements/workplace_list.html", context)


def _nearest_first(request: HttpRequest, qs, origin, mode: str):
    """One page of workplaces, the fastest trip from `origin` first: (page, [(workplace, trip)])."""
    where = list(qs.values_list("pk", "site__country", "site__postcode"))
    places = {(country, postcode): place_of(country, postcode) for _pk, country, postcode in where}
    times = travel_times(_active_region(request), [origin, *[p for p in places.values() if p]])
    trips = {
        pk: best_trip(times, origin, places[(country, postcode)], [mode]) for pk, country, postcode in where
    }
    ordered = sorted(trips, key=lambda pk: trips[pk].minutes if trips[pk] else float("inf"))
    page = page_of(request, ordered)
    workplaces = qs.in_bulk(list(page.object_list))
    return page, [(workplaces[pk], trips[pk]) for pk in page.object_list]


@login_required
def workplace_detail(request: HttpRequest, pk: int) -> HttpResponse:
    taught = Prefetch("teaches", queryset=_taught())
    taken = Count("applications", filter=Application.holding_a_place(prefix="applications__"))
    capacities = Prefetch("capacities", queryset=Capacity.objects.annotate(taken=taken).order_by("starts_on"))
    workplace = get_object_or_404(workplaces_for(request.user).prefetch_related(taught, capacities), pk=pk)
    mode = request.GET.get("mode") if request.GET.get("mode") in TravelMode.values else TravelMode.BIKE
    centre = place_of(workplace.site.country, workplace.site.postcode)
    area = travel_area(travel_times(workplace.employer.region, [centre]), centre, mode) if centre else None
    context = {
        "workplace": workplace,
        "recognitions": recognitions_for(request.user).filter(workplace=workplace),
        "mentors": workplace.mentors.select_related("mentor").prefetch_related("mentor__mentor_trainings")
        if sees_mentors(request.user, workplace)
        else None,
        "may_manage": workplaces_managed_by(request.user).filter(pk=pk).exists(),
        "sees_candidates": request.user.has_perm("placements.see_candidates", workplace),
        "area": area,
        "mode": mode,
        "mode_label": TravelMode(mode).label.lower(),
        "support_labels": [Support(c).label for c in workplace.support_offered if c in Support.values],
        "shift_labels": [Shift(c).label for c in workplace.shifts if c in Shift.values],
        "modes": [m for m in TravelMode if m != TravelMode.CAR],
    }
    return render(request, "placements/workplace_detail.html", context)


def _taught():
    return WorkplaceCompetence.objects.select_related("competence").order_by("competence__code")


def _workplace_form(request: HttpRequest, workplace: Workplace, employers) -> HttpResponse:
    form = f.WorkplaceForm(request.POST or None, instance=workplace, employers=employers)
    if request.method == "POST" and form.is_valid():
        try:
            workplace = workplace_save(workplace=form.save(commit=False), by=request.user)
        except PlacementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Workplace saved."))
            return redirect(workplace)
    return render(request, "placements/workplace_form.html", {"form": form, "workplace": workplace})


@login_required
def workplace_add(request: HttpRequest) -> HttpResponse:
    employers = f.employers_queryset(organisations_managed_by(request.user))
    if request.GET.get("employer"):
        employers = employers.filter(pk=request.GET["employer"]) or employers
    if not employers.exists():
        raise PermissionDenied
    return _workplace_form(request, Workplace(), employers)


@login_required
def workplace_import(request: HttpRequest) -> HttpResponse:
    """Add and update an employer's workplaces from a file, after a dry run; `?employer=` picks it."""
    employers = f.employers_queryset(organisations_managed_by(request.user))
    chosen = request.GET.get("employer", "")
    employer = (employers.filter(pk=chosen).first() if chosen.isdigit() else None) or employers.first()
    if employer is None:
        raise PermissionDenied

    def run(content: bytes, name: str, dry_run: bool):
        return workplaces_import(
            employer=employer, file=content, filename=name, dry_run=dry_run, by=request.user
        )

    return import_page(
        request,
        run=run,
        template="placements/workplace_import.html",
        context={
            "employer": employer,
            "employers": employers,
            "codes": {c.__name__.lower(): ", ".join(c.values) for c in (Sector, CEFR, Support, Shift)},
        },
        done_url=reverse("placements:workplaces"),
    )


@login_required
def workplace_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = get_object_or_404(workplaces_managed_by(request.user), pk=pk)
    return _workplace_form(request, workplace, None)


@login_required
def workplace_competences(request: HttpRequest, pk: int) -> HttpResponse:
    """What a learner can learn here, and how far, for the programmes it is (to be) recognised for."""
    workplace = get_object_or_404(workplaces_managed_by(request.user), pk=pk)
    programme_ids = workplace.recognitions.exclude(
        status__in=[Recognition.Status.REFUSED, Recognition.Status.WITHDRAWN]
    ).values("programme_id")
    in_profiles = ProgrammeCompetence.objects.filter(programme_id__in=programme_ids).values("competence_id")
    current = dict(workplace.teaches.values_list("competence_id", "level"))
    competences = list(Competence.objects.filter(Q(pk__in=in_profiles) | Q(pk__in=list(current))))
    competences.sort(key=lambda c: (c.kind != Competence.Kind.OCCUPATIONAL, c.code))
    levels = list(Rubric.default().levels.all())
    form = f.CompetenceLevelsForm(
        request.POST or None, competences=competences, levels=levels, current=current
    )
    if request.method == "POST" and form.is_valid():
        workplace_competences_set(workplace=workplace, levels=form.levels(), by=request.user)
        messages.success(request, _("Saved what a learner can learn here."))
        return redirect(workplace)
    return render(request, "placements/workplace_competences.html", {"form": form, "workplace": workplace})


@login_required
def workplace_mentors(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = get_object_or_404(workplaces_managed_by(request.user), pk=pk)
    candidates = employer_mentors(workplace)
    initial = {"mentors": list(workplace.mentors.values_list("mentor_id", flat=True))}
    form = f.MentorsForm(request.POST or None, candidates=candidates, initial=initial)
    training = f.MentorTrainingForm(None, mentors=User.objects.filter(mentoring__workplace=workplace))
    if request.method == "POST" and form.is_valid():
        try:
            workplace_mentors_set(
                workplace=workplace, mentors=list(form.cleaned_data["mentors"]), by=request.user
            )
        except PlacementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Mentors saved."))
            return redirect("placements:workplace_mentors", pk=workplace.pk)
    context = {"form": form, "training": training, "workplace": workplace, "candidates": candidates}
    return render(request, "placements/workplace_mentors.html", context)


@login_required
@require_POST
def mentor_training_add(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = get_object_or_404(workplaces_managed_by(request.user), pk=pk)
    form = f.MentorTrainingForm(request.POST, mentors=User.objects.filter(mentoring__workplace=workplace))
    if form.is_valid():
        mentor_training_record(
            person=form.cleaned_data["mentor"],
            title=form.cleaned_data["title"],
            provider=form.cleaned_data["provider"],
            completed_on=form.cleaned_data["completed_on"],
            by=request.user,
        )
        messages.success(request, _("Mentor training recorded."))
    else:
        messages.error(request, _("Check the training: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("placements:workplace_mentors", pk=workplace.pk)


@login_required
def workplace_capacity(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = get_object_or_404(workplaces_managed_by(request.user), pk=pk)
    form = f.CapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            capacity_set(workplace=workplace, by=request.user, **form.cleaned_data)
        except PlacementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Places saved."))
            return redirect(workplace)
    context = {"form": form, "workplace": workplace, "capacities": workplace.capacities.all()}
    return render(request, "placements/workplace_capacity.html", context)


@login_required
def recognition_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = get_object_or_404(workplaces_managed_by(request.user), pk=pk)
    taken = workplace.recognitions.filter(
        status__in=[Recognition.Status.APPLIED, Recognition.Status.GRANTED]
    ).values("programme_id")
    programmes = (
        programmes_for(request.user)
        .filter(school__region_id=workplace.employer.region_id)
        .exclude(pk__in=taken)
        .order_by("name")
    )
    form = f.RecognitionApplyForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            recognition_apply(workplace=workplace, programme=form.cleaned_data["programme"], by=request.user)
        except PlacementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Application sent. The regional coordinator reviews it."))
            return redirect(workplace)
    return render(request, "placements/recognition_apply.html", {"form": form, "workplace": workplace})


@login_required
def recognition_list(request: HttpRequest) -> HttpResponse:
    """The coordinator's desk: applications to review and recognitions in force."""
    if not (request.user.is_staff or holds(request.user, [Role.COORDINATOR])):
        raise PermissionDenied
    qs = recognitions_reviewed_by(request.user)
    status = (
        request.GET.get("status") if request.GET.get("status") in Recognition.Status.values else "applied"
    )
    page = page_of(request, qs.filter(status=status).order_by("applied_at"))
    context = {
        "page": page,
        "status": status,
        "statuses": Recognition.Status.choices,
        "query": query_without_page(request),
    }
    return render(request, "placements/recognition_list.html", context)


@login_required
def recognition_review(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = get_object_or_404(recognitions_reviewed_by(request.user), pk=pk)
    form = f.RecognitionReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "grant":
                recognition_grant(
                    recognition=recognition,
                    by=request.user,
                    starts_on=data["starts_on"],
                    expires_on=data["expires_on"],
                    note=data["note"],
                )
                messages.success(request, _("Workplace recognised."))
            else:
                recognition_refuse(recognition=recognition, by=request.user, note=data["note"])
                messages.success(request, _("Application refused."))
        except PlacementError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("placements:recognitions")
    workplace = recognition.workplace
    context = {
        "form": form,
        "recognition": recognition,
        "mentors": workplace.mentors.select_related("mentor").prefetch_related("mentor__mentor_trainings"),
        "withdraw": f.WithdrawForm() if recognition.status == Recognition.Status.GRANTED else None,
    }
    return render(request, "placements/recognition_review.html", context)


@login_required
@require_POST
def recognition_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = get_object_or_404(recognitions_reviewed_by(request.user), pk=pk)
    form = f.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the withdrawal."))
        return redirect("placements:recognition", pk=pk)
    try:
        recognition_withdraw(recognition=recognition, by=request.user, reason=form.cleaned_data["reason"])
    except PlacementError as exc:
        messages.error(request, str(exc))
        return redirect("placements:recognition", pk=pk)
    messages.success(request, _("Recognition withdrawn."))
    return redirect("placements:recognitions")
