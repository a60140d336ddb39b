from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from werkbrug.competences.importers import profile_import
from werkbrug.imports import import_page
from werkbrug.listing import page_of, query_without_page
from werkbrug.organisations.filters import OrganisationFilter, ProgrammeFilter, SiteFilter
from werkbrug.organisations.forms import ProgrammeForm, SiteForm
from werkbrug.organisations.models import Organisation, Programme, ProgrammeCompetence, Site
from werkbrug.organisations.queries import (
    organisations_for,
    organisations_managed_by,
    programmes_for,
    programmes_managed_by,
    schools_managed_by,
    sites_for,
)
from werkbrug.organisations.services import SiteError, programme_save, site_save
from werkbrug.people.scopes import WORKING_ROLES, holds


def _require_working_role(request: HttpRequest) -> None:
    """Directories are for people who work in the region (not for learners and parents)."""
    if not (request.user.is_staff or holds(request.user, WORKING_ROLES)):
        raise PermissionDenied


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    _require_working_role(request)
    qs = organisations_for(request.user).annotate(
        site_count=Count("sites", distinct=True), workplace_count=Count("workplaces", distinct=True)
    )
    flt = OrganisationFilter(request.GET, queryset=qs.order_by("name"))
    context = {"filter": flt, "page": page_of(request, flt.qs), "query": query_without_page(request)}
    return render(request, "organisations/organisation_list.html", context)


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(organisations_for(request.user), pk=pk)
    context = {
        "organisation": organisation,
        "sites": organisation.sites.all(),
        "programmes": programmes_for(request.user).filter(school=organisation).order_by("name"),
        "workplaces": organisation.workplaces.select_related("site").order_by("title"),
        "may_manage": organisations_managed_by(request.user).filter(pk=pk).exists(),
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    _require_working_role(request)
    qs = (
        sites_for(request.user).annotate(workplace_count=Count("workplaces")).order_by("municipality", "name")
    )
    flt = SiteFilter(request.GET, queryset=qs)
    context = {"filter": flt, "page": page_of(request, flt.qs), "query": query_without_page(request)}
    return render(request, "organisations/site_list.html", context)


def _site_form(request: HttpRequest, site: Site, organisation: Organisation) -> HttpResponse:
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            site_save(site=form.save(commit=False), by=request.user)
        except SiteError as exc:
            form.add_error("postcode", str(exc))
        else:
            messages.success(request, _("Site saved."))
            return redirect(organisation)
    return render(
        request, "organisations/site_form.html", {"form": form, "organisation": organisation, "site": site}
    )


@login_required
def site_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(organisations_managed_by(request.user), pk=pk)
    return _site_form(
        request, Site(organisation=organisation, country=organisation.region.country), organisation
    )


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(
        Site.objects.filter(organisation__in=organisations_managed_by(request.user)), pk=pk
    )
    return _site_form(request, site, site.organisation)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    _require_working_role(request)
    flt = ProgrammeFilter(request.GET, queryset=programmes_for(request.user).order_by("name", "school__name"))
    context = {
        "filter": flt,
        "page": page_of(request, flt.qs),
        "query": query_without_page(request),
        "may_add": schools_managed_by(request.user).exists(),
    }
    return render(request, "organisations/programme_list.html", context)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = ProgrammeCompetence.objects.select_related("competence__framework").order_by(
        "-core", "-weight", "competence__code"
    )
    qs = (
        programmes_for(request.user)
        .select_related("rubric")
        .prefetch_related(Prefetch("profile", queryset=profile), "rubric__levels")
    )
    programme = get_object_or_404(qs, pk=pk)
    levels = {level.number: level for level in programme.rubric.levels.all()}
    lines = [(line, levels.get(line.target_level)) for line in programme.profile.all()]
    context = {
        "programme": programme,
        "lines": lines,
        "may_manage": programmes_managed_by(request.user).filter(pk=pk).exists(),
    }
    return render(request, "organisations/programme_detail.html", context)


@login_required
def programme_add(request: HttpRequest) -> HttpResponse:
    schools = schools_managed_by(request.user)
    if not schools.exists():
        raise PermissionDenied
    return _programme_form(request, Programme(), schools)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(programmes_managed_by(request.user), pk=pk)
    return _programme_form(request, programme, schools_managed_by(request.user))


def _programme_form(request: HttpRequest, programme: Programme, schools) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme, schools=schools)
    if request.method == "POST" and form.is_valid():
        programme = programme_save(programme=form.save(commit=False), by=request.user)
        messages.success(request, _("Programme saved."))
        return redirect(programme)
    return render(request, "organisations/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace a programme's competence profile from a file, after a dry run."""
    programme = get_object_or_404(programmes_managed_by(request.user), pk=pk)

    def run(content: bytes, name: str, dry_run: bool):
        return profile_import(programme=programme, file=content, filename=name, dry_run=dry_run)

    return import_page(
        request,
        run=run,
        template="organisations/programme_import.html",
        context={"programme": programme},
        done_url=reverse("organisations:programme", kwargs={"pk": programme.pk}),
    )
