from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from werkbrug.imports import import_page
from werkbrug.learners.filters import LearnerFilter
from werkbrug.learners.forms import LearnerForm, SupportForm, WishesForm
from werkbrug.learners.importers import learners_import
from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.queries import learners_for, learners_managed_by, schools_for_new_learners
from werkbrug.learners.services import (
    LearnerError,
    consent_giver_role,
    learner_create,
    learner_update,
    open_consent,
    support_consent_give,
    support_consent_withdraw,
    support_needs_set,
    wishes_update,
)
from werkbrug.listing import page_of, query_without_page
from werkbrug.organisations.models import Organisation, Programme
from werkbrug.organisations.travel import place_of
from werkbrug.people.models import Role, User
from werkbrug.people.scopes import holds, memberships
from werkbrug.privacy.services import file_read_record
from werkbrug.vocab import CEFR, Sector, Support, TravelMode, Weekday

EDUCATIONAL = (Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE, Organisation.Kind.PUBLIC_SERVICE)


def _may_list(user: User) -> bool:
    """Coaches, job hunters, coordinators, and the admins of a school."""
    if user.is_staff or holds(user, (Role.COACH, Role.JOBHUNTER, Role.COORDINATOR)):
        return True
    return memberships(user, [Role.ORG_ADMIN]).filter(organisation__kind__in=EDUCATIONAL).exists()


def _labels(codes: list, choices) -> list[str]:
    values = {str(v): label for v, label in choices}
    return [values[str(c)] for c in codes if str(c) in values]


@login_required
def learner_list(request: HttpRequest) -> HttpResponse:
    if not _may_list(request.user):
        raise PermissionDenied
    qs = learners_for(request.user).exclude(user=request.user).order_by("user__full_name")
    programmes = Programme.objects.filter(pk__in=qs.values("programme_id")).select_related("school")
    flt = LearnerFilter(request.GET, queryset=qs, programmes=programmes.order_by("name"))
    context = {
        "filter": flt,
        "page": page_of(request, flt.qs),
        "query": query_without_page(request),
        "may_add": schools_for_new_learners(request.user).exists(),
    }
    return render(request, "learners/learner_list.html", context)


@login_required
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A learner's file. Every opening is written to the read log the learner can see."""
    learner = get_object_or_404(learners_for(request.user).prefetch_related("parents"), pk=pk)
    file_read_record(reader=request.user, learner=learner, obj=learner, what=gettext_noop("Learner file"))
    user = request.user
    context = {
        "learner": learner,
        "home": place_of(learner.home_country, learner.home_postcode),
        "modes": _labels(learner.mobility_modes, TravelMode.choices),
        "sectors": _labels(learner.sectors, Sector.choices),
        "days": _labels(learner.days_available, Weekday.choices),
        "may_see_support": user.has_perm("learners.view_support_needs", learner),
        "support": _labels(learner.support_needs, Support.choices),
        "consent": open_consent(learner),
        "may_edit": user.has_perm("learners.change_learnerprofile", learner),
        "may_propose": user.has_perm("placements.propose", learner),
        "may_invite_parent": user.has_perm("learners.invite_parent", learner),
        "may_see_reads": user.has_perm("learners.view_file_reads", learner),
        "is_self": learner.user_id == user.pk,
        "may_consent": consent_giver_role(user, learner) is not None,
    }
    return render(request, "learners/learner_detail.html", context)


@login_required
def learner_add(request: HttpRequest) -> HttpResponse:
    schools = schools_for_new_learners(request.user)
    if request.GET.get("school"):
        schools = schools.filter(pk=request.GET["school"]) or schools
    school = schools.first()
    if school is None:
        raise PermissionDenied
    form = LearnerForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        email, full_name, invite = data.pop("email"), data.pop("full_name"), data.pop("invite")
        try:
            learner = learner_create(
                school=school, email=email, full_name=full_name, by=request.user, invite=invite, **data
            )
        except LearnerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Learner added.") + (" " + _("The invitation is on its way.") if invite else "")
            )
            return redirect(learner)
    return render(request, "learners/learner_form.html", {"form": form, "school": school, "learner": None})


@login_required
def learner_import(request: HttpRequest) -> HttpResponse:
    """Add and update a school's learners from a file, after a dry run; `?school=` picks the school."""
    schools = schools_for_new_learners(request.user)
    chosen = request.GET.get("school", "")
    school = (schools.filter(pk=chosen).first() if chosen.isdigit() else None) or schools.first()
    if school is None:
        raise PermissionDenied

    def run(content: bytes, name: str, dry_run: bool):
        return learners_import(school=school, file=content, filename=name, dry_run=dry_run, by=request.user)

    return import_page(
        request,
        run=run,
        template="learners/learner_import.html",
        context={
            "school": school,
            "schools": schools,
            # The codes a file may use, by list, for the explanation of the columns.
            "codes": {c.__name__.lower(): ", ".join(c.values) for c in (Sector, CEFR, TravelMode)},
        },
        done_url=reverse("learners:list"),
    )


@login_required
def learner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(learners_managed_by(request.user), pk=pk)
    form = LearnerForm(request.POST or None, instance=learner, school=learner.school)
    if request.method == "POST" and form.is_valid():
        try:
            learner_update(learner=form.save(commit=False), by=request.user, fields=list(form.changed_data))
        except LearnerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Profile saved."))
            return redirect(learner)
    return render(
        request, "learners/learner_form.html", {"form": form, "school": learner.school, "learner": learner}
    )


@login_required
def my_wishes(request: HttpRequest) -> HttpResponse:
    """The learner's own page: how they travel and what they want, in plain words."""
    learner = LearnerProfile.objects.filter(user=request.user).select_related("school").first()
    if learner is None:
        raise PermissionDenied
    form = WishesForm(request.POST or None, instance=learner)
    if request.method == "POST" and form.is_valid():
        wishes_update(learner=form.save(commit=False), by=request.user)
        messages.success(request, _("Thank you! Your coach sees your wishes."))
        return redirect("home")
    return render(request, "learners/my_wishes.html", {"form": form, "learner": learner})


@login_required
def learner_support(request: HttpRequest, pk: int) -> HttpResponse:
    """Support needs: given with consent by the learner (or a parent for a minor), kept up by the coach."""
    learner = get_object_or_404(learners_for(request.user), pk=pk)
    if not request.user.has_perm("learners.view_support_needs", learner):
        raise Http404
    giver = consent_giver_role(request.user, learner)
    manages = learners_managed_by(request.user).filter(pk=pk).exists()
    consent = open_consent(learner)
    form = None  # a minor reads who decides; a coach waits for consent
    if giver is not None or (manages and consent is not None):
        form = SupportForm(
            request.POST or None, consent_needed=consent is None, initial={"needs": learner.support_needs}
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            if giver is not None:
                support_consent_give(learner=learner, by=request.user, needs=form.cleaned_data["needs"])
            else:
                support_needs_set(learner=learner, by=request.user, needs=form.cleaned_data["needs"])
        except LearnerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(learner)
    context = {
        "learner": learner,
        "form": form,
        "consent": consent,
        "giver": giver,
        "is_minor_self": learner.user_id == request.user.pk and learner.is_minor,
    }
    return render(request, "learners/learner_support.html", context)


@login_required
@require_POST
def support_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(learners_for(request.user), pk=pk)
    if consent_giver_role(request.user, learner) is None:
        raise Http404
    support_consent_withdraw(learner=learner, by=request.user)
    messages.success(request, _("Consent withdrawn. The support needs have been erased."))
    return redirect(learner)
