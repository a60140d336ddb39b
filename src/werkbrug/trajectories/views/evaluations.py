"""Evaluations on the shared rubric: the mentor, the coach and the learner each score the plan's
competences one phase per screen (a draft is kept at every step), and everyone who follows the trajectory
sees the three side by side, where they differ, and the progress over time."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from werkbrug.competences.models import RubricLevel
from werkbrug.trajectories import charts, progress, services
from werkbrug.trajectories.models import Evaluation, EvaluationScore, EvaluatorRole, PlanItem, Trajectory
from werkbrug.trajectories.rules import LEARNER
from werkbrug.trajectories.views.common import record_read, trajectory_for

COMMENT_MAX = 500


@dataclass
class Step:
    """One screen of the evaluation: the plan's competences of one phase."""

    number: int
    phase: int
    name: str
    items: list[PlanItem]


@dataclass
class Question:
    """One competence on the screen, with what the user chose or typed so far."""

    item: PlanItem
    level: int | None
    comment: str
    previous: int | None  # the level this person gave last time
    goal: str = ""  # the label of the target level
    missing: bool = False


def _steps(items: list[PlanItem], names: dict[int, str]) -> list[Step]:
    by_phase: dict[int, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_phase[item.phase].append(item)
    return [
        Step(number=n, phase=phase, name=names.get(phase, str(phase)), items=by_phase[phase])
        for n, phase in enumerate(sorted(by_phase), start=1)
    ]


def _step_number(raw: str | None, count: int) -> int:
    number = int(raw) if raw and raw.isdigit() else 1
    return min(max(number, 1), count)


def _draft(trajectory: Trajectory, role: str) -> Evaluation | None:
    return (
        trajectory.evaluations.filter(role=role, submitted_at__isnull=True).prefetch_related("scores").first()
    )


def _typed(request: HttpRequest, step: Step) -> dict[int, tuple[int | None, str]]:
    """What the user chose and wrote on this screen, by competence."""
    typed = {}
    for item in step.items:
        raw = request.POST.get(f"level-{item.competence_id}", "")
        comment = request.POST.get(f"comment-{item.competence_id}", "").strip()[:COMMENT_MAX]
        typed[item.competence_id] = (int(raw) if raw.isdigit() else None, comment)
    return typed


def _evaluate_url(trajectory: Trajectory, number: int, anchor: str = "") -> str:
    url = f"{reverse('trajectories:evaluate', kwargs={'pk': trajectory.pk})}?step={number}"
    return f"{url}#{anchor}" if anchor else url


@login_required
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """Score the plan one phase per screen; every Next or Back keeps the draft; the last screen hands in."""
    trajectory, access = trajectory_for(request, pk, "evaluate")
    role = access.evaluate_as
    if role is None:
        raise Http404
    items = progress.plan_items(progress.current_plan(trajectory))
    steps = _steps(items, progress.phase_names(trajectory.learner.school.region_id))
    context: dict[str, object] = {"trajectory": trajectory, "as_learner": role == LEARNER}
    if not steps or not trajectory.is_running:
        return render(request, "trajectories/evaluation_form.html", context)
    step = steps[_step_number(request.POST.get("step") or request.GET.get("step"), len(steps)) - 1]
    last = step.number == len(steps)
    draft = _draft(trajectory, role)
    typed, overall, error = None, draft.comment if draft else "", ""
    go = request.POST.get("go", "next")
    if request.method == "POST":
        typed = _typed(request, step)
        if last:
            overall = request.POST.get("comment", "").strip()
        try:
            return _save(request, trajectory, role, go, step, len(steps), typed, overall)
        except services.TrajectoryError as e:
            error = str(e)
            draft = _draft(trajectory, role)
    saved = {s.competence_id: s for s in draft.scores.all()} if draft else {}
    previous = progress.latest_evaluations(trajectory).get(role)
    before = {s.competence_id: s.level for s in previous.score_list} if previous else {}  # type: ignore[attr-defined]
    levels = list(trajectory.learner.programme.rubric.levels.all())
    labels = {level.number: level.label for level in levels}
    questions = [_question(item, typed, saved, before) for item in step.items]
    for question in questions:
        question.goal = labels.get(question.item.target_level, "")
        question.missing = bool(error) and go == "hand_in" and question.level is None
    context.update(
        {
            "steps": steps,
            "step": step,
            "last": last,
            "questions": questions,
            "levels": levels,
            "overall": overall,
            "error": error,
            "open_elsewhere": [
                (other, item, _evaluate_url(trajectory, other.number))
                for other in steps
                if other.number != step.number
                for item in other.items
                if item.competence_id not in saved
            ],
            "has_draft": draft is not None,
            "percent": round(100 * step.number / len(steps)),
        }
    )
    return render(request, "trajectories/evaluation_form.html", context)


def _save(
    request: HttpRequest,
    trajectory: Trajectory,
    role: str,
    go: str,
    step: Step,
    count: int,
    typed: dict[int, tuple[int | None, str]],
    overall: str,
) -> HttpResponse:
    """Keep what this screen holds in the draft, then go where the user asked; hand in from the last one.

    The draft is saved before handing in, so a refusal (a competence without a level) loses nothing.
    """
    scores = [services.Score(cid, level, comment) for cid, (level, comment) in typed.items()]
    try:
        services.evaluation_save(trajectory=trajectory, by=request.user, scores=scores, comment=overall)
        if go == "hand_in" and step.number == count:
            services.evaluation_save(
                trajectory=trajectory, by=request.user, scores=[], comment=overall, submit=True
            )
            messages.success(request, _handed_in_message(role))
            return redirect("trajectories:evaluations", pk=trajectory.pk)
    except PermissionDenied:
        raise Http404 from None
    if go == "later":
        messages.info(request, _("Your draft is kept. Come back to it any time."))
        return redirect("trajectories:evaluations", pk=trajectory.pk)
    if go == "back":
        return redirect(_evaluate_url(trajectory, max(step.number - 1, 1)))
    return redirect(_evaluate_url(trajectory, min(step.number + 1, count)))


def _question(
    item: PlanItem,
    typed: dict[int, tuple[int | None, str]] | None,
    saved: dict[int, EvaluationScore],
    before: dict[int, int],
) -> Question:
    if typed is not None:
        level, comment = typed[item.competence_id]
    else:
        score = saved.get(item.competence_id)
        level, comment = (score.level, score.comment) if score else (None, "")
    return Question(item=item, level=level, comment=comment, previous=before.get(item.competence_id))


def _handed_in_message(role: str) -> str:
    if role == LEARNER:
        return _("Thank you! Your mentor and coach can now see your answers.")
    return _("Your evaluation is handed in. It is now side by side with the others.")


# -- side by side --------------------------------------------------------------------------------------


@dataclass
class Cell:
    role: str
    label: str
    level: int | None
    level_label: str
    pips: list[bool]


@dataclass
class Line:
    """One competence side by side, ready for the page."""

    item: PlanItem
    target_label: str
    cells: list[Cell]
    comments: list[tuple[str, str]]
    disagree: bool
    spread: int
    reached: bool


@dataclass
class Group:
    phase: int
    name: str
    lines: list[Line] = field(default_factory=list)


def _role_labels(as_learner: bool) -> dict[str, str]:
    labels = {str(value): str(label) for value, label in EvaluatorRole.choices}
    if as_learner:
        labels[EvaluatorRole.LEARNER] = _("You")
    return labels


def _lines(
    rows: list[progress.Row], levels: list[RubricLevel], labels: dict[str, str], names: dict[int, str]
) -> list[Group]:
    by_number = {level.number: level for level in levels}
    groups: dict[int, Group] = {}
    for row in rows:
        target = by_number.get(row.item.target_level)
        cells = [
            Cell(
                role=role,
                label=labels[role],
                level=row.levels[role],
                level_label=by_number[row.levels[role]].label if row.levels[role] in by_number else "",
                pips=[(row.levels[role] or 0) >= level.number for level in levels],
            )
            for role in progress.ROLES
        ]
        group = groups.setdefault(row.item.phase, Group(row.item.phase, names.get(row.item.phase, "")))
        group.lines.append(
            Line(
                item=row.item,
                target_label=target.label if target else "",
                cells=cells,
                comments=[
                    (labels[role], row.comments[role]) for role in progress.ROLES if role in row.comments
                ],
                disagree=row.disagree,
                spread=row.spread,
                reached=row.reached,
            )
        )
    return [groups[n] for n in sorted(groups)]


def _chart(
    points: list[progress.Point], items: list[PlanItem], levels: list[RubricLevel], labels: dict[str, str]
) -> charts.Chart | None:
    if not points or not levels:
        return None
    series = [
        charts.Series(role, labels[role], [(p.on, p.average) for p in points if p.role == role])
        for role in progress.ROLES
        if any(p.role == role for p in points)
    ]
    target = sum(i.target_level for i in items) / len(items) if items else None
    return charts.progress_chart(
        series,
        levels=[level.number for level in levels],
        target=target,
        target_label=_("Goal"),
        title=_("Progress over time"),
        desc=_(
            "The average level of each evaluation, one line per person, and the average goal of the plan "
            "as a dashed line. The same figures are in the table below the chart."
        ),
        x_label=_("Handed in on"),
        y_label=_("Average level"),
        date_label=lambda on: date_format(on, "j M"),
    )


@login_required
def evaluation_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest evaluation of mentor, coach and learner side by side, where they differ, the progress
    chart and the evaluations handed in before."""
    trajectory, access = trajectory_for(request, pk, "view_evaluations")
    record_read(request, trajectory, access, gettext_noop("Evaluations"))
    as_learner = LEARNER in access
    labels = _role_labels(as_learner)
    items = progress.plan_items(progress.current_plan(trajectory))
    names = progress.phase_names(trajectory.learner.school.region_id)
    levels = list(trajectory.learner.programme.rubric.levels.all())
    latest = progress.latest_evaluations(trajectory)
    groups = _lines(progress.side_by_side(items, latest), levels, labels, names)
    points = progress.history(trajectory)
    chart = _chart(points, items, levels, labels)
    role = access.evaluate_as
    handed_in = list(
        trajectory.evaluations.filter(submitted_at__isnull=False)
        .select_related("author")
        .order_by("-submitted_at", "-pk")
    )
    context = {
        "trajectory": trajectory,
        "as_learner": as_learner,
        "latest": [(labels[r], latest[r]) for r in progress.ROLES if r in latest],
        "groups": groups,
        "to_talk": sum(line.disagree for group in groups for line in group.lines),
        "chart": chart,
        # Built by `charts`, which escapes every text it puts in.
        "chart_svg": mark_safe(chart.svg) if chart else "",
        "legend": [(entry.label, mark_safe(entry.swatch)) for entry in chart.legend] if chart else [],
        "figures": [(labels[p.role], p.on, p.average) for p in points],
        "handed_in": handed_in,
        "can_evaluate": role is not None and trajectory.is_running and bool(items),
        "has_draft": role is not None
        and trajectory.evaluations.filter(role=role, submitted_at__isnull=True).exists(),
    }
    return render(request, "trajectories/evaluation_list.html", context)


urlpatterns = [
    path("<int:pk>/evaluate/", evaluate, name="evaluate"),
    path("<int:pk>/evaluations/", evaluation_list, name="evaluations"),
]
