"""One shared language: frameworks of competences, and the rubric every evaluator scores on."""

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_RUBRIC_NAME = "Werkbrug 4 niveaus"
# (number, label nl, label en, descriptor nl, descriptor en); the data migration 0002 holds the same.
DEFAULT_LEVELS = [
    (
        1,
        "Nog niet",
        "Not yet",
        "Toont de competentie nog niet, ook niet met hulp.",
        "Does not show the competence yet, not even with help.",
    ),
    (
        2,
        "Met veel hulp",
        "With a lot of help",
        "Doet de taak met stap-voor-stap uitleg en iemand die meekijkt.",
        "Does the task with step-by-step instructions and someone watching.",
    ),
    (
        3,
        "Met wat hulp",
        "With some help",
        "Doet de taak grotendeels zelf; vraagt hulp bij iets nieuws.",
        "Does most of the task alone; asks for help with something new.",
    ),
    (
        4,
        "Zelfstandig",
        "Independently",
        "Doet de taak zelfstandig en goed, ook als er iets onverwachts gebeurt.",
        "Does the task alone and well, also when something unexpected happens.",
    ),
]


def _in_language(nl: str, en: str) -> str:
    """The Dutch or English text for the active language, falling back to whichever is filled in."""
    lang = (get_language() or "nl")[:2]
    first, second = (en, nl) if lang == "en" else (nl, en)
    return first or second


class Framework(models.Model):
    """A source of competences: a Flemish professional qualification, VDAB Competent, ESCO, ..."""

    class Kind(models.TextChoices):
        BEROEPSKWALIFICATIE = "beroepskwalificatie", _("Flemish professional qualification or standard route")
        COMPETENT = "competent", _("VDAB Competent")
        KWALIFICATIEDOSSIER = "kwalificatiedossier", _("Dutch qualification file (kwalificatiedossier)")
        ESCO = "esco", _("ESCO")
        REGIONAL = "regional", _("The region's own")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    source = models.CharField(
        _("source and licence"), max_length=300, blank=True, help_text=_("Shown wherever the framework is.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("competences:framework", kwargs={"code": self.code})


class Competence(models.Model):
    class Kind(models.TextChoices):
        OCCUPATIONAL = "occupational", _("Occupational")
        GENERIC = "generic", _("Generic and work skills")
        LANGUAGE = "language", _("Language")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="competences"
    )
    code = models.CharField(_("code"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OCCUPATIONAL)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competence_unique_code"),
            models.CheckConstraint(
                condition=~models.Q(title_nl="", title_en=""), name="competence_has_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self.title_nl, self.title_en)

    @property
    def description(self) -> str:
        return _in_language(self.description_nl, self.description_en)


class Occupation(models.Model):
    """An occupation (e.g. from ESCO) with the competences it requires; a starting point for a profile."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="occupations"
    )
    code = models.CharField(_("code"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    isco_group = models.CharField(_("ISCO group"), max_length=8, blank=True)
    competences = models.ManyToManyField(
        Competence, through="OccupationCompetence", related_name="occupations", verbose_name=_("competences")
    )

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["framework", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="occupation_unique_code")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self.title_nl, self.title_en)


class OccupationCompetence(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="requirements")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+")
    essential = models.BooleanField(_("essential"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "competence"], name="occupation_competence_once")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id}: {self.competence_id}"


class Rubric(models.Model):
    """The levels everyone scores on. One rubric is the default; a region may add its own."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_default = models.BooleanField(_("default"), default=False)

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="rubric_one_default"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls) -> "Rubric":
        """The default rubric; created with the four standard levels when a database lacks it."""
        rubric = cls.objects.filter(is_default=True).first()
        if rubric is None:
            with transaction.atomic():
                rubric = cls.objects.create(name=DEFAULT_RUBRIC_NAME, is_default=True)
                RubricLevel.objects.bulk_create(
                    RubricLevel(
                        rubric=rubric,
                        number=n,
                        label_nl=lnl,
                        label_en=len_,
                        descriptor_nl=dnl,
                        descriptor_en=den,
                    )
                    for n, lnl, len_, dnl, den in DEFAULT_LEVELS
                )
        return rubric


class RubricLevel(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(_("level"))
    label_nl = models.CharField(_("label (Dutch)"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=80)
    descriptor_nl = models.TextField(_("descriptor (Dutch)"))
    descriptor_en = models.TextField(_("descriptor (English)"))

    class Meta:
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        ordering = ["rubric", "number"]
        constraints = [models.UniqueConstraint(fields=["rubric", "number"], name="rubric_level_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"

    @property
    def label(self) -> str:
        return _in_language(self.label_nl, self.label_en)

    @property
    def descriptor(self) -> str:
        return _in_language(self.descriptor_nl, self.descriptor_en)
