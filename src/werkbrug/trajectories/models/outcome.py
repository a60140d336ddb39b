"""The end of a trajectory: its outcome, the follow-up at 3, 6 and 12 months, the satisfaction survey."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkbrug.trajectories.models.trajectory import Trajectory

FOLLOW_UP_MONTHS = (3, 6, 12)


class Outcome(models.Model):
    """How the trajectory ended (uitstroom)."""

    class Result(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        LEFT_EARLY = "left_early", _("Left early")

    class Qualification(models.TextChoices):
        FULL = "full", _("Full qualification")
        PARTIAL = "partial", _("Partial qualification (some competences)")
        NONE = "none", _("No qualification")

    class Next(models.TextChoices):
        JOB_HERE = "job_here", _("Works at the workplace")
        JOB_ELSEWHERE = "job_elsewhere", _("Works elsewhere")
        LEARNING = "learning", _("Goes on learning (school or another trajectory)")
        SEEKING = "seeking", _("Looks for work")
        OTHER = "other", _("Other")

    class LeftReason(models.TextChoices):
        MISMATCH = "mismatch", _("Learner and workplace did not fit")
        MOTIVATION = "motivation", _("Lost motivation")
        HEALTH = "health", _("Health or well-being")
        PERSONAL = "personal", _("Personal or family situation")
        WORKPLACE = "workplace", _("The workplace stopped (closure, no mentor, dismissal)")
        MOBILITY = "mobility", _("Could not get there (travel)")
        OTHER_PROGRAMME = "other_programme", _("Changed programme or school")
        JOB = "job", _("Found a job before the end")
        OTHER = "other", _("Other reason")

    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="outcome")
    ended_on = models.DateField(_("ended on"))
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    qualification = models.CharField(
        _("qualification"), max_length=8, choices=Qualification.choices, default=Qualification.NONE
    )
    competences_obtained = models.ManyToManyField(
        "competences.Competence", verbose_name=_("competences obtained"), blank=True, related_name="+"
    )
    job_offered = models.BooleanField(_("the workplace offered a job"), default=False)
    job_accepted = models.BooleanField(_("the learner took the job"), default=False)
    next_step = models.CharField(_("what next"), max_length=14, choices=Next.choices)
    left_reason = models.CharField(
        _("why it ended early"), max_length=16, choices=LeftReason.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(result="left_early") | ~Q(left_reason=""), name="outcome_left_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(job_accepted=False) | Q(job_offered=True), name="outcome_job_accepted_offered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.result}"


class FollowUp(models.Model):
    """A contact after the trajectory (3, 6 and 12 months): where is the learner now?"""

    class Situation(models.TextChoices):
        WORKING = "working", _("Working")
        LEARNING = "learning", _("Learning")
        SEEKING = "seeking", _("Looking for work")
        OTHER = "other", _("Other")
        UNREACHABLE = "unreachable", _("Could not be reached")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(
        _("after (months)"), choices=[(m, str(m)) for m in FOLLOW_UP_MONTHS]
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    situation = models.CharField(_("situation"), max_length=12, choices=Situation.choices, blank=True)
    still_at_workplace = models.BooleanField(_("still at the workplace"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["trajectory", "months"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "months"], name="follow_up_once")]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.months} months"


class SurveyAnswer(models.Model):
    """The learner's or the mentor's short satisfaction survey at the end."""

    class Respondent(models.TextChoices):
        LEARNER = "learner", _("Learner")
        MENTOR = "mentor", _("Mentor")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="survey_answers")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("as"), max_length=8, choices=Respondent.choices)
    placement = models.PositiveSmallIntegerField(
        _("How satisfied are you with the placement?"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    guidance = models.PositiveSmallIntegerField(
        _("How satisfied are you with the guidance?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    recommend = models.BooleanField(_("Would you recommend it to others?"))
    comment = models.TextField(_("What could be better?"), blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [models.UniqueConstraint(fields=["trajectory", "role"], name="survey_once_per_role")]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.role}"
