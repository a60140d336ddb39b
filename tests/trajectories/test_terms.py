"""Changing who follows a trajectory and its terms: a new mentor takes over the open agreements, a peer
coach is named, the hours a week are written down; the people newly named get an e-mail, every change is
kept with what it was, and a change that is refused loses nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from werkbrug.people.models import Role
from werkbrug.trajectories.models import Agreement, Trajectory, TrajectoryChange
from werkbrug.trajectories.services import (
    TrajectoryError,
    agreement_add,
    candidates,
    trajectory_change,
    trajectory_end,
)

from ..factories import MembershipFactory, UserFactory, WorkplaceMentorFactory

TODAY = timezone.localdate


def _url(name: str, trajectory: Trajectory) -> str:
    return reverse(f"trajectories:{name}", kwargs={"pk": trajectory.pk})


def _form(trajectory: Trajectory, **changes) -> dict:
    """The form as the page fills it in for `trajectory`, with `changes` typed over it."""
    data = {
        "mentor": trajectory.mentor_id,
        "coach": trajectory.coach_id,
        "peer_coach": trajectory.peer_coach_id or "",
        "jobhunter": trajectory.jobhunter_id or "",
        "ends_on": trajectory.ends_on.isoformat(),
        "agreement_type": trajectory.agreement_type,
        "workplace_days": str(trajectory.workplace_days),
        "school_days": str(trajectory.school_days),
        "workplace_hours": "",
        "school_hours": "",
        "note": "",
    }
    return data | {k: ("" if v is None else v) for k, v in changes.items()}


@pytest.fixture
def new_mentor(cast):
    """A second mentor of the cast's workplace."""
    mentor = UserFactory(full_name="Tom Claes")
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=mentor)
    return mentor


def test_the_coach_names_a_new_mentor_and_a_peer_coach_who_are_told_by_e_mail(
    client, cast, trajectory, new_mentor, mailoutbox, django_capture_on_commit_callbacks
):
    old_mentor = trajectory.mentor
    agreement_add(
        trajectory=trajectory,
        by=cast.coach,
        action="Veiligheidsinstructie geven",
        owner=old_mentor,
        due_on=TODAY() + datetime.timedelta(days=7),
    )
    client.force_login(cast.coach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("change", trajectory),
            _form(
                trajectory,
                mentor=new_mentor.pk,
                peer_coach=cast.peer_coach.pk,
                note="De vorige mentor werkt nu in een andere vestiging.",
            ),
            follow=True,
        )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == _url("detail", trajectory)
    assert "The changes are saved. The 2 people newly named get an e-mail." in page
    assert "1 open agreement went to the new person." in page
    trajectory.refresh_from_db()
    assert (trajectory.mentor, trajectory.peer_coach) == (new_mentor, cast.peer_coach)
    assert Agreement.objects.get(action="Veiligheidsinstructie geven").owner == new_mentor
    # The people newly named; the learner and, for a minor, the parent hear who the new mentor is.
    readers = [new_mentor, cast.peer_coach, cast.learner, cast.parent]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in readers)
    mail = {m.to[0]: m for m in mailoutbox}
    assert "named you mentor of" in mail[new_mentor.email].body
    assert "De vorige mentor werkt nu in een andere vestiging." in mail[new_mentor.email].body
    assert _url("detail", trajectory) in mail[new_mentor.email].body
    assert mail[cast.learner.email].subject == "You have a new mentor"
    assert "Your new mentor at Magazijnmedewerker is Tom Claes." in mail[cast.learner.email].body
    assert new_mentor.email in mail[cast.learner.email].body
    assert "The new mentor of " in mail[cast.parent.email].body

    history = client.get(_url("change", trajectory)).content.decode()
    assert f'{old_mentor.full_name} <span aria-hidden="true">→</span>' in history
    assert "Tom Claes" in history
    assert "1 open agreement handed over." in history
    assert "Changed: mentor, peer coach" in client.get(_url("timeline", trajectory)).content.decode()


def test_the_hours_a_week_show_on_the_trajectory_once_written_down(client, cast, trajectory):
    client.force_login(cast.coach)
    client.post(
        _url("change", trajectory),
        _form(trajectory, workplace_days="4", school_days="1", workplace_hours="30", school_hours="7"),
    )
    page = client.get(_url("detail", trajectory)).content.decode()
    assert "4 at the workplace, 1 at school" in page
    assert "30 hours at the workplace, 7 hours at school" in page
    change = TrajectoryChange.objects.get(trajectory=trajectory)
    assert change.changes == {
        "workplace_days": ["3", "4"],
        "school_days": ["2", "1"],
        "workplace_hours": [None, 30],
        "school_hours": [None, 7],
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Nothing was changed."),
        ({"workplace_days": "5", "school_days": "3"}, "add up to more than a week"),
        ({"workplace_hours": "40", "school_hours": "30"}, "The hours add up to more than 60 a week."),
        ({"ends_on": (TODAY() - datetime.timedelta(days=1)).isoformat()}, "To stop now, end the trajectory."),
    ],
    ids=["unchanged", "days", "hours", "end-in-the-past"],
)
def test_a_refused_change_says_why_changes_nothing_and_keeps_what_was_typed(
    client, cast, trajectory, changes, message
):
    before = Trajectory.objects.values().get(pk=trajectory.pk)
    client.force_login(cast.coach)
    response = client.post(_url("change", trajectory), _form(trajectory, note="Mijn uitleg", **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Mijn uitleg" in page  # nothing typed is lost
    assert Trajectory.objects.values().get(pk=trajectory.pk) == before
    assert not TrajectoryChange.objects.exists()


def test_only_the_workplaces_mentors_and_the_schools_people_can_be_named(client, cast, trajectory):
    offered = candidates(trajectory)
    assert list(offered["mentor"]) == [cast.mentor]
    assert list(offered["coach"]) == [cast.coach]
    assert list(offered["peer_coach"]) == [cast.peer_coach]
    assert cast.jobhunter in offered["jobhunter"]  # the region's network hunts jobs for every school
    assert cast.other_coach not in offered["coach"]

    client.force_login(cast.coach)
    response = client.post(_url("change", trajectory), _form(trajectory, mentor=cast.outsider.pk))
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(TrajectoryError, match="cannot be named trajectory coach"):
        trajectory_change(trajectory=trajectory, by=cast.coach, coach=cast.other_coach)
    trajectory.refresh_from_db()
    assert (trajectory.mentor, trajectory.coach) == (cast.mentor, cast.coach)


def test_a_coach_who_left_the_school_stays_a_choice_until_someone_is_named_instead(cast, trajectory):
    membership = cast.coach.memberships.get(role=Role.COACH)
    membership.valid_to = TODAY() - datetime.timedelta(days=1)
    membership.save()
    successor = MembershipFactory(role=Role.COACH, organisation=cast.school).user
    assert set(candidates(trajectory)["coach"]) == {cast.coach, successor}
    trajectory_change(trajectory=trajectory, by=cast.school_admin, coach=successor)
    trajectory.refresh_from_db()
    assert list(candidates(trajectory)["coach"]) == [successor]
    assert trajectory.learner.coach == successor  # the learner is on the new coach's list too


def test_an_ended_trajectory_can_no_longer_be_changed(client, cast, trajectory):
    trajectory_end(
        trajectory=trajectory, by=cast.coach, ended_on=TODAY(), result="completed", next_step="job_here"
    )
    client.force_login(cast.coach)
    page = client.get(_url("change", trajectory)).content.decode()
    assert "it can no longer be changed" in page
    assert "Save the changes" not in page
    client.post(_url("change", trajectory), _form(trajectory, workplace_days="4", school_days="1"))
    trajectory.refresh_from_db()
    assert trajectory.workplace_days == 3
    with pytest.raises(TrajectoryError):
        trajectory_change(trajectory=trajectory, by=cast.coach, workplace_days=4)


def test_the_page_is_in_dutch_for_a_dutch_reader(client, cast, trajectory):
    client.force_login(cast.coach)
    page = client.get(_url("change", trajectory), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Personen en afspraken wijzigen" in page
