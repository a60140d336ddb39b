"""Daily e-mail reminders: whom to evaluate and which agreements are due, one e-mail per person."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from werkbrug.trajectories.models import Trajectory
from werkbrug.trajectories.services import agreement_add

from .builders import more_trajectories


def test_mentor_and_coach_get_one_e_mail_each_with_every_evaluation_and_agreement_due(trajectory, cast):
    today = timezone.localdate()
    Trajectory.objects.filter(pk=trajectory.pk).update(starts_on=today - datetime.timedelta(days=30))
    more_trajectories(cast, 2)  # each with an overdue agreement owned by the mentor
    agreement_add(
        trajectory=trajectory, by=cast.coach, action="Stagecontract tekenen", owner=cast.coach, due_on=today
    )
    mail.outbox.clear()
    call_command("send_reminders", verbosity=0)  # the test settings run tasks at once
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {cast.mentor.email, cast.coach.email}
    mentor_mail = by_person[cast.mentor.email].body
    assert trajectory.learner.user.full_name in mentor_mail
    assert mentor_mail.count("Veiligheidsschoenen kopen") == 2
    assert "te laat sinds" in mentor_mail  # in the platform's language, Dutch by default
    assert f"/trajectories/{trajectory.pk}/evaluate/" in mentor_mail
    assert "Stagecontract tekenen" in by_person[cast.coach.email].body


def test_nobody_is_reminded_of_a_trajectory_that_just_started_or_has_ended(trajectory, cast):
    (ended,) = more_trajectories(cast, 1)  # with an overdue agreement and no evaluation for 60 days
    Trajectory.objects.filter(pk=ended.pk).update(status=Trajectory.Status.ENDED)
    mail.outbox.clear()
    call_command("send_reminders", "--now", verbosity=0)
    assert mail.outbox == []  # the cast's trajectory started today: its first evaluation is not due yet


def test_running_the_job_twice_on_one_day_sends_nobody_a_second_e_mail(trajectory, cast):
    more_trajectories(cast, 1)  # an overdue agreement owned by the mentor
    mail.outbox.clear()
    call_command("send_reminders", "--now", verbosity=0)
    reminded = sorted(m.to[0] for m in mail.outbox)
    assert reminded == sorted([cast.mentor.email, cast.coach.email])
    call_command("send_reminders", "--now", verbosity=0)  # a second server's cron, a rerun
    assert sorted(m.to[0] for m in mail.outbox) == reminded


def test_an_e_mail_that_failed_is_sent_when_the_job_runs_again(trajectory, cast, monkeypatch):
    from werkbrug.trajectories import tasks

    more_trajectories(cast, 1)
    mail.outbox.clear()

    def down(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(tasks, "send_mail", down)
    with pytest.raises(ConnectionRefusedError):
        call_command("send_reminders", "--now", verbosity=0)
    monkeypatch.undo()
    call_command("send_reminders", "--now", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.mentor.email, cast.coach.email])
