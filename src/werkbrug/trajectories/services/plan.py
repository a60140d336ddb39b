"""The training plan: drafted from what the workplace teaches, revised by mentor and coach as a new
version each time, and signed off by the learner (a parent for a minor), the mentor and the coach."""

import datetime
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.competences.models import Competence
from werkbrug.organisations.models import ProgrammeCompetence
from werkbrug.people.models import User
from werkbrug.placements.models import WorkplaceCompetence
from werkbrug.trajectories.models import (
    PHASES,
    PlanItem,
    PlanSignature,
    SignerRole,
    TrainingPlan,
    Trajectory,
)
from werkbrug.trajectories.rules import access_for
from werkbrug.trajectories.services.errors import TrajectoryError


@dataclass(frozen=True)
class Line:
    """A plan line as a form or the draft gives it."""

    competence_id: int
    core: bool
    where: str
    phase: int
    target_level: int
    starts_on: datetime.date
    ends_on: datetime.date

    @classmethod
    def of(cls, item: PlanItem) -> "Line":
        return cls(
            item.competence_id,
            item.core,
            item.where,
            item.phase,
            item.target_level,
            item.starts_on,
            item.ends_on,
        )

    def item(self, **extra: object) -> PlanItem:
        """The plan item this line becomes (`extra`: its plan)."""
        return PlanItem(**asdict(self), **extra)


def phase_periods(
    starts_on: datetime.date, ends_on: datetime.date
) -> dict[int, tuple[datetime.date, datetime.date]]:
    """The trajectory cut into as many equal periods as there are phases."""
    days = (ends_on - starts_on).days
    bounds = [starts_on + datetime.timedelta(days=days * i // len(PHASES)) for i in range(len(PHASES) + 1)]
    return {
        phase: (bounds[i], bounds[i + 1] - datetime.timedelta(days=1) if i < len(PHASES) - 1 else ends_on)
        for i, phase in enumerate(PHASES)
    }


def _where(competence_id: int, target: int, first: dict[int, int], second: dict[int, int]) -> str:
    """Where a competence is learned: at the workplace when it teaches it to the target level, at school
    and the workplace when only part of the way, at a second workplace that teaches it, or at school."""
    if first.get(competence_id, 0) >= target:
        return PlanItem.Where.WORKPLACE
    if competence_id in first:
        return PlanItem.Where.BOTH
    if competence_id in second:
        return PlanItem.Where.SECOND_WORKPLACE
    return PlanItem.Where.SCHOOL


def draft_lines(trajectory: Trajectory) -> list[Line]:
    """The plan the programme's profile and the workplace(s) suggest.

    Generic competences come first (getting to know the work), core competences next and optional ones
    last; the list is cut into the phases in that order, each phase with its share of the trajectory.
    """
    profile = list(
        ProgrammeCompetence.objects.filter(programme_id=trajectory.learner.programme_id)
        .select_related("competence")
        .order_by("competence__code")
    )
    taught = WorkplaceCompetence.objects.filter(
        workplace_id__in=[trajectory.workplace_id, trajectory.second_workplace_id]
    ).values_list("workplace_id", "competence_id", "level")
    first = {c: level for w, c, level in taught if w == trajectory.workplace_id}
    second = {c: level for w, c, level in taught if w == trajectory.second_workplace_id}
    order = {Competence.Kind.GENERIC: 0, Competence.Kind.LANGUAGE: 0}
    profile.sort(key=lambda pc: (order.get(pc.competence.kind, 1), not pc.core))
    periods = phase_periods(trajectory.starts_on, trajectory.ends_on)
    lines = []
    for index, pc in enumerate(profile):
        phase = PHASES[index * len(PHASES) // len(profile)]
        lines.append(
            Line(
                competence_id=pc.competence_id,
                core=pc.core,
                where=_where(pc.competence_id, pc.target_level, first, second),
                phase=phase,
                target_level=pc.target_level,
                starts_on=periods[phase][0],
                ends_on=periods[phase][1],
            )
        )
    return lines


def _check_lines(trajectory: Trajectory, lines: list[Line]) -> None:
    levels = set(trajectory.learner.programme.rubric.levels.values_list("number", flat=True))
    if not lines:
        raise TrajectoryError(_("A plan needs at least one competence."))
    if len({line.competence_id for line in lines}) != len(lines):
        raise TrajectoryError(_("Each competence can be in the plan once."))
    for line in lines:
        if line.phase not in PHASES:
            raise TrajectoryError(_("Choose one of the phases."))
        if line.target_level not in levels:
            raise TrajectoryError(_("Choose a target level of the rubric."))
        if line.ends_on < line.starts_on:
            raise TrajectoryError(_("A period must end after it starts."))
        if line.where == PlanItem.Where.SECOND_WORKPLACE and not trajectory.second_workplace_id:
            raise TrajectoryError(_("This trajectory has no second workplace."))


def _write(trajectory: Trajectory, lines: list[Line], by: User | None, note: str) -> TrainingPlan:
    last = trajectory.plans.select_for_update().order_by("-version").first()
    plan = TrainingPlan.objects.create(
        trajectory=trajectory, version=(last.version + 1) if last else 1, note=note, created_by=by
    )
    PlanItem.objects.bulk_create(line.item(plan=plan) for line in lines)
    return plan


@transaction.atomic
def plan_draft(*, trajectory: Trajectory, by: User | None) -> TrainingPlan:
    """The first version, drafted from the programme's profile and what the workplace teaches."""
    if trajectory.plans.exists():
        raise TrajectoryError(_("This trajectory already has a plan."))
    lines = draft_lines(trajectory)
    if not lines:
        raise TrajectoryError(_("The learner's programme has no competence profile yet."))
    return _write(trajectory, lines, by, _("Draft from the programme and the workplace"))


@transaction.atomic
def plan_revise(*, trajectory: Trajectory, lines: list[Line], note: str, by: User) -> TrainingPlan:
    """Mentor and coach change the plan: a new version, to be signed off again. Nothing changed: refused."""
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if not access_for(by, trajectory).can("edit_plan"):
        raise PermissionDenied
    if not trajectory.is_running:
        raise TrajectoryError(_("The trajectory has ended; its plan can no longer change."))
    _check_lines(trajectory, lines)
    current = trajectory.plans.order_by("-version").first()
    if current is not None and {Line.of(i) for i in current.items.all()} == set(lines):
        raise TrajectoryError(_("Nothing changed in the plan."))
    return _write(trajectory, lines, by, note.strip())


def signers_needed(trajectory: Trajectory) -> list[str]:
    """Who signs a plan or review: learner, mentor and coach, and a parent for a minor."""
    needed = [SignerRole.LEARNER, SignerRole.MENTOR, SignerRole.COACH]
    if trajectory.learner.is_minor:
        needed.insert(1, SignerRole.PARENT)
    return needed


@transaction.atomic
def plan_sign(*, plan: TrainingPlan, as_role: str, by: User) -> PlanSignature:
    """Sign off the current version of the plan in one of the user's parts in the trajectory."""
    plan = (
        TrainingPlan.objects.select_for_update(of=("self",))
        .select_related("trajectory__learner")
        .get(pk=plan.pk)
    )
    trajectory = plan.trajectory
    if as_role not in access_for(by, trajectory).sign_as:
        raise PermissionDenied
    if as_role not in signers_needed(trajectory):
        raise TrajectoryError(_("This plan needs no signature in that role."))
    if trajectory.plans.filter(version__gt=plan.version).exists():
        raise TrajectoryError(_("There is a newer version of this plan: sign that one."))
    if plan.signatures.filter(signed_as=as_role).exists():
        raise TrajectoryError(_("This version has already been signed in that role."))
    signature = PlanSignature.objects.create(plan=plan, signer=by, signed_as=as_role)
    signed = set(plan.signatures.values_list("signed_as", flat=True))
    if set(signers_needed(trajectory)) <= signed:
        plan.agreed_at = timezone.now()
        plan.save(update_fields=["agreed_at"])
    return signature
