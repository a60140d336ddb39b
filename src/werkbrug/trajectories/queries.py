"""Reads of trajectories, filtered to what the user may see (the grounds of `trajectories.rules`).

Lists annotate what each row shows (last contact, open check-ins, overdue agreements, last evaluation) as
subqueries, so a page is a fixed number of queries whatever the number of rows.
"""

import datetime

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import Role, User
from werkbrug.people.scopes import organisation_ids, region_ids, signed_in
from werkbrug.placements.models import WorkplaceMentor
from werkbrug.trajectories import progress
from werkbrug.trajectories.models import (
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluatorRole,
    FollowUp,
    RegionTrajectorySettings,
    SurveyAnswer,
    Trajectory,
)
from werkbrug.trajectories.models.trajectory import DEFAULT_EVALUATION_WEEKS
from werkbrug.trajectories.services.plan import signers_needed

# A new trajectory is first evaluated after this many days.
FIRST_EVALUATION_DAYS = 14
# How far ahead an agreement counts as due on the home pages.
AGREEMENT_DUE_DAYS = 7
# How long a learner's wish to talk to the mentor stays on the mentor's list.
WISH_DAYS = 14


def _base() -> QuerySet[Trajectory]:
    return Trajectory.objects.select_related(
        "learner__user",
        "learner__school__region",
        "learner__programme",
        "workplace__employer",
        "workplace__site",
        "mentor",
        "coach",
    )


def trajectories_for(user: User) -> QuerySet[Trajectory]:
    """Trajectories the user may open: their own, their child's, those they mentor or coach, those of
    their school (coach or admin) and, for a coordinator, those of the region."""
    qs = _base()
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    children = LearnerProfile.parents.through.objects.filter(user=user).values("learnerprofile_id")
    mentored = WorkplaceMentor.objects.filter(mentor=user).values("workplace_id")
    return qs.filter(
        Q(learner__user=user)
        | Q(learner_id__in=children)
        | Q(mentor=user)
        | Q(workplace_id__in=mentored)
        | Q(second_workplace_id__in=mentored)
        | Q(coach=user)
        | Q(peer_coach=user)
        | Q(jobhunter=user)
        | Q(learner__school_id__in=organisation_ids(user, [Role.COACH, Role.ORG_ADMIN]))
        | Q(learner__school__region_id__in=region_ids(user, [Role.COORDINATOR]))
    )


def _named(user: User) -> QuerySet[Trajectory]:
    """The trajectories in which the user is named (as coach, mentor, learner or parent): grounds of
    `trajectories_for` that need no membership, so home pages read them without its subqueries."""
    if not signed_in(user):
        return _base().none()
    children = LearnerProfile.parents.through.objects.filter(user=user).values("learnerprofile_id")
    return _base().filter(Q(learner__user=user) | Q(learner_id__in=children) | Q(mentor=user) | Q(coach=user))


def _count(queryset: QuerySet) -> Coalesce:
    """A per-trajectory count as a subquery (no join that multiplies rows)."""
    counted = queryset.order_by().values("trajectory_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _last_evaluation(role: str) -> Subquery:
    return Subquery(
        Evaluation.objects.filter(trajectory_id=OuterRef("pk"), role=role, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )


def with_signals(qs: QuerySet[Trajectory], today: datetime.date | None = None) -> QuerySet[Trajectory]:
    """Annotate what a caseload row shows: last contact, check-ins not yet read (and wishes to talk),
    overdue agreements and the mentor's last evaluation."""
    today = today or timezone.localdate()
    checkins = CheckIn.objects.filter(trajectory_id=OuterRef("pk"), seen_at__isnull=True)
    return qs.annotate(
        last_contact=Subquery(
            ContactMoment.objects.filter(trajectory_id=OuterRef("pk")).order_by("-on").values("on")[:1]
        ),
        unread_checkins=_count(checkins),
        wants_contact=_count(checkins.filter(wants_contact=True)),
        overdue_agreements=_count(
            Agreement.objects.filter(Agreement.overdue(today), trajectory_id=OuterRef("pk"))
        ),
        last_mentor_evaluation=_last_evaluation(EvaluatorRole.MENTOR),
    )


def caseload(user: User) -> QuerySet[Trajectory]:
    """The running trajectories the user coaches, with what needs them first: a wish to talk, unread
    check-ins, overdue agreements, then the longest without contact."""
    return with_signals(_named(user).filter(coach=user).exclude(status=Trajectory.Status.ENDED)).order_by(
        "-wants_contact", "-unread_checkins", "-overdue_agreements", "last_contact", "pk"
    )


def caseload_size(user: User) -> int:
    """How many running trajectories the user coaches."""
    return _named(user).filter(coach=user).exclude(status=Trajectory.Status.ENDED).count()


def evaluation_weeks_by_region() -> dict[int, int]:
    return dict(RegionTrajectorySettings.objects.values_list("region_id", "evaluation_weeks"))


def evaluation_due(
    trajectory: Trajectory, last: datetime.datetime | None, weeks: int, today: datetime.date
) -> bool:
    """Is an evaluation due: none yet after the first weeks, or none for `weeks` weeks?"""
    if trajectory.status != Trajectory.Status.ACTIVE:
        return False
    if last is None:
        return (today - trajectory.starts_on).days >= FIRST_EVALUATION_DAYS
    return (today - timezone.localdate(last)).days >= weeks * 7


def mentor_today(user: User, today: datetime.date | None = None) -> dict[str, object]:
    """The mentor's "today": whom to evaluate, agreements due, learners who want to talk to them."""
    today = today or timezone.localdate()
    running = (
        with_signals(_named(user).filter(mentor=user).exclude(status=Trajectory.Status.ENDED), today)
        .annotate(
            wants_mentor=_count(
                CheckIn.objects.filter(
                    trajectory_id=OuterRef("pk"),
                    wants_mentor=True,
                    mentor_seen_at__isnull=True,
                    week__gte=today - datetime.timedelta(days=WISH_DAYS),
                )
            )
        )
        .order_by("learner__user__full_name", "pk")
    )
    rows = list(running)
    weeks = evaluation_weeks_by_region()
    to_evaluate = [
        t
        for t in rows
        if evaluation_due(
            t,
            t.last_mentor_evaluation,
            weeks.get(t.learner.school.region_id, DEFAULT_EVALUATION_WEEKS),
            today,
        )
    ]
    return {
        "trajectories": rows,
        "to_evaluate": to_evaluate,
        "want_to_talk": [t for t in rows if t.wants_mentor],
        "agreements": list(agreements_due(user, today)),
        "overdue_reviews": [t for t in rows if t.next_review_on and t.next_review_on < today],
    }


def agreements_due(user: User, today: datetime.date | None = None) -> QuerySet[Agreement]:
    """Open agreements the user owns that are overdue or due within a week, oldest first."""
    today = today or timezone.localdate()
    return (
        Agreement.objects.filter(
            owner=user,
            done_at__isnull=True,
            due_on__lte=today + datetime.timedelta(days=AGREEMENT_DUE_DAYS),
            # The owner of an agreement is one of its trajectory's people (`services._agreements`).
            trajectory__status__in=[Trajectory.Status.ACTIVE, Trajectory.Status.PAUSED],
        )
        .select_related("trajectory__learner__user", "trajectory__workplace")
        .order_by("due_on", "pk")
    )


def overdue_reviews(user: User, today: datetime.date | None = None) -> QuerySet[Trajectory]:
    """Running trajectories the user is part of (learner, parent, mentor, coach) whose review is overdue."""
    today = today or timezone.localdate()
    return (
        _named(user)
        .filter(status=Trajectory.Status.ACTIVE, next_review_on__lt=today)
        .order_by("next_review_on")
    )


def region_trajectories(user: User) -> QuerySet[Trajectory]:
    """Trajectories of the regions the user coordinates (all for staff), for the coordinator's list."""
    qs = _base()
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(learner__school__region_id__in=region_ids(user, [Role.COORDINATOR]))


def current_trajectory(qs: QuerySet[Trajectory]) -> Trajectory | None:
    """The running trajectory of a learner's trajectories, or else their last one."""
    return qs.order_by(Case(When(status=Trajectory.Status.ENDED, then=1), default=0), "-starts_on").first()


def learner_trajectory(user: User) -> Trajectory | None:
    """The learner's own running trajectory (or the last one)."""
    return current_trajectory(_base().filter(learner__user=user))


def _standing(trajectory: Trajectory) -> dict[str, object]:
    """Where a learner stands, for a home page: the phase, its milestone and the plan to sign."""
    plan = progress.current_plan(trajectory)
    names = progress.phase_names(trajectory.learner.school.region_id)
    stones = progress.milestones(
        progress.plan_items(plan), progress.levels_of(progress.latest_evaluations(trajectory)), names
    )
    signed = set(plan.signatures.values_list("signed_as", flat=True)) if plan else set()
    return {
        "trajectory": trajectory,
        "phase_name": names.get(trajectory.phase, ""),
        "milestone": next((s for s in stones if s.phase == trajectory.phase), None),
        "plan": plan,
        "unsigned": [r for r in signers_needed(trajectory) if r not in signed] if plan else [],
    }


def learner_home(user: User, today: datetime.date | None = None) -> dict[str, object]:
    """The learner's own trajectory in plain words: where they stand, this week's check-in, agreements."""
    trajectory = learner_trajectory(user)
    if trajectory is None:
        return {"trajectory": None}
    today = today or timezone.localdate()
    return {
        **_standing(trajectory),
        "checked_in": trajectory.checkins.filter(week=CheckIn.monday(today)).exists(),
        "open_agreements": list(
            trajectory.agreements.filter(done_at__isnull=True).select_related("owner").order_by("due_on")[:5]
        ),
    }


def children_home(user: User) -> list[dict[str, object]]:
    """Each child's current trajectory and where they stand, for the parent's home page."""
    children = LearnerProfile.parents.through.objects.filter(user=user).values("learnerprofile_id")
    found = []
    for learner_id in children.values_list("learnerprofile_id", flat=True):
        trajectory = current_trajectory(_base().filter(learner_id=learner_id))
        if trajectory is not None:
            found.append(_standing(trajectory))
    return found


def region_figures(user: User) -> dict[str, object]:
    """Trajectories of the coordinator's region by status, and those that need attention: one query."""
    today = timezone.localdate()
    unread_wish = CheckIn.objects.filter(
        trajectory_id=OuterRef("pk"), wants_contact=True, seen_at__isnull=True
    )
    counts = (
        region_trajectories(user)
        .order_by()
        .annotate(wish=Exists(unread_wish))
        .aggregate(
            **{value: Count("pk", filter=Q(status=value)) for value in Trajectory.Status.values},
            overdue_reviews=Count("pk", filter=Q(status=Trajectory.Status.ACTIVE, next_review_on__lt=today)),
            wants_contact=Count("pk", filter=Q(wish=True)),
        )
    )
    return {
        "by_status": [(label, counts[value]) for value, label in Trajectory.Status.choices],
        "overdue_reviews": counts["overdue_reviews"],
        "wants_contact": counts["wants_contact"],
    }


# How long after the end a learner or mentor is still asked for the closing survey.
SURVEY_DAYS = 60


def follow_ups_due(user: User, today: datetime.date | None = None) -> QuerySet[FollowUp]:
    """Follow-up contacts after the trajectory that the user, as its coach, is to make within a week."""
    today = today or timezone.localdate()
    return (
        FollowUp.objects.filter(
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=AGREEMENT_DUE_DAYS),
            trajectory__coach=user,
        )
        .select_related("trajectory__learner__user")
        .order_by("due_on", "pk")
    )


def surveys_to_answer(user: User, today: datetime.date | None = None) -> QuerySet[Trajectory]:
    """Trajectories that ended lately where the user, as learner or mentor, has not answered the survey."""
    today = today or timezone.localdate()
    answered = SurveyAnswer.objects.filter(trajectory_id=OuterRef("pk"), respondent=user)
    return (
        _named(user)
        .filter(Q(learner__user=user) | Q(mentor=user), status=Trajectory.Status.ENDED)
        .filter(outcome__ended_on__gte=today - datetime.timedelta(days=SURVEY_DAYS))
        .exclude(Exists(answered))
        .order_by("-outcome__ended_on")
    )
