"""A trajectory's life: it starts when an application is accepted, may pause and resume (its dates and
reviews move on by the days paused), and ends with an outcome, follow-up contacts and a short survey."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.competences.models import Competence
from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Programme, Region
from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.models import Application, Waitlist
from werkbrug.trajectories.models import (
    FOLLOW_UP_MONTHS,
    FollowUp,
    Outcome,
    Pause,
    PlanItem,
    RegionTrajectorySettings,
    SurveyAnswer,
    Trajectory,
)
from werkbrug.trajectories.rules import LEARNER, MENTOR, access_for
from werkbrug.trajectories.services.errors import TrajectoryError
from werkbrug.trajectories.services.plan import plan_draft

AGREEMENT_BY_PROGRAMME = {
    Programme.Type.BPV_PRO: Trajectory.AgreementType.BPV,
    Programme.Type.BPV_VSO: Trajectory.AgreementType.BPV,
    Programme.Type.BPV_MBO1: Trajectory.AgreementType.BPV,
    Programme.Type.BPV_MBO2: Trajectory.AgreementType.BPV,
    Programme.Type.ART60: Trajectory.AgreementType.ART60,
    Programme.Type.LEERWERK: Trajectory.AgreementType.LEERWERK,
}


def settings_of(region: Region | int) -> RegionTrajectorySettings:
    """The region's cadences; the defaults when it set none."""
    region_id = region if isinstance(region, int) else region.pk
    found = RegionTrajectorySettings.objects.filter(region_id=region_id).first()
    return found or RegionTrajectorySettings(region_id=region_id)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _coach_for(application: Application) -> User:
    """The learner's own coach, else the coach who proposed, else a coach of the school."""
    learner = application.learner
    if learner.coach_id:
        return learner.coach
    coaches = Membership.objects.current().filter(organisation_id=learner.school_id, role=Role.COACH)
    if application.proposed_by_id and coaches.filter(user_id=application.proposed_by_id).exists():
        return application.proposed_by
    first = coaches.select_related("user").order_by("pk").first()
    if first is None:
        raise TrajectoryError(_("The learner's school has no trajectory coach yet: invite one first."))
    return first.user


def trajectory_start(*, application: Application, by: User) -> Trajectory:
    """Start the trajectory of an accepted application, with its plan drafted. Runs inside the
    acceptance's transaction (see `placements.services.application_accept`)."""
    learner: LearnerProfile = application.learner
    mentor = application.workplace.mentors.select_related("mentor").order_by("pk").first()
    if mentor is None:
        raise TrajectoryError(_("Name a mentor for this workplace first: the learner needs one."))
    today = timezone.localdate()
    starts_on = max(today, application.capacity.starts_on) if application.capacity else today
    ends_on = application.capacity.ends_on if application.capacity else starts_on
    if ends_on <= starts_on + datetime.timedelta(days=28):
        ends_on = _add_months(starts_on, 10)
    programme_type = learner.programme.type if learner.programme_id else ""
    coach = _coach_for(application)
    trajectory = Trajectory.objects.create(
        learner=learner,
        application=application,
        workplace=application.workplace,
        mentor=mentor.mentor,
        coach=coach,
        jobhunter=_jobhunter_for(application, coach),
        starts_on=starts_on,
        ends_on=ends_on,
        agreement_type=AGREEMENT_BY_PROGRAMME.get(programme_type, Trajectory.AgreementType.OAO),
        next_review_on=starts_on
        + datetime.timedelta(weeks=settings_of(learner.school.region_id).review_weeks),
        created_by=by,
    )
    if learner.programme_id and learner.programme.profile.exists():
        plan_draft(trajectory=trajectory, by=by)
    return trajectory


def _jobhunter_for(application: Application, coach: User) -> User | None:
    """The job hunter who found the place: the proposer, when they hunt jobs and are not the coach."""
    proposer = application.proposed_by
    if proposer is None or proposer.pk == coach.pk:
        return None
    hunts = Membership.objects.current().filter(user=proposer, role=Role.JOBHUNTER).exists()
    return proposer if hunts else None


def _locked(trajectory: Trajectory, by: User) -> Trajectory:
    trajectory = (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("learner__school")
        .get(pk=trajectory.pk)
    )
    if not access_for(by, trajectory).can("manage"):
        raise PermissionDenied
    return trajectory


@transaction.atomic
def trajectory_pause(
    *, trajectory: Trajectory, by: User, starts_on: datetime.date, reason: str, note: str = ""
) -> Pause:
    """Pause a running trajectory (illness, a break in learning)."""
    trajectory = _locked(trajectory, by)
    if trajectory.status != Trajectory.Status.ACTIVE:
        raise TrajectoryError(_("Only a running trajectory can be paused."))
    if reason not in Pause.Reason.values:
        raise TrajectoryError(_("Choose a reason."))
    if not trajectory.starts_on <= starts_on <= trajectory.ends_on:
        raise TrajectoryError(_("The pause must start within the trajectory."))
    pause = Pause.objects.create(
        trajectory=trajectory, starts_on=starts_on, reason=reason, note=note.strip(), created_by=by
    )
    trajectory.status = Trajectory.Status.PAUSED
    trajectory.save(update_fields=["status", "updated_at"])
    _learner_status(trajectory.learner, LearnerProfile.Status.PAUSED)
    return pause


@transaction.atomic
def trajectory_resume(*, trajectory: Trajectory, by: User, on: datetime.date) -> Pause:
    """Resume a paused trajectory: the planned end, the next review and the plan's periods still to come
    move on by the days it was paused."""
    trajectory = _locked(trajectory, by)
    pause = trajectory.pauses.select_for_update().filter(ends_on__isnull=True).first()
    if trajectory.status != Trajectory.Status.PAUSED or pause is None:
        raise TrajectoryError(_("This trajectory is not paused."))
    if on < pause.starts_on:
        raise TrajectoryError(_("It cannot resume before the pause started."))
    pause.ends_on = on
    pause.save(update_fields=["ends_on"])
    shift = datetime.timedelta(days=(on - pause.starts_on).days)
    trajectory.status = Trajectory.Status.ACTIVE
    trajectory.ends_on += shift
    if trajectory.next_review_on and trajectory.next_review_on >= pause.starts_on:
        trajectory.next_review_on += shift
    trajectory.save(update_fields=["status", "ends_on", "next_review_on", "updated_at"])
    if shift:
        plan = trajectory.plans.order_by("-version").first()
        items = PlanItem.objects.filter(plan=plan)
        items.filter(starts_on__gte=pause.starts_on).update(starts_on=F("starts_on") + shift)
        items.filter(ends_on__gte=pause.starts_on).update(ends_on=F("ends_on") + shift)
    _learner_status(trajectory.learner, LearnerProfile.Status.PLACED)
    return pause


def _learner_status(learner: LearnerProfile, status: str) -> None:
    learner.status = status
    learner.save(update_fields=["status", "updated_at"])


@transaction.atomic
def trajectory_end(
    *,
    trajectory: Trajectory,
    by: User,
    ended_on: datetime.date,
    result: str,
    next_step: str,
    qualification: str = Outcome.Qualification.NONE,
    competences: list[Competence] = (),  # type: ignore[assignment]
    job_offered: bool = False,
    job_accepted: bool = False,
    left_reason: str = "",
    note: str = "",
) -> Outcome:
    """End the trajectory with its outcome and plan the follow-up contacts at 3, 6 and 12 months.

    Ended early, the place at the workplace is free again; a learner who goes on learning goes back on
    the waiting list.
    """
    trajectory = _locked(trajectory, by)
    if not trajectory.is_running:
        raise TrajectoryError(_("This trajectory has already ended."))
    if result not in Outcome.Result.values or next_step not in Outcome.Next.values:
        raise TrajectoryError(_("Choose the result and what comes next."))
    if result == Outcome.Result.LEFT_EARLY and left_reason not in Outcome.LeftReason.values:
        raise TrajectoryError(_("Choose why the trajectory ended early."))
    if job_accepted and not job_offered:
        raise TrajectoryError(_("A job can only be taken when it was offered."))
    if ended_on < trajectory.starts_on or ended_on > timezone.localdate():
        raise TrajectoryError(_("The end date must lie between the start and today."))
    outcome = Outcome.objects.create(
        trajectory=trajectory,
        ended_on=ended_on,
        result=result,
        qualification=qualification,
        job_offered=job_offered,
        job_accepted=job_accepted,
        next_step=next_step,
        left_reason=left_reason if result == Outcome.Result.LEFT_EARLY else "",
        note=note.strip(),
        recorded_by=by,
    )
    outcome.competences_obtained.set(competences)
    trajectory.pauses.filter(ends_on__isnull=True).update(ends_on=ended_on)
    trajectory.status = Trajectory.Status.ENDED
    trajectory.save(update_fields=["status", "updated_at"])
    FollowUp.objects.bulk_create(
        FollowUp(trajectory=trajectory, months=m, due_on=_add_months(ended_on, m)) for m in FOLLOW_UP_MONTHS
    )
    _after_the_end(trajectory, outcome)
    return outcome


def _after_the_end(trajectory: Trajectory, outcome: Outcome) -> None:
    learner, now = trajectory.learner, timezone.now()
    early = outcome.result == Outcome.Result.LEFT_EARLY
    application = trajectory.application
    if early and application is not None and application.place_freed_at is None:
        application.place_freed_at = now
        application.save(update_fields=["place_freed_at", "updated_at"])
        workplace = trajectory.workplace
        if workplace.status == workplace.Status.FULL:
            workplace.status = workplace.Status.OPEN
            workplace.save(update_fields=["status", "updated_at"])
    if early and outcome.next_step == Outcome.Next.LEARNING:
        _learner_status(learner, LearnerProfile.Status.SEEKING)
        Waitlist.objects.get_or_create(
            learner=learner,
            resolved_at__isnull=True,
            defaults={"region_id": learner.school.region_id, "reason": Waitlist.Reason.ENDED_EARLY},
        )
    else:
        _learner_status(learner, LearnerProfile.Status.LEFT if early else LearnerProfile.Status.FINISHED)


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    by: User,
    done_on: datetime.date,
    situation: str,
    still_at_workplace: bool | None = None,
    note: str = "",
) -> FollowUp:
    """The coach's contact after the trajectory: where the learner is now."""
    follow_up = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("trajectory__learner")
        .get(pk=follow_up.pk)
    )
    if not access_for(by, follow_up.trajectory).can("manage"):
        raise PermissionDenied
    if situation not in FollowUp.Situation.values:
        raise TrajectoryError(_("Choose the learner's situation."))
    if done_on > timezone.localdate():
        raise TrajectoryError(_("A follow-up is recorded once it has happened."))
    follow_up.done_on, follow_up.situation = done_on, situation
    follow_up.still_at_workplace, follow_up.note, follow_up.done_by = still_at_workplace, note.strip(), by
    follow_up.save(update_fields=["done_on", "situation", "still_at_workplace", "note", "done_by"])
    return follow_up


@transaction.atomic
def survey_answer(
    *, trajectory: Trajectory, by: User, placement: int, guidance: int, recommend: bool, comment: str = ""
) -> SurveyAnswer:
    """The learner's or the mentor's answer to the short survey at the end; once per role."""
    trajectory = (
        Trajectory.objects.select_for_update(of=("self",)).select_related("learner").get(pk=trajectory.pk)
    )
    access = access_for(by, trajectory)
    role = LEARNER if LEARNER in access else MENTOR if MENTOR in access else None
    if role is None:
        raise PermissionDenied
    if trajectory.status != Trajectory.Status.ENDED:
        raise TrajectoryError(_("The survey opens when the trajectory has ended."))
    if not {placement, guidance} <= {1, 2, 3, 4, 5}:
        raise TrajectoryError(_("Choose from 1 to 5."))
    if SurveyAnswer.objects.filter(trajectory=trajectory, role=role).exists():
        raise TrajectoryError(_("You have already answered. Thank you!"))
    return SurveyAnswer.objects.create(
        trajectory=trajectory,
        respondent=by,
        role=role,
        placement=placement,
        guidance=guidance,
        recommend=recommend,
        comment=comment.strip(),
    )
