"""Suggestions and applications: a coach proposes, the employer meets and decides, the learner agrees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.queries import learners_for
from werkbrug.learners.services import consent_giver_role
from werkbrug.listing import page_of
from werkbrug.people.scopes import organisation_ids
from werkbrug.placements import forms as f
from werkbrug.placements.engine import shown
from werkbrug.placements.models import Application, PlaceWish, Workplace
from werkbrug.placements.queries import (
    EMPLOYER_ROLES,
    applications_for,
    introductions_to_agree,
    workplaces_for,
)
from werkbrug.placements.rules import employer_side, school_side
from werkbrug.placements.services import (
    PlacementError,
    application_accept,
    application_agree_introduction,
    application_decline,
    application_plan_introduction,
    application_propose,
    candidate_ranks_set,
    place_wishes_set,
    placement_end_early,
)
from werkbrug.placements.suggestions import (
    BLIND_COMPONENTS,
    blind_label,
    candidates_for_workplace,
    explanation_for,
    suggestions_for_learner,
)
from werkbrug.privacy.services import file_read_record
from werkbrug.vocab import Sector


@login_required
def learner_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Workplaces that fit the learner, each with its reasons; the coach or job hunter proposes from here."""
    learner = get_object_or_404(learners_for(request.user), pk=pk)
    if not request.user.has_perm("placements.propose", learner):
        raise Http404
    if request.method == "POST":
        return _propose(request, learner)
    form = f.SuggestionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    file_read_record(
        reader=request.user, learner=learner, obj=learner, what=gettext_noop("Suggested workplaces")
    )
    result = suggestions_for_learner(
        learner,
        max_minutes=filters.get("max_minutes"),
        sector=filters.get("sector") or "",
        whole_core=bool(filters.get("whole_core")),
    )
    return render(
        request,
        "placements/learner_suggestions.html",
        {"learner": learner, "form": form, "result": result, "sectors": Sector.choices},
    )


def _propose(request: HttpRequest, learner: LearnerProfile) -> HttpResponse:
    workplace = get_object_or_404(workplaces_for(request.user), pk=request.POST.get("workplace"))
    score, explanation = explanation_for(learner, workplace)
    try:
        application = application_propose(
            learner=learner,
            workplace=workplace,
            by=request.user,
            score=score,
            explanation=explanation,
            note=request.POST.get("note", "")[:2000],
        )
    except PlacementError as e:
        messages.error(request, str(e))
        return redirect("placements:learner_suggestions", pk=learner.pk)
    messages.success(
        request,
        _("%(learner)s was proposed to %(workplace)s. The employer reads the proposal without a name.")
        % {"learner": learner.user.full_name, "workplace": workplace.title},
    )
    return redirect(application)


@login_required
def workplace_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Learners who fit this workplace, blind: no name, age, origin or support needs before introduction."""
    workplace = get_object_or_404(workplaces_for(request.user), pk=pk)
    if not request.user.has_perm("placements.see_candidates", workplace):
        raise Http404
    candidates = candidates_for_workplace(workplace)
    if request.method == "POST":
        listed = [c.learner_id for c in sorted(candidates, key=lambda c: c.ranked or 10**6) if c.ranked]
        learner_id = int(request.POST.get("learner", 0) or 0)
        if learner_id not in {c.learner_id for c in candidates}:
            raise Http404
        if request.POST.get("action") == "remove":
            listed = [x for x in listed if x != learner_id]
        elif learner_id not in listed:
            listed.append(learner_id)
        people = LearnerProfile.objects.in_bulk(listed)
        candidate_ranks_set(workplace=workplace, learners=[people[x] for x in listed], by=request.user)
        messages.success(request, _("Your list of candidates was saved."))
        return redirect("placements:workplace_candidates", pk=workplace.pk)
    return render(
        request, "placements/workplace_candidates.html", {"workplace": workplace, "candidates": candidates}
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications the user follows: to decide (employer), proposed (school), or their own."""
    qs = applications_for(request.user).order_by("-updated_at")
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.filter(status__in=Application.OPEN)
    elif status in Application.Status.values:
        qs = qs.filter(status=status)
    page = page_of(request, qs, 25)
    employer_ids = set(
        organisation_ids(request.user, EMPLOYER_ROLES).values_list("organisation_id", flat=True)
    )
    for a in page.object_list:
        a.shown_blind = a.is_blind and a.workplace.employer_id in employer_ids and not request.user.is_staff
    return render(
        request,
        "placements/application_list.html",
        {"page": page, "status": status, "statuses": Application.Status.choices},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user).select_related("proposed_by"), pk=pk)
    user = request.user
    on_school_side = school_side(user, application)
    family = (
        consent_giver_role(user, application.learner) is not None or application.learner.user_id == user.pk
    )
    blind = application.is_blind and not (on_school_side or family)
    if not blind and not family:
        file_read_record(
            reader=user, learner=application.learner, obj=application, what=gettext_noop("Application")
        )
    context = {
        "application": application,
        "blind": blind,
        "label": blind_label(application.workplace, application.learner_id) if blind else "",
        "components": _components(application, blind),
        "may_agree": application.is_open
        and application.is_blind
        and consent_giver_role(user, application.learner),
        "may_plan": application.is_open
        and not application.is_blind
        and (employer_side(user, application) or on_school_side),
        "may_decide": application.is_open and user.has_perm("placements.decide", application.workplace),
        "may_decline": application.is_open
        and (user.has_perm("placements.decide", application.workplace) or on_school_side or family),
        "may_end": application.status == Application.Status.ACCEPTED
        and application.place_freed_at is None
        and on_school_side,
        "plan_form": f.IntroductionForm(),
        "decline_form": f.DeclineForm(),
    }
    return render(request, "placements/application_detail.html", context)


def _components(application: Application, blind: bool) -> list:
    parts = application.explanation or []
    if blind:
        parts = [c for c in parts if c["name"] in BLIND_COMPONENTS]
    return shown(parts)


@login_required
@require_POST
def application_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action on an application: agree, plan, accept, decline or end early."""
    application = get_object_or_404(applications_for(request.user), pk=pk)
    try:
        if action == "agree":
            application_agree_introduction(application=application, by=request.user)
            messages.success(request, _("Thank you. The employer may now meet you."))
        elif action == "plan":
            form = f.IntroductionForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a date for the introduction."))
                return redirect(application)
            application_plan_introduction(
                application=application, on=form.cleaned_data["on"], by=request.user
            )
            messages.success(request, _("The introduction is planned."))
        elif action == "accept":
            application_accept(application=application, by=request.user)
            messages.success(request, _("Welcome! The learner has a place here."))
        elif action == "decline":
            form = f.DeclineForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a reason."))
                return redirect(application)
            application_decline(application=application, by=request.user, **form.cleaned_data)
            messages.success(request, _("The application was declined."))
        elif action == "end":
            placement_end_early(application=application, by=request.user)
            messages.success(
                request, _("The place is free again and the learner is back on the waiting list.")
            )
        else:
            raise Http404
    except PlacementError as e:
        messages.error(request, str(e))
    except PermissionDenied:
        raise Http404 from None
    return redirect(application)


@login_required
def my_places(request: HttpRequest) -> HttpResponse:
    """For a learner: places that fit, in plain words, and their own list in order."""
    learner = getattr(request.user, "learner", None)
    if learner is None:
        raise Http404
    if request.method == "POST":
        wishes = list(PlaceWish.objects.filter(learner=learner).select_related("workplace").order_by("rank"))
        order = [w.workplace for w in wishes]
        workplace = get_object_or_404(
            Workplace.objects.filter(employer__region_id=learner.school.region_id),
            pk=request.POST.get("workplace"),
        )
        action = request.POST.get("action")
        if action == "add" and workplace not in order:
            order.append(workplace)
        elif action == "remove":
            order = [w for w in order if w != workplace]
        elif action == "up" and workplace in order:
            i = order.index(workplace)
            if i > 0:
                order[i - 1], order[i] = order[i], order[i - 1]
        place_wishes_set(learner=learner, workplaces=order, by=request.user)
        return redirect("placements:my_places")
    result = suggestions_for_learner(learner, limit=10)
    wishes = PlaceWish.objects.filter(learner=learner).select_related(
        "workplace__employer", "workplace__site"
    )
    return render(
        request,
        "placements/my_places.html",
        {
            "learner": learner,
            "result": result,
            "wishes": wishes,
            "to_agree": introductions_to_agree(request.user),
        },
    )
