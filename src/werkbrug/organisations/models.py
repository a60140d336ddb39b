from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A region whose schools, employers and coaches work together (e.g. Limburg)."""

    class Country(models.TextChoices):
        BE = "BE", _("Belgium")
        NL = "NL", _("The Netherlands")

    name = models.CharField(_("name"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.BE)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        TRAINING_CENTRE = "training_centre", _("Adult education or training centre")
        EMPLOYER = "employer", _("Employer")
        PUBLIC_SERVICE = "public_service", _("Public service")
        SECTOR_FUND = "sector_fund", _("Sector fund")
        NETWORK = "network", _("Regional network")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="organisation_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_educational(self) -> bool:
        return self.kind in {self.Kind.SCHOOL, self.Kind.TRAINING_CENTRE, self.Kind.PUBLIC_SERVICE}
