import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbrug.organisations.models import Organisation, Programme, Region
from werkbrug.vocab import CEFR

ADULT_AGE = 18


class LearnerProfile(models.Model):
    """A learner's file: who they are, where they learn, and who may speak for them."""

    class Status(models.TextChoices):
        SEEKING = "seeking", _("Looking for a place")
        PLACED = "placed", _("Placed")
        PAUSED = "paused", _("Paused")
        FINISHED = "finished", _("Finished")
        LEFT = "left", _("Left early")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="learner"
    )
    school = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.PROTECT, related_name="learners"
    )
    parents = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("parents"), blank=True, related_name="children"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="learners",
        null=True,
        blank=True,
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.SET_NULL,
        related_name="caseload",
        null=True,
        blank=True,
    )
    # Only the postcode of home, never the full address: enough to estimate travel.
    home_country = models.CharField(
        _("country"), max_length=2, choices=Region.Country.choices, default=Region.Country.BE
    )
    home_postcode = models.CharField(_("home postcode"), max_length=10, blank=True)
    mobility_modes = models.JSONField(_("ways to travel"), default=list, blank=True)
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("longest trip (minutes)"),
        default=45,
        validators=[MinValueValidator(5), MaxValueValidator(180)],
        help_text=_("One way, door to door."),
    )
    dutch_level = models.CharField(_("Dutch level"), max_length=8, choices=CEFR.choices, blank=True)
    # Coded and minimal; only stored while a consent is on record (see SupportConsent).
    support_needs = models.JSONField(_("support needs"), default=list, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    interests = models.TextField(_("interests"), blank=True)
    wishes = models.TextField(_("wishes"), blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    days_available = models.JSONField(_("days available"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SEEKING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("learners:detail", kwargs={"pk": self.pk})

    def age_on(self, day: datetime.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_minor(self) -> bool:
        """Under 18 today; unknown age counts as a minor, so a parent's consent is asked."""
        age = self.age_on(timezone.localdate())
        return age is None or age < ADULT_AGE


class SupportConsent(models.Model):
    """Consent to keep a learner's support needs, given by the learner or (for a minor) a parent."""

    learner = models.ForeignKey(LearnerProfile, on_delete=models.CASCADE, related_name="support_consents")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )
    given_as = models.CharField(_("given as"), max_length=10)  # "learner" or "parent"
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent for support needs")
        verbose_name_plural = _("consents for support needs")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"], condition=models.Q(withdrawn_at__isnull=True), name="one_open_consent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} ({self.given_at:%Y-%m-%d})"
