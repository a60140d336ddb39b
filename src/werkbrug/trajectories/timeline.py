"""Who did what, and when, in a trajectory: one timeline of evaluations, contacts, agreements, check-ins,
the logbook, the plan, reviews and changes of people or terms, and for each person of the triad the last
thing they did, so a coach sees at a glance when someone goes quiet.

Each source is one query with a limit, so the page costs the same whatever the trajectory's age.
Check-ins appear only for those who may read them (never for the mentor).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from werkbrug.people.models import User
from werkbrug.trajectories.models import (
    Absence,
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    LogEntry,
    PhaseReached,
    PlanSignature,
    ProgressReview,
    TrainingPlan,
    Trajectory,
    TrajectoryChange,
)
from werkbrug.trajectories.rules import Access

# A person of the triad who has done nothing for this long is shown as gone quiet.
QUIET_DAYS = 21


@dataclass(frozen=True)
class Event:
    at: datetime.datetime
    actor: str  # a name, or "" when the platform did it
    kind: str  # a short code for the icon and the filter: evaluation, contact, agreement, ...
    text: str


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _name(user: User | None) -> str:
    return user.full_name if user else ""


def events(trajectory: Trajectory, access: Access, limit: int = 30) -> list[Event]:
    """The latest `limit` events, newest first."""
    found: list[Event] = []
    for e in (
        Evaluation.objects.filter(trajectory=trajectory, submitted_at__isnull=False)
        .select_related("author")
        .order_by("-submitted_at")[:limit]
    ):
        found.append(
            Event(
                e.submitted_at,
                _name(e.author),
                "evaluation",
                _("Evaluation as %(role)s") % {"role": e.get_role_display()},
            )
        )
    for c in (
        ContactMoment.objects.filter(trajectory=trajectory)
        .select_related("created_by")
        .order_by("-on")[:limit]
    ):
        found.append(Event(_at(c.on), _name(c.created_by), "contact", c.get_kind_display()))
    agreements = Agreement.objects.filter(trajectory=trajectory).select_related(
        "created_by", "done_by", "owner"
    )
    for a in agreements.order_by("-created_at")[:limit]:
        found.append(
            Event(
                a.created_at, _name(a.created_by), "agreement", _("Agreed: %(action)s") % {"action": a.action}
            )
        )
    for a in agreements.filter(done_at__isnull=False).order_by("-done_at")[:limit]:
        found.append(Event(a.done_at, _name(a.done_by), "done", _("Done: %(action)s") % {"action": a.action}))
    if access.can("view_checkins"):
        for c in CheckIn.objects.filter(trajectory=trajectory).order_by("-created_at")[:limit]:
            text = _("Check-in: wants to talk") if c.wants_contact else _("Check-in")
            found.append(Event(c.created_at, _name(trajectory.learner.user), "checkin", text))
    if access.can("view_log"):
        for entry in (
            LogEntry.objects.filter(trajectory=trajectory)
            .select_related("author")
            .order_by("-created_at")[:limit]
        ):
            found.append(Event(entry.created_at, _name(entry.author), "log", _("Logbook entry")))
    for p in (
        TrainingPlan.objects.filter(trajectory=trajectory)
        .select_related("created_by")
        .order_by("-version")[:limit]
    ):
        found.append(
            Event(
                p.created_at, _name(p.created_by), "plan", _("Training plan version %(n)s") % {"n": p.version}
            )
        )
    for s in (
        PlanSignature.objects.filter(plan__trajectory=trajectory)
        .select_related("signer", "plan")
        .order_by("-signed_at")[:limit]
    ):
        found.append(
            Event(
                s.signed_at,
                _name(s.signer),
                "sign",
                _("Signed the plan (version %(n)s)") % {"n": s.plan.version},
            )
        )
    for r in (
        ProgressReview.objects.filter(trajectory=trajectory)
        .select_related("created_by")
        .order_by("-held_on")[:limit]
    ):
        found.append(Event(_at(r.held_on), _name(r.created_by), "review", _("Progress review")))
    for a in Absence.objects.filter(trajectory=trajectory).order_by("-starts_on")[:limit]:
        found.append(
            Event(
                _at(a.starts_on),
                "",
                "absence",
                _("Absent %(where)s") % {"where": a.get_where_display().lower()},
            )
        )
    for change in (
        TrajectoryChange.objects.filter(trajectory=trajectory)
        .select_related("created_by")
        .order_by("-created_at")[:limit]
    ):
        fields = ", ".join(str(Trajectory._meta.get_field(name).verbose_name) for name in change.changes)
        found.append(
            Event(
                change.created_at,
                _name(change.created_by),
                "change",
                _("Changed: %(what)s") % {"what": fields},
            )
        )
    for ph in PhaseReached.objects.filter(trajectory=trajectory).order_by("-number")[:limit]:
        found.append(Event(_at(ph.reached_on), "", "phase", _("Reached phase %(n)s") % {"n": ph.number}))
    found.sort(key=lambda e: e.at, reverse=True)
    return found[:limit]


@dataclass(frozen=True)
class Activity:
    """The last thing a person of the trajectory did."""

    part: str
    person: User
    last: datetime.datetime | None

    def quiet(self, now: datetime.datetime) -> bool:
        return self.last is None or (now - self.last).days >= QUIET_DAYS

    @property
    def days_ago(self) -> int | None:
        return None if self.last is None else (timezone.now() - self.last).days


def activity(trajectory: Trajectory) -> list[Activity]:
    """For the learner, the mentor and the coach: when they last did something here."""
    people = {
        "learner": trajectory.learner.user,
        "mentor": trajectory.mentor,
        "coach": trajectory.coach,
    }
    ids = [u.pk for u in people.values()]
    last: dict[int, datetime.datetime] = {}

    def keep(rows) -> None:
        for person, when in rows:
            if person in last:
                last[person] = max(last[person], when) if when else last[person]
            elif when:
                last[person] = when

    keep(
        Evaluation.objects.filter(trajectory=trajectory, author_id__in=ids, submitted_at__isnull=False)
        .values("author_id")
        .annotate(m=Max("submitted_at"))
        .values_list("author_id", "m")
    )
    keep(
        LogEntry.objects.filter(trajectory=trajectory, author_id__in=ids)
        .values("author_id")
        .annotate(m=Max("created_at"))
        .values_list("author_id", "m")
    )
    keep(
        ContactMoment.objects.filter(trajectory=trajectory, created_by_id__in=ids)
        .values("created_by_id")
        .annotate(m=Max("created_at"))
        .values_list("created_by_id", "m")
    )
    checked_in = CheckIn.objects.filter(trajectory=trajectory).aggregate(m=Max("created_at"))["m"]
    keep([(trajectory.learner.user_id, checked_in)])
    return [Activity(part, person, last.get(person.pk)) for part, person in people.items()]


@dataclass(frozen=True)
class ChangeLine:
    """One field of a change, as people read it: "Mentor: An Peeters → Tom Claes"."""

    label: str
    before: str
    after: str


def _shown(name: str, value: object, people: dict[int, User]) -> str:
    if value is None or value == "":
        return "—"
    if name in TrajectoryChange.PARTS:
        person = people.get(value)  # type: ignore[arg-type]
        return (person.full_name or person.email) if person else _("(removed account)")
    if name == "ends_on":
        return date_format(datetime.date.fromisoformat(str(value)), "j M Y")
    if name == "agreement_type":
        return str(Trajectory.AgreementType(value).label)
    return str(value)


def change_lines(changes: list[TrajectoryChange]) -> None:
    """Give each change its `lines`, in the order of the form; the people named in one query."""
    keys = {
        pk
        for change in changes
        for name, pair in change.changes.items()
        if name in TrajectoryChange.PARTS
        for pk in pair
        if pk
    }
    people = User.objects.in_bulk(keys)
    order = [f.name for f in Trajectory._meta.get_fields()]
    for change in changes:
        change.lines = [  # type: ignore[attr-defined]
            ChangeLine(
                capfirst(Trajectory._meta.get_field(name).verbose_name),
                _shown(name, before, people),
                _shown(name, after, people),
            )
            for name, (before, after) in sorted(
                change.changes.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99
            )
        ]
