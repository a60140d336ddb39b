"""A learner's trajectory at a workplace, the phases it moves through and the region's settings for it."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.competences.models import _in_language

if TYPE_CHECKING:
    from werkbrug.people.models import User

# The default phases (number, Dutch, English); a region renames them with PhaseName.
DEFAULT_PHASES = [
    (1, "Kennismaken", "Getting to know each other"),
    (2, "Samen in veiligheid", "Together, in safety"),
    (3, "Meer verantwoordelijkheid", "More responsibility"),
    (4, "Zelfstandig in de werkelijkheid", "Independently, for real"),
]
PHASES = [number for number, _nl, _en in DEFAULT_PHASES]
LAST_PHASE = PHASES[-1]
DEFAULT_REVIEW_WEEKS = 8
DEFAULT_EVALUATION_WEEKS = 4


class RegionTrajectorySettings(models.Model):
    """How often a region reviews and evaluates its trajectories."""

    region = models.OneToOneField(
        "organisations.Region", on_delete=models.CASCADE, related_name="trajectory_settings"
    )
    review_weeks = models.PositiveSmallIntegerField(
        _("weeks between progress reviews"),
        default=DEFAULT_REVIEW_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    evaluation_weeks = models.PositiveSmallIntegerField(
        _("weeks between evaluations"),
        default=DEFAULT_EVALUATION_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("After this many weeks without an evaluation, the mentor and coach are reminded."),
    )

    class Meta:
        verbose_name = _("trajectory settings")
        verbose_name_plural = _("trajectory settings")

    def __str__(self) -> str:
        return str(self.region)


class PhaseName(models.Model):
    """A region's own name for one of the phases."""

    region = models.ForeignKey("organisations.Region", on_delete=models.CASCADE, related_name="phase_names")
    number = models.PositiveSmallIntegerField(_("phase"), choices=[(n, str(n)) for n in PHASES])
    name_nl = models.CharField(_("name (Dutch)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        verbose_name = _("phase name")
        verbose_name_plural = _("phase names")
        ordering = ["region", "number"]
        constraints = [models.UniqueConstraint(fields=["region", "number"], name="phase_name_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return _in_language(self.name_nl, self.name_en)


class Trajectory(models.Model):
    """A learner learning at a workplace, followed by the triad: learner, mentor and coach."""

    class AgreementType(models.TextChoices):
        OAO = "oao", _("Agreement for alternating training (OAO)")
        BPV = "bpv", _("Work placement agreement (BPV)")
        ART60 = "art60", _("Employment under art. 60 §7")
        LEERWERK = "leerwerk", _("Learn-work agreement")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Running")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    learner = models.ForeignKey(
        "learners.LearnerProfile",
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="trajectories",
    )
    application = models.OneToOneField(
        "placements.Application",
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trajectory",
    )
    workplace = models.ForeignKey(
        "placements.Workplace",
        verbose_name=_("workplace"),
        on_delete=models.PROTECT,
        related_name="trajectories",
    )
    # A broader match: a second workplace teaches what the first cannot.
    second_workplace = models.ForeignKey(
        "placements.Workplace",
        verbose_name=_("second workplace"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="+"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trajectory coach"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    peer_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peer coach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    jobhunter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("job hunter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("planned end"))
    agreement_type = models.CharField(_("agreement"), max_length=10, choices=AgreementType.choices)
    workplace_days = models.DecimalField(
        _("days a week at the workplace"),
        max_digits=2,
        decimal_places=1,
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(7)],
    )
    school_days = models.DecimalField(
        _("days a week at school"),
        max_digits=2,
        decimal_places=1,
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(7)],
    )
    # Dutch BPV and learn-work agreements count hours; the days stay the common measure.
    workplace_hours = models.PositiveSmallIntegerField(
        _("hours a week at the workplace"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    school_hours = models.PositiveSmallIntegerField(
        _("hours a week at school"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    # The phase the learner's progress has reached (see `trajectories.progress`), kept for lists.
    phase = models.PositiveSmallIntegerField(_("phase"), default=1)
    next_review_on = models.DateField(_("next progress review"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="trajectory_period"),
            models.UniqueConstraint(
                fields=["learner"], condition=~Q(status="ended"), name="trajectory_one_running"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["coach", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.workplace.title}"

    def get_absolute_url(self) -> str:
        return reverse("trajectories:detail", kwargs={"pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status != self.Status.ENDED

    def weeks_in(self, on: datetime.date) -> int:
        return max(0, (on - self.starts_on).days // 7)

    def people(self) -> list[tuple["User", str]]:
        """Everyone of the trajectory once, with their part (learner, parent, mentor, coach, peer_coach,
        jobhunter), in that order: who can take part in a contact moment or own an agreement."""
        parts = [
            (self.learner.user, "learner"),
            *((parent, "parent") for parent in self.learner.parents.order_by("full_name")),
            (self.mentor, "mentor"),
            (self.coach, "coach"),
            (self.peer_coach, "peer_coach"),
            (self.jobhunter, "jobhunter"),
        ]
        found: dict[int, tuple[User, str]] = {}
        for user, part in parts:
            if user is not None:
                found.setdefault(user.pk, (user, part))
        return list(found.values())


class PhaseReached(models.Model):
    """The day the learner's progress reached a phase: the history behind `Trajectory.phase`."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="phases_reached")
    number = models.PositiveSmallIntegerField(_("phase"))
    reached_on = models.DateField(_("reached on"))

    class Meta:
        verbose_name = _("phase reached")
        verbose_name_plural = _("phases reached")
        ordering = ["trajectory", "number"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "number"], name="phase_reached_once")]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.number} on {self.reached_on}"


class Pause(models.Model):
    """A break in the trajectory (illness, a break in learning); its days push the dates on."""

    class Reason(models.TextChoices):
        ILLNESS = "illness", _("Illness")
        BREAK = "break", _("Break in learning")
        WORKPLACE = "workplace", _("The workplace closed for a while")
        PERSONAL = "personal", _("Personal or family reasons")
        OTHER = "other", _("Other reason")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="pauses")
    starts_on = models.DateField(_("paused from"))
    ends_on = models.DateField(_("resumed on"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["trajectory", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"], condition=Q(ends_on__isnull=True), name="pause_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.starts_on} - {self.ends_on or '…'}"


class TrajectoryChange(models.Model):
    """A change to who follows a trajectory or to its terms: each field's value before and after.

    People are kept by their key, dates as ISO text, so a name is always shown as it is now.
    """

    # The parts a person can be named in, with the words for them in a sentence.
    PARTS = {
        "mentor": _("mentor"),
        "coach": _("trajectory coach"),
        "peer_coach": _("peer coach"),
        "jobhunter": _("job hunter"),
    }

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="changes")
    changes = models.JSONField(_("changes"))  # {field name: [before, after]}
    note = models.TextField(_("why"), blank=True)
    agreements_moved = models.PositiveSmallIntegerField(_("open agreements handed over"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change to a trajectory")
        verbose_name_plural = _("changes to trajectories")
        ordering = ["trajectory", "-created_at"]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {', '.join(self.changes)}"

    @property
    def named(self) -> dict[str, int]:
        """The people this change named, by part (a part left empty names nobody)."""
        after = {part: pair[1] for part, pair in self.changes.items() if part in self.PARTS}
        return {part: pk for part, pk in after.items() if pk}
