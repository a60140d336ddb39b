"""The training plan as a PDF: one version, in Dutch or English, to print, sign on paper or send on."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import path
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from weasyprint import HTML

from werkbrug.trajectories import progress
from werkbrug.trajectories.models import SignerRole, TrainingPlan, Trajectory
from werkbrug.trajectories.services import signers_needed
from werkbrug.trajectories.views.common import record_read, trajectory_for

LANGUAGES = ("nl", "en")


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict:
    """The PDF is made from the template alone: nothing is fetched, not even a file on this machine."""
    raise ValueError(f"The training plan PDF fetches nothing ({url[:40]}).")


def _css_string(text: str, **counters: str) -> SafeString:
    """`text` as a quoted CSS string, safe within a <style> element (quotes, backslashes and `<` escaped);
    each `%(name)s` in it becomes the WeasyPrint counter named in `counters`."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    for placeholder, counter in counters.items():
        text = text.replace(f"%({placeholder})s", f'" counter({counter}) "')
    return mark_safe(f'"{text}"')


def plan_context(trajectory: Trajectory, plan: TrainingPlan) -> dict:
    """What the printed plan shows, in the active language."""
    learner = trajectory.learner
    names = progress.phase_names(learner.school.region_id)
    levels = (
        {level.number: level for level in learner.programme.rubric.levels.all()} if learner.programme else {}
    )
    items = progress.plan_items(plan)
    signatures = list(plan.signatures.select_related("signer").order_by("signed_at"))
    signed = {s.signed_as for s in signatures}
    return {
        "trajectory": trajectory,
        "plan": plan,
        "phases": [
            {
                "number": n,
                "name": name,
                "items": [(i, levels.get(i.target_level)) for i in items if i.phase == n],
            }
            for n, name in names.items()
        ],
        "signatures": signatures,
        "to_sign": [SignerRole(r).label for r in signers_needed(trajectory) if r not in signed],
        "page_counter": _css_string(_("Page %(page)s of %(pages)s"), page="page", pages="pages"),
        "footer_left": _css_string(f"{learner.user.full_name} · {_('Training plan')} v{plan.version}"),
    }


def plan_html(trajectory: Trajectory, plan: TrainingPlan, language: str) -> str:
    """The printable page of the plan in `language`."""
    with translation.override(language):
        return render_to_string("trajectories/plan_pdf.html", plan_context(trajectory, plan))


def plan_filename(trajectory: Trajectory, plan: TrainingPlan, language: str) -> str:
    with translation.override(language):
        return _("training-plan-%(name)s-v%(version)s.pdf") % {
            "name": slugify(trajectory.learner.user.full_name) or trajectory.pk,
            "version": plan.version,
        }


@login_required
def plan_pdf(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """One version of the plan as a PDF download; `?lang=nl|en` picks the language (default: the page's)."""
    trajectory, access = trajectory_for(request, pk, "view_plan")
    plan = trajectory.plans.filter(version=version).first()
    if plan is None:
        raise Http404
    language = request.GET.get("lang", "")
    if language not in LANGUAGES:
        language = (translation.get_language() or "nl")[:2]
    pdf = HTML(string=plan_html(trajectory, plan, language), url_fetcher=_no_fetch).write_pdf()
    record_read(request, trajectory, access, gettext_noop("Training plan (PDF)"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(trajectory, plan, language)}"'
    return response


urlpatterns = [
    path("<int:pk>/plan/<int:version>/pdf/", plan_pdf, name="plan_pdf"),
]
