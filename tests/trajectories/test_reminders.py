"""Daily e-mail reminders: whom to evaluate and which agreements are due, one e-mail per person."""

import datetime

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
