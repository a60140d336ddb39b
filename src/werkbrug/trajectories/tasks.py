"""Daily e-mail reminders: evaluations due and agreements due, one e-mail per person, sent by the task worker.

`werkbrug send_reminders` queues the task; run it once a day (a cron job or a systemd timer). Running it
again the same day, from a second server or after a failure, sends nobody a second e-mail.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from werkbrug.people.models import User
from werkbrug.trajectories.models import (
    Agreement,
    Evaluation,
    EvaluatorRole,
    ReminderSent,
    Trajectory,
    TrajectoryChange,
)
from werkbrug.trajectories.models.trajectory import DEFAULT_EVALUATION_WEEKS
from werkbrug.trajectories.queries import AGREEMENT_DUE_DAYS, evaluation_due, evaluation_weeks_by_region

# How long the record of who was reminded on which day is kept.
KEEP_SENT_DAYS = 30


@dataclass
class Reminder:
    """What one person is reminded of."""

    person: User
    evaluations: list[Trajectory] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


def reminders(today: datetime.date) -> list[Reminder]:
    """Everyone with an evaluation or an agreement due, with what is due. A fixed number of queries."""
    running = list(
        Trajectory.objects.filter(status=Trajectory.Status.ACTIVE).select_related(
            "learner__user", "learner__school", "mentor", "coach"
        )
    )
    last: dict[tuple[int, str], datetime.datetime] = {}
    for trajectory_id, role, submitted in (
        Evaluation.objects.filter(trajectory__in=running, submitted_at__isnull=False)
        .order_by("submitted_at")
        .values_list("trajectory_id", "role", "submitted_at")
    ):
        last[(trajectory_id, role)] = submitted
    weeks = evaluation_weeks_by_region()
    found: dict[int, Reminder] = {}

    def of(person: User) -> Reminder:
        return found.setdefault(person.pk, Reminder(person))

    for t in running:
        every = weeks.get(t.learner.school.region_id, DEFAULT_EVALUATION_WEEKS)
        for person, role in ((t.mentor, EvaluatorRole.MENTOR), (t.coach, EvaluatorRole.COACH)):
            if evaluation_due(t, last.get((t.pk, role)), every, today):
                of(person).evaluations.append(t)
    due = (
        Agreement.objects.filter(
            done_at__isnull=True,
            due_on__lte=today + datetime.timedelta(days=AGREEMENT_DUE_DAYS),
            trajectory__status=Trajectory.Status.ACTIVE,
        )
        .select_related("owner", "trajectory__learner__user")
        .order_by("due_on")
    )
    by_owner: dict[int, list[Agreement]] = defaultdict(list)
    for agreement in due:
        by_owner[agreement.owner_id].append(agreement)
        of(agreement.owner)
    for person_id, agreements in by_owner.items():
        found[person_id].agreements = agreements
    return [r for r in found.values() if r.person.is_active and r.person.email]


@task()
def reminders_send(language: str = "") -> int:
    """E-mail each person what is due; returns how many e-mails were sent."""
    today = timezone.localdate()
    sent = 0
    ReminderSent.objects.filter(day__lt=today - datetime.timedelta(days=KEEP_SENT_DAYS)).delete()
    with translation.override(language or settings.LANGUAGE_CODE):
        for reminder in reminders(today):
            # The row and the e-mail together: a failed e-mail leaves no row, so a rerun sends it.
            with transaction.atomic():
                _row, first = ReminderSent.objects.get_or_create(person=reminder.person, day=today)
                if not first:
                    continue
                context = {"reminder": reminder, "today": today, "site": settings.SITE_URL}
                subject = render_to_string("trajectories/email/reminder_subject.txt", context).strip()
                body = render_to_string("trajectories/email/reminder_body.txt", context)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reminder.person.email])
            sent += 1
    return sent


@task()
def named_notify(change_id: int, language: str) -> int:
    """Tell each person newly named in a trajectory (mentor, coach, peer coach, job hunter) what it is
    and where to find it, and the learner (and a minor's parents) who their new mentor or coach is;
    returns how many e-mails were sent."""
    change = (
        TrajectoryChange.objects.select_related(
            "trajectory__learner__user", "trajectory__workplace", "created_by"
        )
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return 0
    named = change.named
    people = User.objects.in_bulk(list(named.values()))
    sent = 0
    with translation.override(language):
        for part, pk in named.items():
            person = people.get(pk)
            if person is None or not person.is_active or not person.email:
                continue
            context = {
                "change": change,
                "trajectory": change.trajectory,
                "person": person,
                "part": TrajectoryChange.PARTS[part],
                "url": settings.SITE_URL + change.trajectory.get_absolute_url(),
            }
            subject = render_to_string("trajectories/email/named_subject.txt", context).strip()
            body = render_to_string("trajectories/email/named_body.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
            sent += 1
        sent += _tell_the_learner(
            change, {p: people.get(pk) for p, pk in named.items() if p in LEARNER_HEARS}
        )
    return sent


# The changes the learner (and a minor's parents) hear about: the two people they deal with every week.
LEARNER_HEARS = ("mentor", "coach")


def _tell_the_learner(change: TrajectoryChange, new: dict[str, User | None]) -> int:
    """One plain e-mail to the learner and, for a minor, to each parent: who is their new mentor or coach."""
    new = {part: person for part, person in new.items() if person is not None}
    if not new:
        return 0
    learner = change.trajectory.learner
    readers = [learner.user, *(learner.parents.all() if learner.is_minor else [])]
    sent = 0
    for reader in readers:
        if not reader.is_active or not reader.email:
            continue
        context = {
            "reader": reader,
            "is_learner": reader.pk == learner.user_id,
            "learner": learner.user,
            "mentor": new.get("mentor"),
            "coach": new.get("coach"),
            "trajectory": change.trajectory,
            "url": settings.SITE_URL + change.trajectory.get_absolute_url(),
        }
        subject = render_to_string("trajectories/email/new_people_subject.txt", context).strip()
        body = render_to_string("trajectories/email/new_people_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reader.email])
        sent += 1
    return sent
