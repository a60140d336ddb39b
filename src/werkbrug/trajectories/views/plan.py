"""The training plan: read it (any version), change it together (a new version) and sign it off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from werkbrug.trajectories import progress
from werkbrug.trajectories.forms import PlanLineForm, PlanNoteForm
from werkbrug.trajectories.models import PHASES, SignerRole, TrainingPlan
from werkbrug.trajectories.services import Line, TrajectoryError, plan_revise, plan_sign, signers_needed
from werkbrug.trajectories.views.common import record_read, trajectory_for


def _choices(trajectory) -> dict:
    names = progress.phase_names(trajectory.learner.school.region_id)
    levels = trajectory.learner.programme.rubric.levels.all()
    return {
        "phases": [(n, f"{n}. {names[n]}") for n in PHASES],
        "levels": [(level.number, f"{level.number}. {level.label}") for level in levels],
        "second": bool(trajectory.second_workplace_id),
    }


@login_required
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan by phase, its versions, its signatures and who still has to sign."""
    trajectory, access = trajectory_for(request, pk, "view_plan")
    versions = list(trajectory.plans.select_related("created_by").order_by("-version"))
    if not versions:
        raise Http404
    wanted = request.GET.get("version", "")
    plan = next((p for p in versions if str(p.version) == wanted), versions[0])
    record_read(request, trajectory, access, gettext_noop("Training plan"))
    items = progress.plan_items(plan)
    names = progress.phase_names(trajectory.learner.school.region_id)
    levels = {level.number: level for level in trajectory.learner.programme.rubric.levels.all()}
    for item in items:
        item.level = levels.get(item.target_level)  # type: ignore[attr-defined]
    signatures = {s.signed_as: s for s in plan.signatures.select_related("signer")}
    needed = signers_needed(trajectory)
    context = {
        "trajectory": trajectory,
        "access": access,
        "plan": plan,
        "is_current": plan.pk == versions[0].pk,
        "versions": versions,
        "phases": [(n, names[n], [i for i in items if i.phase == n]) for n in PHASES],
        "signatures": [(role, SignerRole(role).label, signatures.get(role)) for role in needed],
        "can_sign": [
            (role, SignerRole(role).label)
            for role in access.sign_as
            if role in needed and role not in signatures and plan.pk == versions[0].pk
        ],
    }
    return render(request, "trajectories/plan.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Mentor and coach change the plan line by line; saving makes a new version."""
    trajectory, access = trajectory_for(request, pk, "edit_plan")
    current = progress.current_plan(trajectory)
    if current is None or not trajectory.is_running:
        raise Http404
    items = progress.plan_items(current)
    choices = _choices(trajectory)
    data = request.POST if request.method == "POST" else None
    line_forms = [
        PlanLineForm(
            data,
            prefix=f"c{item.competence_id}",
            initial={
                "competence": item.competence_id,
                "core": item.core,
                "where": item.where,
                "phase": item.phase,
                "target_level": item.target_level,
                "starts_on": item.starts_on,
                "ends_on": item.ends_on,
            },
            **choices,
        )
        for item in items
    ]
    note_form = PlanNoteForm(data)
    if data is not None and note_form.is_valid() and all(f.is_valid() for f in line_forms):
        lines = [
            Line(
                competence_id=item.competence_id,
                core=item.core,
                where=f.cleaned_data["where"],
                phase=f.cleaned_data["phase"],
                target_level=f.cleaned_data["target_level"],
                starts_on=f.cleaned_data["starts_on"],
                ends_on=f.cleaned_data["ends_on"],
            )
            for item, f in zip(items, line_forms, strict=True)
        ]
        try:
            plan = plan_revise(
                trajectory=trajectory, lines=lines, note=note_form.cleaned_data["note"], by=request.user
            )
        except TrajectoryError as error:
            note_form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Version %(n)s of the plan is saved. Everyone signs it again.") % {"n": plan.version},
            )
            return redirect("trajectories:plan", pk=trajectory.pk)
    rows = list(zip(items, line_forms, strict=True))
    return render(
        request,
        "trajectories/plan_edit.html",
        {"trajectory": trajectory, "plan": current, "rows": rows, "note_form": note_form, "access": access},
    )


@login_required
@require_POST
def plan_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory, access = trajectory_for(request, pk, "view_plan")
    version = request.POST.get("version", "")
    plan = TrainingPlan.objects.filter(
        trajectory=trajectory, version=int(version) if version.isdigit() else 0
    ).first()
    if plan is None or request.POST.get("as") not in access.sign_as:
        raise Http404
    try:
        plan_sign(plan=plan, as_role=request.POST.get("as", ""), by=request.user)
    except TrajectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: you signed the training plan."))
    return redirect("trajectories:plan", pk=trajectory.pk)


urlpatterns = [
    path("<int:pk>/plan/", plan_view, name="plan"),
    path("<int:pk>/plan/edit/", plan_edit, name="plan_edit"),
    path("<int:pk>/plan/sign/", plan_sign_view, name="plan_sign"),
]
