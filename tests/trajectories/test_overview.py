"""The whole trajectory in view: where the learner stands (milestones, not the calendar), who did what, the
coach's caseload, the mentor's "today", every home page and the coordinator's list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from werkbrug.trajectories import progress
from werkbrug.trajectories.models import CheckIn, Trajectory
from werkbrug.trajectories.services import Score, checkin_record, evaluation_save

from .builders import more_trajectories


def _evaluate(trajectory, user, levels: dict[str, int]) -> None:
    """Hand in an evaluation: the level of each competence by code, 1 where not given."""
    items = progress.plan_items(progress.current_plan(trajectory))
    scores = [Score(i.competence_id, levels.get(i.competence.code, 1)) for i in items]
    evaluation_save(trajectory=trajectory, by=user, scores=scores, submit=True)


PHASE_1 = {"GEN-1": 3, "GEN-2": 3}  # the plan puts the two generic competences in phase 1, target 3


def test_a_phase_is_reached_when_mentor_and_coach_both_see_its_competences_at_target(trajectory, cast):
    _evaluate(trajectory, cast.mentor, PHASE_1)
    trajectory.refresh_from_db()
    assert trajectory.phase == 1  # the mentor alone does not move the learner on
    _evaluate(trajectory, cast.coach, {"GEN-1": 3, "GEN-2": 2})
    trajectory.refresh_from_db()
    assert trajectory.phase == 1  # one competence is still below its target for the coach
    _evaluate(trajectory, cast.coach, {**PHASE_1, "OCC-1": 4})
    trajectory.refresh_from_db()
    assert trajectory.phase == 2
    assert list(trajectory.phases_reached.values_list("number", flat=True)) == [1, 2]


def test_the_learner_s_own_view_does_not_decide_the_phase(trajectory, cast):
    _evaluate(trajectory, cast.learner, {code: 4 for code in ("GEN-1", "GEN-2", "OCC-1", "OCC-2")})
    trajectory.refresh_from_db()
    assert trajectory.phase == 1


def test_the_calendar_does_not_move_a_phase(trajectory, cast):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=300)
    )
    _evaluate(trajectory, cast.mentor, {})
    trajectory.refresh_from_db()
    assert trajectory.phase == 1


def test_the_overview_says_where_the_learner_stands_and_what_is_next(client, trajectory, cast):
    _evaluate(trajectory, cast.mentor, PHASE_1)
    _evaluate(trajectory, cast.coach, PHASE_1)
    client.force_login(cast.coach)
    page = client.get(reverse("trajectories:detail", args=[trajectory.pk])).content.decode()
    assert 'aria-current="step"' in page
    assert "Next: to finish “Together, in safety”" in page
    assert "<li>OCC-1 <small" in page  # what is still to go in phase 2
    assert "2 of 2 reached" in page  # phase 1 done


def test_a_region_renames_its_phases(client, trajectory, cast):
    cast.region.phase_names.create(number=2, name_nl="Samen doen", name_en="Doing it together")
    client.force_login(cast.coach)
    page = client.get(reverse("trajectories:plan", args=[trajectory.pk])).content.decode()
    assert "Phase 2: Doing it together" in page


def test_the_timeline_shows_who_did_what_and_hides_check_ins_from_the_mentor(client, trajectory, cast):
    _evaluate(trajectory, cast.mentor, PHASE_1)
    checkin_record(
        trajectory=trajectory, by=cast.learner, feeling=1, learning=1, respected=1, wants_contact=True
    )
    client.force_login(cast.coach)
    page = client.get(reverse("trajectories:timeline", args=[trajectory.pk])).content.decode()
    assert "Evaluation as Mentor" in page and cast.mentor.full_name in page
    assert "Check-in: wants to talk" in page
    client.force_login(cast.mentor)
    page = client.get(reverse("trajectories:timeline", args=[trajectory.pk])).content.decode()
    assert "Evaluation as Mentor" in page
    assert "Check-in" not in page


def test_the_coach_sees_when_someone_of_the_triad_goes_quiet(client, trajectory, cast):
    _evaluate(trajectory, cast.mentor, {})
    client.force_login(cast.coach)
    page = client.get(reverse("trajectories:detail", args=[trajectory.pk])).content.decode()
    assert page.count("nothing done here yet") == 2  # the learner and the coach; the mentor evaluated today
    assert "last active" in page


def test_the_caseload_puts_a_wish_to_talk_first_and_its_queries_do_not_grow(
    client, trajectory, cast, django_assert_max_num_queries
):
    client.force_login(cast.coach)
    more_trajectories(cast, 2)
    with django_assert_max_num_queries(12) as few:
        response = client.get(reverse("trajectories:caseload"))
    rows = list(response.context["page"])
    assert rows[0].wants_contact == 1 and rows[-1] == trajectory
    assert "wants to talk" in response.content.decode()
    more_trajectories(cast, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("trajectories:caseload"))
    assert len(response.context["page"]) == 23


def test_the_mentor_s_today_lists_whom_to_evaluate_who_wants_to_talk_and_what_is_due(
    client, trajectory, cast, django_assert_max_num_queries
):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=20)
    )
    more_trajectories(cast, 2)
    client.force_login(cast.mentor)
    with django_assert_max_num_queries(25) as few:
        response = client.get(reverse("home"))
    page = response.content.decode()
    assert f"Evaluate {trajectory.learner.user.full_name}" in page
    assert "Wants to talk to you" in page
    assert "Veiligheidsschoenen kopen" in page and "overdue since" in page
    more_trajectories(cast, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("home"))
    assert len(response.context["trajectories"]) == 18


def test_the_learner_home_shows_the_step_the_check_in_and_the_plan_to_sign(client, trajectory, cast):
    client.force_login(cast.learner)
    page = client.get(reverse("home")).content.decode()
    assert "You are in step 1 of 4" in page
    assert "How is it going? Check in" in page
    assert "Your plan is ready. Read it and sign." in page
    checkin_record(trajectory=trajectory, by=cast.learner, feeling=3, learning=3, respected=4)
    page = client.get(reverse("home")).content.decode()
    assert "You checked in this week." in page


def test_the_parent_home_shows_the_child_s_step_and_the_plan_to_sign(client, trajectory, cast):
    client.force_login(cast.parent)
    page = client.get(reverse("home")).content.decode()
    assert "Step 1 of 4" in page
    assert "The training plan waits for your signature." in page


@pytest.mark.parametrize("who", ["learner", "parent", "mentor", "coach"])
def test_an_overdue_review_shows_on_everyone_s_home_page(client, trajectory, cast, who):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        next_review_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(getattr(cast, who))
    assert "Progress review overdue" in client.get(reverse("home")).content.decode()


def test_the_coordinator_reads_the_region_s_trajectories_by_status_and_phase(client, trajectory, cast):
    more_trajectories(cast, 3)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Trajectory.Status.PAUSED)
    client.force_login(cast.coordinator)
    response = client.get(reverse("trajectories:list"))
    table = {label: total for _value, label, _phases, total in response.context["table"]}
    assert table == {"Running": 3, "Paused": 1, "Ended": 0}
    response = client.get(reverse("trajectories:list") + "?status=paused")
    assert list(response.context["page"]) == [trajectory]
    home = client.get(reverse("home")).content.decode()
    assert "3 learners asked to talk to their coach" in home


def test_another_school_s_coach_does_not_see_the_trajectory(client, trajectory, cast):
    client.force_login(cast.other_coach)
    assert client.get(reverse("trajectories:detail", args=[trajectory.pk])).status_code == 404
    assert trajectory not in client.get(reverse("trajectories:caseload")).context["page"]


def test_opening_the_trajectory_is_written_to_the_learner_s_read_log(client, trajectory, cast):
    client.force_login(cast.mentor)
    client.get(reverse("trajectories:detail", args=[trajectory.pk]))
    read = trajectory.learner.reads.get()
    assert (read.reader, read.reader_role, read.what) == (cast.mentor, "mentor", "Trajectory")


def test_a_check_in_is_one_per_week(trajectory, cast):
    checkin_record(trajectory=trajectory, by=cast.learner, feeling=1, learning=1, respected=1)
    checkin_record(trajectory=trajectory, by=cast.learner, feeling=4, learning=4, respected=4)
    assert CheckIn.objects.get(trajectory=trajectory).feeling == 4


def test_a_wish_to_talk_shows_on_the_trajectory_for_the_coach_and_the_mentor_answers_it(
    client, trajectory, cast
):
    checkin_record(
        trajectory=trajectory,
        by=cast.learner,
        feeling=2,
        learning=2,
        respected=2,
        wants_contact=True,
        wants_mentor=True,
    )
    url = reverse("trajectories:detail", args=[trajectory.pk])
    client.force_login(cast.coach)
    assert "wants to talk to you (check-in of the week of" in client.get(url).content.decode()
    client.force_login(cast.mentor)
    page = client.get(url).content.decode()
    assert "wants to talk to you." in page and "check-in of the week" not in page
    checkin = trajectory.checkins.get()
    client.post(reverse("trajectories:checkin_seen", args=[checkin.pk]), {"next": url})
    assert "Done: we talked" not in client.get(url).content.decode()


def test_erasing_a_learner_s_account_takes_the_trajectory_and_its_history_with_it(trajectory, cast):
    from werkbrug.trajectories.models import Evaluation, PlanSignature
    from werkbrug.trajectories.services import log_entry_add, plan_sign

    _evaluate(trajectory, cast.learner, {})
    _evaluate(trajectory, cast.mentor, {})
    plan_sign(plan=trajectory.plans.get(), as_role="learner", by=cast.learner)
    log_entry_add(trajectory=trajectory, by=cast.learner, text="Eerste dag")
    cast.learner.delete()
    assert not Trajectory.objects.filter(pk=trajectory.pk).exists()
    assert not Evaluation.objects.exists() and not PlanSignature.objects.exists()
    assert cast.mentor.__class__.objects.filter(pk=cast.mentor.pk).exists()  # the mentor stays


def test_after_the_end_the_coach_is_asked_for_the_follow_up_and_learner_and_mentor_for_the_survey(
    client, trajectory, cast
):
    from werkbrug.trajectories.services import survey_answer, trajectory_end

    today = timezone.localdate()
    Trajectory.objects.filter(pk=trajectory.pk).update(starts_on=today - datetime.timedelta(days=200))
    trajectory.refresh_from_db()
    trajectory_end(
        trajectory=trajectory,
        by=cast.coach,
        ended_on=today - datetime.timedelta(days=88),
        result="completed",
        next_step="job_here",
        job_offered=True,
        job_accepted=True,
    )
    client.force_login(cast.coach)
    page = client.get(reverse("home")).content.decode()
    assert "Follow-up after 3 months" in page and "Follow-up after 6 months" not in page
    # Ended 88 days ago: the survey is no longer asked for after 60 days.
    client.force_login(cast.learner)
    assert "Answer the short survey" not in client.get(reverse("home")).content.decode()
    trajectory.outcome.__class__.objects.filter(pk=trajectory.outcome.pk).update(ended_on=today)
    for who in (cast.learner, cast.mentor):
        client.force_login(who)
        assert "How did it go? Answer the short survey" in client.get(reverse("home")).content.decode()
    survey_answer(trajectory=trajectory, by=cast.mentor, placement=5, guidance=4, recommend=True)
    assert "Answer the short survey" not in client.get(reverse("home")).content.decode()
