"""Following the trajectory: evaluations on the shared rubric, contact moments and the agreements made,
the logbook, the learner's weekly check-in, absences and the triad's progress reviews."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkbrug.trajectories.models.plan import SignerRole, TrainingPlan
from werkbrug.trajectories.models.trajectory import Trajectory


class EvaluatorRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    COACH = "coach", _("Trajectory coach")
    LEARNER = "learner", _("Learner")


class Evaluation(models.Model):
    """One person's scores of the plan's competences on the rubric; a draft until it is handed in."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="evaluations")
    plan = models.ForeignKey(TrainingPlan, on_delete=models.RESTRICT, related_name="evaluations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.RESTRICT, related_name="+"
    )
    role = models.CharField(_("as"), max_length=8, choices=EvaluatorRole.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("handed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["trajectory", "-submitted_at"]
        constraints = [
            # One draft at a time per person and role.
            models.UniqueConstraint(
                fields=["trajectory", "role"],
                condition=Q(submitted_at__isnull=True),
                name="evaluation_one_draft",
            )
        ]
        indexes = [models.Index(fields=["trajectory", "role", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.role} {self.submitted_at or 'draft'}"

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None


class EvaluationScore(models.Model):
    """A level on the rubric for one competence, with an optional comment."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    competence = models.ForeignKey(
        "competences.Competence", verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1)])
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "competence"], name="evaluation_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.competence_id} = {self.level}"


class ContactMoment(models.Model):
    """A workplace visit, a call, a triad meeting or an online meeting, with who took part."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Workplace visit")
        CALL = "call", _("Phone call")
        TRIAD = "triad", _("Triad meeting")
        ONLINE = "online", _("Online meeting")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    on = models.DateField(_("date"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("who took part"), related_name="+", blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["trajectory", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class ProgressReview(models.Model):
    """The triad's review of progress, held at the region's cadence and signed by all three."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField(_("due on"))
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("what we saw"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(_("signed by everyone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress review")
        verbose_name_plural = _("progress reviews")
        ordering = ["trajectory", "-held_on"]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: review {self.held_on}"


class ReviewSignature(models.Model):
    review = models.ForeignKey(ProgressReview, on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.RESTRICT, related_name="+"
    )
    signed_as = models.CharField(_("as"), max_length=8, choices=SignerRole.choices)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review signature")
        verbose_name_plural = _("review signatures")
        constraints = [
            models.UniqueConstraint(fields=["review", "signed_as"], name="review_signed_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.signed_as}"


class Agreement(models.Model):
    """Something agreed (afspraak): an action, who does it and by when."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="agreements")
    contact = models.ForeignKey(
        ContactMoment, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    review = models.ForeignKey(
        ProgressReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    action = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.RESTRICT, related_name="+"
    )
    due_on = models.DateField(_("by when"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["trajectory", "done_at", "due_on"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.action

    @staticmethod
    def overdue(today: datetime.date, prefix: str = "") -> Q:
        return Q(**{f"{prefix}done_at__isnull": True, f"{prefix}due_on__lt": today})

    def is_overdue(self, today: datetime.date) -> bool:
        return self.done_at is None and self.due_on < today


class LogEntry(models.Model):
    """A short logbook entry by the learner or the mentor, with an optional photo or file."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="log_entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.RESTRICT, related_name="+"
    )
    text = models.TextField(_("what happened"))
    attachment = models.FileField(_("photo or file"), upload_to="logbook/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook")
        ordering = ["trajectory", "-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class CheckIn(models.Model):
    """The learner's weekly pulse: how they feel, whether they learn, whether they feel respected and safe."""

    class Answer(models.IntegerChoices):
        BAD = 1, _("Not good")
        SO_SO = 2, _("So-so")
        GOOD = 3, _("Good")
        GREAT = 4, _("Very good")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="checkins")
    week = models.DateField(_("week of"))  # the Monday of the week
    feeling = models.PositiveSmallIntegerField(_("How do you feel?"), choices=Answer.choices)
    learning = models.PositiveSmallIntegerField(_("Do you learn a lot?"), choices=Answer.choices)
    respected = models.PositiveSmallIntegerField(_("Do you feel respected and safe?"), choices=Answer.choices)
    wants_contact = models.BooleanField(_("I want to talk to my coach"), default=False)
    # Only this, not the answers, reaches the mentor: the learner may not feel safe with them.
    wants_mentor = models.BooleanField(_("I want to talk to my mentor"), default=False)
    note = models.TextField(_("Anything else?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The coach read it (and, when asked, made contact).
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentor_seen_at = models.DateTimeField(_("mentor answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["trajectory", "-week"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "week"], name="checkin_once_a_week")]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.week}"

    @property
    def worrying(self) -> bool:
        """Any answer 'not good', or a wish to talk."""
        return self.wants_contact or min(self.feeling, self.learning, self.respected) <= self.Answer.BAD

    @staticmethod
    def monday(day: datetime.date) -> datetime.date:
        return day - datetime.timedelta(days=day.weekday())


class Absence(models.Model):
    class Where(models.TextChoices):
        WORKPLACE = "workplace", _("At the workplace")
        SCHOOL = "school", _("At school")

    class Reason(models.TextChoices):
        ILLNESS = "illness", _("Ill")
        EXCUSED = "excused", _("Excused (appointment, family)")
        UNEXCUSED = "unexcused", _("Without a reason given")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="absences")
    where = models.CharField(_("where"), max_length=10, choices=Where.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["trajectory", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="absence_period")
        ]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.where} {self.starts_on}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class ReminderSent(models.Model):
    """That a person was sent their reminder e-mail on a day: however often the daily job runs (two app
    servers, a rerun after a failure), nobody gets two in one day."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.day}"
