from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.competences.models import Competence, Rubric
from werkbrug.vocab import TravelMode


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

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"pk": self.pk})

    @property
    def is_educational(self) -> bool:
        return self.kind in {self.Kind.SCHOOL, self.Kind.TRAINING_CENTRE, self.Kind.PUBLIC_SERVICE}


class Site(models.Model):
    """A place where an organisation works. The postcode resolves to coordinates through `werkbrug.geo`."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. 'Warehouse Genk-Zuid'."))
    street = models.CharField(_("street"), max_length=200)
    number = models.CharField(_("number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=10)
    municipality = models.CharField(_("municipality"), max_length=120)
    country = models.CharField(_("country"), max_length=2, choices=Region.Country.choices)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="site_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}, {self.postcode} {self.municipality}"


class Programme(models.Model):
    """A course of study at a school, with the competences a learner must reach."""

    class Type(models.TextChoices):
        DUAAL_LEREN = "duaal_leren", _("Duaal Leren")
        GRADUAAT = "graduaat", _("Graduate programme (graduaat)")
        BUSO_OV3 = "buso_ov3", _("Special secondary education, OV3")
        BPV_PRO = "bpv_pro", _("Work placement (BPV), practical education (PrO)")
        BPV_VSO = "bpv_vso", _("Work placement (BPV), special secondary education (VSO)")
        BPV_MBO1 = "bpv_mbo1", _("Work placement (BPV), MBO level 1")
        BPV_MBO2 = "bpv_mbo2", _("Work placement (BPV), MBO level 2")
        LEERWERK = "leerwerk", _("Learn-work project for adult jobseekers")
        ART60 = "art60", _("Work trajectory (art. 60 §7)")

    school = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.PROTECT, related_name="programmes"
    )
    type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    qualification_code = models.CharField(_("qualification code"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=40, blank=True, help_text=_("E.g. 'VKS 3' or 'MBO-2'."))
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="programmes"
    )
    competences = models.ManyToManyField(
        Competence, through="ProgrammeCompetence", related_name="programmes", verbose_name=_("competences")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["school__name", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="programme_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:programme", kwargs={"pk": self.pk})


class ProgrammeCompetence(models.Model):
    """One line of a programme's competence profile."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="profile")
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    core = models.BooleanField(_("core"), default=True, help_text=_("Core competences must be reached."))
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    target_level = models.PositiveSmallIntegerField(_("target level"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("competence in the profile")
        verbose_name_plural = _("competence profile")
        ordering = ["programme", "-core", "competence__code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "competence"], name="programme_competence_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.competence_id}"


class TravelFactor(models.Model):
    """A region's own figures for estimating travel time by one mode (see `werkbrug.geo.ModeFactors`)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="travel_factors")
    mode = models.CharField(_("mode"), max_length=20, choices=TravelMode.choices)
    speed_kmh = models.FloatField(_("speed (km/h)"), validators=[MinValueValidator(0.5)])
    detour = models.FloatField(_("detour factor"), validators=[MinValueValidator(1)])
    overhead_min = models.FloatField(
        _("minutes of walking, waiting or parking"), validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("travel factor")
        verbose_name_plural = _("travel factors")
        constraints = [models.UniqueConstraint(fields=["region", "mode"], name="travel_factor_once")]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.mode}"


class MeasuredTravelTime(models.Model):
    """A real door-to-door time between two postcodes; it wins over the estimate."""

    from_country = models.CharField(max_length=2)
    from_postcode = models.CharField(max_length=10)
    to_country = models.CharField(max_length=2)
    to_postcode = models.CharField(max_length=10)
    mode = models.CharField(_("mode"), max_length=20, choices=TravelMode.choices)
    minutes = models.PositiveIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("measured travel time")
        verbose_name_plural = _("measured travel times")
        constraints = [
            models.UniqueConstraint(
                fields=["from_country", "from_postcode", "to_country", "to_postcode", "mode"],
                name="measured_travel_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_postcode} → {self.to_postcode} ({self.mode}): {self.minutes} min"
