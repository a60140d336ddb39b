"""The training plan (opleidingsplan): which competence is learned where, in which phase, to which level.

Every change makes a new version; the versions are kept and each is signed off on its own.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.trajectories.models.trajectory import Trajectory


class SignerRole(models.TextChoices):
    """Who signs a plan or a review."""

    LEARNER = "learner", _("Learner")
    PARENT = "parent", _("Parent")
    MENTOR = "mentor", _("Mentor")
    COACH = "coach", _("Trajectory coach")


class TrainingPlan(models.Model):
    """One version of a trajectory's plan."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    # Set once everyone who must sign has signed (see `trajectories.services.plan_sign`).
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["trajectory", "-version"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "version"], name="plan_version_once")]

    def __str__(self) -> str:
        return f"{self.trajectory} · v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("trajectories:plan", kwargs={"pk": self.trajectory_id})


class PlanItem(models.Model):
    """One competence of the plan."""

    class Where(models.TextChoices):
        WORKPLACE = "workplace", _("At the workplace")
        SCHOOL = "school", _("At school")
        BOTH = "both", _("At school and at the workplace")
        SECOND_WORKPLACE = "second", _("At the second workplace")

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="items")
    competence = models.ForeignKey(
        "competences.Competence", verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    core = models.BooleanField(_("core"), default=True)
    where = models.CharField(_("where"), max_length=10, choices=Where.choices)
    phase = models.PositiveSmallIntegerField(_("phase"), validators=[MinValueValidator(1)])
    target_level = models.PositiveSmallIntegerField(_("target level"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["plan", "phase", "-core", "competence__code"]
        constraints = [models.UniqueConstraint(fields=["plan", "competence"], name="plan_item_once")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.competence_id} ({self.where}, phase {self.phase})"


class PlanSignature(models.Model):
    """One person's sign-off of one version of the plan."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.RESTRICT, related_name="+"
    )
    signed_as = models.CharField(_("as"), max_length=8, choices=SignerRole.choices)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan signature")
        verbose_name_plural = _("plan signatures")
        ordering = ["plan", "signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "signed_as"], name="plan_signed_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.signed_as}"
