"""A trajectory's life: the progress review on one page, signing it, a pause, the end, the follow-ups and
the survey at the end."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from werkbrug.trajectories.models import Agreement, FollowUp, Outcome, SurveyAnswer, Trajectory
from werkbrug.trajectories.services import (
    Score,
    absence_record,
    agreement_add,
    checkin_record,
    evaluation_save,
    review_record,
    trajectory_end,
)

from ..factories import UserFactory, WorkplaceFactory, WorkplaceMentorFactory

TODAY = timezone.localdate
# The management form of the review's agreement rows (three rows, none saved yet).
ROWS = {"agreement-TOTAL_FORMS": "3", "agreement-INITIAL_FORMS": "0"}


def _days(n: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=n)


def _started_weeks_ago(trajectory: Trajectory, weeks: int = 6) -> Trajectory:
    """Move the trajectory's start back, so there is a past to review and to pause in."""
    shift = datetime.timedelta(weeks=weeks)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        starts_on=trajectory.starts_on - shift, next_review_on=trajectory.next_review_on - shift
    )
    trajectory.refresh_from_db()
    return trajectory


def _evaluate(trajectory, by, level: int) -> None:
    items = trajectory.plans.get().items.all()
    scores = [Score(competence_id=i.competence_id, level=level) for i in items]
    evaluation_save(trajectory=trajectory, by=by, scores=scores, submit=True)


def _url(name: str, trajectory) -> str:
    return reverse(f"trajectories:{name}", kwargs={"pk": trajectory.pk})


@pytest.fixture
def lived(cast, trajectory):
    """A trajectory six weeks in: the mentor and the coach far apart, a worried check-in, two days absent
    and an agreement overdue."""
    trajectory = _started_weeks_ago(trajectory)
    _evaluate(trajectory, cast.mentor, 3)
    _evaluate(trajectory, cast.coach, 1)
    checkin_record(
        trajectory=trajectory, by=cast.learner, feeling=1, learning=3, respected=2, note="Ik ben zo moe."
    )
    absence_record(
        trajectory=trajectory,
        by=cast.mentor,
        where="workplace",
        starts_on=_days(3),
        ends_on=_days(2),
        reason="illness",
    )
    agreement_add(
        trajectory=trajectory, by=cast.coach, action="Werkschoenen kopen", owner=cast.learner, due_on=_days(5)
    )
    return trajectory


def test_the_review_page_gathers_evaluations_checkins_absences_and_agreements(client, cast, lived):
    client.force_login(cast.coach)
    page = client.get(_url("review", lived)).content.decode()
    assert "The latest evaluations side by side" in page
    assert "2 levels apart" in page  # mentor 3, coach 1
    assert "Ik ben zo moe." in page and "Not good" in page
    assert "At the workplace: <strong>2 days</strong>" in page
    assert "Werkschoenen kopen" in page and "overdue since" in page


def test_the_mentor_reads_the_review_page_without_the_checkin_answers(client, cast, lived):
    client.force_login(cast.mentor)
    response = client.get(_url("review", lived))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 levels apart" in page  # the evaluations, yes
    assert "Ik ben zo moe." not in page
    assert "Check-ins since the last review" not in page
    assert "Not good" not in page


def test_the_review_says_when_it_is_overdue(client, cast, trajectory):
    Trajectory.objects.filter(pk=trajectory.pk).update(next_review_on=_days(3))
    client.force_login(cast.learner)
    assert "The review is overdue." in client.get(_url("review", trajectory)).content.decode()


def test_recording_a_review_plans_the_next_one_and_creates_its_agreements(client, cast, trajectory):
    client.force_login(cast.coach)
    due = TODAY() + datetime.timedelta(days=14)
    response = client.post(
        _url("review", trajectory),
        {
            "held_on": TODAY().isoformat(),
            "summary": "Goede start, nog onzeker bij de kassa.",
            **ROWS,
            "agreement-0-action": "Elke dag tien minuten aan de kassa",
            "agreement-0-owner": cast.mentor.pk,
            "agreement-0-due_on": due.isoformat(),
            "agreement-1-action": "Woordenlijst kassa leren",
            "agreement-1-owner": cast.learner.pk,
            "agreement-1-due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.next_review_on == TODAY() + datetime.timedelta(weeks=8)
    review = trajectory.reviews.get()
    assert review.summary == "Goede start, nog onzeker bij de kassa."
    decided = {(a.action, a.owner_id) for a in Agreement.objects.filter(review=review)}
    assert decided == {
        ("Elke dag tien minuten aan de kassa", cast.mentor.pk),
        ("Woordenlijst kassa leren", cast.learner.pk),
    }
    page = client.get(response.url).content.decode()
    assert "Elke dag tien minuten aan de kassa" in page


def test_a_decision_without_who_and_when_is_refused_next_to_the_field(client, cast, trajectory):
    client.force_login(cast.coach)
    response = client.post(
        _url("review", trajectory),
        {"held_on": TODAY().isoformat(), "summary": "Kort.", **ROWS, "agreement-0-action": "Iets afspreken"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_agreement-0-owner_error"' in page and "Choose who does it." in page
    assert "Choose by when." in page
    assert not trajectory.reviews.exists()


def test_only_the_coach_writes_a_review_down(client, cast, trajectory):
    client.force_login(cast.mentor)
    assert 'name="summary"' not in client.get(_url("review", trajectory)).content.decode()
    response = client.post(_url("review", trajectory), {"held_on": TODAY().isoformat(), "summary": "Nee."})
    assert response.status_code == 404
    assert not trajectory.reviews.exists()


def test_learner_parent_mentor_and_coach_sign_the_review(client, cast, trajectory):
    review = review_record(
        trajectory=trajectory, by=cast.coach, held_on=TODAY(), summary="Ok.", review_weeks=8
    )
    sign = reverse("trajectories:review_sign", kwargs={"pk": review.pk})
    for role in ("learner", "parent", "mentor", "coach"):
        client.force_login(getattr(cast, role))
        page = client.get(_url("review", trajectory)).content.decode()
        assert f'name="as" value="{role}"' in page
        response = client.post(sign, {"as": role})
        assert response.status_code == 302
        review.refresh_from_db()
        assert (review.signed_at is not None) == (role == "coach")  # signed once all four have
    page = client.get(_url("review", trajectory)).content.decode()
    assert "Signed by everyone." in page
    assert 'name="as"' not in page


def test_nobody_signs_in_someone_elses_part(client, cast, trajectory):
    review = review_record(
        trajectory=trajectory, by=cast.coach, held_on=TODAY(), summary="Ok.", review_weeks=8
    )
    client.force_login(cast.mentor)
    response = client.post(reverse("trajectories:review_sign", kwargs={"pk": review.pk}), {"as": "learner"})
    assert response.status_code == 404
    assert not review.signatures.exists()


def test_a_mentor_of_another_workplace_gets_not_found(client, cast, trajectory):
    other = UserFactory()
    WorkplaceMentorFactory(workplace=WorkplaceFactory(employer=cast.employer, site=cast.site), mentor=other)
    review = review_record(
        trajectory=trajectory, by=cast.coach, held_on=TODAY(), summary="Ok.", review_weeks=8
    )
    client.force_login(other)
    assert client.get(_url("review", trajectory)).status_code == 404
    response = client.post(reverse("trajectories:review_sign", kwargs={"pk": review.pk}), {"as": "mentor"})
    assert response.status_code == 404


def test_pausing_and_resuming_moves_the_planned_end_and_the_next_review(client, cast, trajectory):
    trajectory = _started_weeks_ago(trajectory)
    ends_on, next_review_on = trajectory.ends_on, trajectory.next_review_on
    client.force_login(cast.coach)
    response = client.post(
        _url("pause", trajectory), {"starts_on": _days(10).isoformat(), "reason": "illness", "note": ""}
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.PAUSED
    assert "Paused since" in client.get(_url("pause", trajectory)).content.decode()
    response = client.post(_url("resume", trajectory), {"on": TODAY().isoformat()}, follow=True)
    page = response.content.decode()
    assert "Its dates moved 10 days later." in page
    assert "The dates moved 10 days later" in page
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.ACTIVE
    assert trajectory.ends_on == ends_on + datetime.timedelta(days=10)
    assert trajectory.next_review_on == next_review_on + datetime.timedelta(days=10)


def _end_data(**changes) -> dict:
    data = {
        "ended_on": TODAY().isoformat(),
        "result": "left_early",
        "left_reason": "mismatch",
        "qualification": "none",
        "next_step": "seeking",
        "note": "",
    }
    return data | changes


def test_ending_early_with_a_reason_frees_the_place_and_plans_three_follow_ups(client, cast, trajectory):
    client.force_login(cast.coach)
    response = client.post(_url("end", trajectory), _end_data(), follow=True)
    assert response.status_code == 200
    outcome = Outcome.objects.get(trajectory=trajectory)
    assert outcome.result == "left_early" and outcome.left_reason == "mismatch"
    trajectory.application.refresh_from_db()
    assert trajectory.application.place_freed_at is not None
    assert list(trajectory.follow_ups.values_list("months", flat=True)) == [3, 6, 12]
    page = response.content.decode()
    assert "Learner and workplace did not fit" in page
    assert "After 12 months" in page


def test_ending_early_without_a_reason_is_refused_with_the_error_next_to_the_field(client, cast, trajectory):
    client.force_login(cast.coach)
    response = client.post(_url("end", trajectory), _end_data(left_reason=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_left_reason_error"' in page
    assert "Choose why the trajectory ended early." in page
    trajectory.refresh_from_db()
    assert trajectory.is_running


def test_the_end_form_offers_the_plans_competences(client, cast, trajectory):
    client.force_login(cast.coach)
    page = client.get(_url("end", trajectory)).content.decode()
    assert "OCC-3" in page and 'name="competences"' in page
    item = trajectory.plans.get().items.get(competence__code="GEN-1")
    client.post(
        _url("end", trajectory),
        _end_data(
            result="completed", left_reason="", qualification="partial", competences=[item.competence_id]
        ),
    )
    assert list(Outcome.objects.get().competences_obtained.values_list("code", flat=True)) == ["GEN-1"]


def _ended(cast, trajectory) -> Trajectory:
    trajectory_end(
        trajectory=trajectory, by=cast.coach, ended_on=TODAY(), result="completed", next_step="job_here"
    )
    return trajectory


def test_the_coach_records_a_follow_up(client, cast, trajectory):
    _ended(cast, trajectory)
    follow_up = trajectory.follow_ups.get(months=3)
    client.force_login(cast.coach)
    url = reverse("trajectories:follow_up", kwargs={"pk": follow_up.pk})
    response = client.post(
        url, {"done_on": TODAY().isoformat(), "situation": "working", "still_at_workplace": "yes", "note": ""}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.situation == FollowUp.Situation.WORKING and follow_up.still_at_workplace is True
    assert response.url == reverse("trajectories:end", kwargs={"pk": trajectory.pk})
    assert f"{TODAY():%-d %b %Y}: Working" in client.get(response.url).content.decode()


def test_the_survey_opens_after_the_end(client, cast, trajectory):
    client.force_login(cast.learner)
    page = client.get(_url("survey", trajectory)).content.decode()
    assert "The questions open when the trajectory has ended." in page
    assert (
        client.post(
            _url("survey", trajectory), {"placement": 5, "guidance": 5, "recommend": "yes"}
        ).status_code
        == 200
    )
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize("role", ["learner", "mentor"])
def test_the_learner_and_the_mentor_answer_the_survey_once(client, cast, trajectory, role):
    _ended(cast, trajectory)
    client.force_login(getattr(cast, role))
    page = client.get(_url("survey", trajectory)).content.decode()
    assert "Very happy" in page and 'name="recommend"' in page
    response = client.post(
        _url("survey", trajectory),
        {"placement": 4, "guidance": 5, "recommend": "yes", "comment": "Top"},
        follow=True,
    )
    assert "Thank you!" in response.content.decode()
    answer = SurveyAnswer.objects.get(trajectory=trajectory)
    assert (answer.role, answer.placement, answer.guidance, answer.recommend) == (role, 4, 5, True)
    again = client.post(_url("survey", trajectory), {"placement": 1, "guidance": 1, "recommend": "no"})
    assert "Thank you!" in again.content.decode()
    assert SurveyAnswer.objects.count() == 1


def test_a_survey_without_an_answer_says_what_is_missing(client, cast, trajectory):
    _ended(cast, trajectory)
    client.force_login(cast.learner)
    response = client.post(_url("survey", trajectory), {"placement": 4})
    page = response.content.decode()
    assert 'id="id_guidance_error"' in page and "Choose an answer." in page
    assert not SurveyAnswer.objects.exists()
