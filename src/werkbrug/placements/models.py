"""The workplace register: places to learn, what they teach, their mentors and their recognition."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.competences.models import Competence
from werkbrug.organisations.models import Organisation, Programme, Site
from werkbrug.vocab import CEFR


class Workplace(models.Model):
    """A place to learn at one of an employer's sites."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULL = "full", _("Full")
        PAUSED = "paused", _("Paused")

    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="workplaces"
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="workplaces"
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. 'Warehouse assistant'."))
    description = models.TextField(_("what a learner does here"), blank=True)
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    language_demand = models.CharField(
        _("Dutch needed"),
        max_length=8,
        choices=CEFR.choices,
        default=CEFR.A2,
        help_text=_("The Dutch level a learner needs to work here safely."),
    )
    support_offered = models.JSONField(_("support we can give"), default=list, blank=True)
    hours = models.CharField(
        _("hours"), max_length=200, blank=True, help_text=_("E.g. 'Mon-Fri 8:00-16:30'.")
    )
    shifts = models.JSONField(_("shifts"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    # Kept up to date when a learner starts here; tells the network which places sit idle.
    last_learner_started_on = models.DateField(_("last learner started on"), null=True, blank=True)
    competences = models.ManyToManyField(
        Competence, through="WorkplaceCompetence", related_name="workplaces", verbose_name=_("competences")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["employer__name", "title"]

    def __str__(self) -> str:
        return f"{self.title} · {self.employer.name}"

    def get_absolute_url(self) -> str:
        return reverse("placements:workplace", kwargs={"pk": self.pk})


class WorkplaceCompetence(models.Model):
    """A competence a learner can learn at the workplace, up to the level reachable there."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="teaches")
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level reachable"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("competence taught")
        verbose_name_plural = _("competences taught")
        constraints = [
            models.UniqueConstraint(fields=["workplace", "competence"], name="workplace_competence_once")
        ]

    def __str__(self) -> str:
        return f"{self.competence_id} ≤ {self.level}"


class Capacity(models.Model):
    """How many learners the workplace can take in a period (e.g. a school year)."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="capacities")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    places = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacity")
        ordering = ["workplace", "starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="capacity_period"),
            models.UniqueConstraint(fields=["workplace", "starts_on"], name="capacity_once_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} to {self.ends_on}: {self.places}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class WorkplaceMentor(models.Model):
    """A mentor of the employer who trains learners at this workplace."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="mentors")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="mentoring"
    )

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        constraints = [models.UniqueConstraint(fields=["workplace", "mentor"], name="workplace_mentor_once")]

    def __str__(self) -> str:
        return f"{self.mentor_id} @ {self.workplace_id}"


class Recognition(models.Model):
    """Recognition (erkenning) of a workplace for a programme: applied, reviewed, granted or withdrawn."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        GRANTED = "granted", _("Recognised")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workplace = models.ForeignKey(
        Workplace, verbose_name=_("workplace"), on_delete=models.CASCADE, related_name="recognitions"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="recognitions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    number = models.CharField(_("recognition number"), max_length=30, unique=True, null=True, blank=True)
    starts_on = models.DateField(_("recognised from"), null=True, blank=True)
    expires_on = models.DateField(_("recognised until"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-applied_at"]
        constraints = [
            # One open application or recognition per workplace and programme.
            models.UniqueConstraint(
                fields=["workplace", "programme"],
                condition=Q(status__in=["applied", "granted"]),
                name="recognition_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="granted")
                | Q(number__isnull=False, starts_on__isnull=False, expires_on__isnull=False),
                name="recognition_granted_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.get_status_display()} · {self.programme}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.status == self.Status.GRANTED
            and self.starts_on is not None
            and self.expires_on is not None
            and self.starts_on <= day <= self.expires_on
        )
