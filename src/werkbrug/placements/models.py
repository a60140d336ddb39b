"""The workplace register: places to learn, what they teach, their mentors and their recognition."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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

    @staticmethod
    def covering(day: datetime.date) -> Q:
        """The periods that include `day`."""
        return Q(starts_on__lte=day, ends_on__gte=day)

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

    @staticmethod
    def in_force(day: datetime.date) -> Q:
        """Recognitions granted and valid on `day` (the query twin of `is_valid_on`)."""
        return Q(status=Recognition.Status.GRANTED, starts_on__lte=day, expires_on__gte=day)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.status == self.Status.GRANTED
            and self.starts_on is not None
            and self.expires_on is not None
            and self.starts_on <= day <= self.expires_on
        )


class MatchingWeights(models.Model):
    """How much each part of a match counts in a region; the defaults are the engine's."""

    region = models.OneToOneField(
        "organisations.Region", on_delete=models.CASCADE, related_name="matching_weights"
    )
    coverage = models.FloatField(_("competences taught"), default=0.35, validators=[MinValueValidator(0)])
    travel = models.FloatField(_("travel time"), default=0.25, validators=[MinValueValidator(0)])
    language = models.FloatField(_("Dutch level"), default=0.10, validators=[MinValueValidator(0)])
    support = models.FloatField(_("support"), default=0.10, validators=[MinValueValidator(0)])
    mentor = models.FloatField(_("mentor readiness"), default=0.10, validators=[MinValueValidator(0)])
    wishes = models.FloatField(_("wishes"), default=0.10, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")

    def __str__(self) -> str:
        return str(self.region)


class Application(models.Model):
    """A learner proposed to a workplace, moving through introduction to accepted or declined.

    The employer reads the learner blind (competences, wishes, travel, availability) until the learner,
    or a parent for a minor, agrees to an introduction; only then name, age and support needs show.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INTRODUCED = "introduced", _("Introduction planned")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.PROPOSED, Status.INTRODUCED)

    class DeclineReason(models.TextChoices):
        COMPETENCES = "competences", _("The workplace cannot teach enough of the programme")
        TRAVEL = "travel", _("The journey is too long or not possible")
        LANGUAGE = "language", _("Language is too difficult for now")
        HOURS = "hours", _("Hours or days do not fit")
        NO_PLACE = "no_place", _("No place left")
        LEARNER_CHOSE_OTHER = "learner_other", _("The learner chose another place")
        INTRODUCTION = "introduction", _("The introduction did not go well")
        NO_SHOW = "no_show", _("Did not come to the introduction")
        OTHER = "other", _("Other reason")

    learner = models.ForeignKey(
        "learners.LearnerProfile",
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    workplace = models.ForeignKey(
        Workplace, verbose_name=_("workplace"), on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    round = models.ForeignKey(
        "AllocationRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    # The reasons as the engine gave them when proposed: [{"name", "value", "weight", "code", "params"}].
    explanation = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note for the employer"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    introduction_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    introduction_agreed_at = models.DateTimeField(_("introduction agreed at"), null=True, blank=True)
    introduction_on = models.DateField(_("introduction on"), null=True, blank=True)
    capacity = models.ForeignKey(
        Capacity, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=16, choices=DeclineReason.choices, blank=True)
    decline_note = models.TextField(_("explanation"), blank=True)
    # Set when the trajectory that followed ended early: the place counts as free again.
    place_freed_at = models.DateTimeField(_("place freed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "workplace"],
                condition=Q(status__in=["proposed", "introduced"]),
                name="application_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(capacity__isnull=False), name="application_accepted_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} → {self.workplace_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("placements:application", kwargs={"pk": self.pk})

    @staticmethod
    def holding_a_place(prefix: str = "") -> Q:
        """Accepted applications whose place was not freed again; `prefix` for a lookup from elsewhere."""
        return Q(**{f"{prefix}status": Application.Status.ACCEPTED, f"{prefix}place_freed_at__isnull": True})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_blind(self) -> bool:
        """Until the learner or a parent agrees to an introduction, the employer reads no identity."""
        return self.introduction_agreed_at is None


class PlaceWish(models.Model):
    """A place on a learner's own list, in order (rank 1 first); set with the coach."""

    learner = models.ForeignKey(
        "learners.LearnerProfile", on_delete=models.CASCADE, related_name="place_wishes"
    )
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("place on the wish list")
        verbose_name_plural = _("wish list")
        ordering = ["learner", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "workplace"], name="place_wish_once"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.rank}. {self.workplace_id}"


class CandidateRank(models.Model):
    """A workplace's own order of suggested candidates (rank 1 first)."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="candidate_ranks")
    learner = models.ForeignKey("learners.LearnerProfile", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("candidate ranking")
        verbose_name_plural = _("candidate rankings")
        ordering = ["workplace", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "learner"], name="candidate_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.workplace_id}: {self.rank}. {self.learner_id}"


class AllocationRound(models.Model):
    """One run of the engine over a region's seeking learners and free places, kept with its results."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to run")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready to compare")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")

    class Method(models.TextChoices):
        STABLE = "stable", _("Stable (learners' wishes first)")
        OPTIMAL = "optimal", _("Best total fit")

    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveIntegerField(_("round"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # percent
    step = models.CharField(_("step"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # What the engine was given (counts, weights) and what it returned per method:
    # {"stable": {"report": {...}, "assignment": [[learner_id, workplace_id, score, minutes], ...]}, ...}
    inputs = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    published_method = models.CharField(_("published"), max_length=8, choices=Method.choices, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["region", "-number"]
        constraints = [models.UniqueConstraint(fields=["region", "number"], name="round_number_once")]

    def __str__(self) -> str:
        return f"{self.region} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("placements:round", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.PUBLISHED, self.Status.FAILED)


class Waitlist(models.Model):
    """A learner still without a place after a round, or whose trajectory ended early: offered again."""

    class Reason(models.TextChoices):
        NO_CANDIDATE = "no_candidate", _("No suitable place in reach")
        ALL_FULL = "all_full", _("Every suitable place was taken")
        ENDED_EARLY = "ended_early", _("The placement ended early")

    learner = models.ForeignKey("learners.LearnerProfile", on_delete=models.CASCADE, related_name="waitlist")
    region = models.ForeignKey("organisations.Region", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    since = models.DateTimeField(_("since"), default=timezone.now)
    round = models.ForeignKey(
        AllocationRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["since"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"], condition=Q(resolved_at__isnull=True), name="waitlist_once_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} ({self.reason})"
