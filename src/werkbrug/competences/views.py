from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from werkbrug.competences.importers import framework_import
from werkbrug.competences.models import Competence, Framework, Rubric
from werkbrug.imports import import_page
from werkbrug.listing import page_of, query_without_page
from werkbrug.people.models import Role, User
from werkbrug.people.scopes import holds


def may_manage_frameworks(user: User) -> bool:
    """Frameworks are shared by every region: coordinators and platform staff maintain them."""
    return user.is_staff or holds(user, [Role.COORDINATOR])


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["code", "name", "kind", "source"]


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.annotate(size=Count("competences")).order_by("name")
    rubrics = Rubric.objects.prefetch_related("levels")
    context = {
        "frameworks": frameworks,
        "rubrics": rubrics,
        "may_manage": may_manage_frameworks(request.user),
    }
    return render(request, "competences/framework_list.html", context)


@login_required
def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    framework = get_object_or_404(Framework, code=code)
    qs = framework.competences.order_by("code")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(title_nl__icontains=q) | Q(title_en__icontains=q))
    kind = request.GET.get("kind", "")
    if kind in Competence.Kind.values:
        qs = qs.filter(kind=kind)
    context = {
        "framework": framework,
        "page": page_of(request, qs, per_page=50),
        "query": query_without_page(request),
        "q": q,
        "kind": kind,
        "kinds": Competence.Kind.choices,
        "may_manage": may_manage_frameworks(request.user),
    }
    return render(request, "competences/framework_detail.html", context)


@login_required
def framework_add(request: HttpRequest) -> HttpResponse:
    if not may_manage_frameworks(request.user):
        raise PermissionDenied
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        framework = form.save()
        messages.success(request, _("Framework created. Now import its competences."))
        return redirect("competences:import", code=framework.code)
    return render(request, "competences/framework_form.html", {"form": form})


@login_required
def framework_import_view(request: HttpRequest, code: str) -> HttpResponse:
    if not may_manage_frameworks(request.user):
        raise PermissionDenied
    framework = get_object_or_404(Framework, code=code)

    def run(content: bytes, name: str, dry_run: bool):
        return framework_import(framework=framework, file=content, filename=name, dry_run=dry_run)

    return import_page(
        request,
        run=run,
        template="competences/framework_import.html",
        context={"framework": framework},
        done_url=reverse("competences:framework", kwargs={"code": framework.code}),
    )
