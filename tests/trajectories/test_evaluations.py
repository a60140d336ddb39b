"""Evaluating a trajectory on the rubric, one phase per screen, and reading the three evaluations side by
side.

The cast's plan has six competences in four phases (GEN-1 and GEN-2 in phase 1, target 3), so an
evaluation takes four screens.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable

import pytest
from django.urls import reverse

from werkbrug.organisations.models import Organisation
from werkbrug.privacy.models import FileRead
from werkbrug.trajectories import charts, progress, services
from werkbrug.trajectories.models import Evaluation, PlanItem

from ..factories import OrganisationFactory, WorkplaceFactory, WorkplaceMentorFactory


def evaluate_url(trajectory, step: int | None = None) -> str:
    url = reverse("trajectories:evaluate", kwargs={"pk": trajectory.pk})
    return f"{url}?step={step}" if step else url


def evaluations_url(trajectory) -> str:
    return reverse("trajectories:evaluations", kwargs={"pk": trajectory.pk})


def screens(trajectory) -> list[list[PlanItem]]:
    """The plan's competences by phase: one screen each."""
    by_phase: dict[int, list[PlanItem]] = defaultdict(list)
    for item in progress.plan_items(progress.current_plan(trajectory)):
        by_phase[item.phase].append(item)
    return [by_phase[phase] for phase in sorted(by_phase)]


def by_code(trajectory) -> dict[str, PlanItem]:
    return {i.competence.code: i for i in progress.plan_items(progress.current_plan(trajectory))}


def post_screen(
    client, trajectory, number: int, levels: dict[PlanItem, int | None], go: str = "next", **extra
):
    data = {"step": number, "go": go, **extra}
    for item, level in levels.items():
        if level is not None:
            data[f"level-{item.competence_id}"] = level
    return client.post(evaluate_url(trajectory), data)


def evaluate_on_the_pages(client, trajectory, level_of: Callable[[PlanItem], int], comment: str = ""):
    """Go through every screen and hand in on the last."""
    all_screens = screens(trajectory)
    for number, items in enumerate(all_screens, start=1):
        last = number == len(all_screens)
        extra = {"comment": comment} if last else {}
        response = post_screen(
            client,
            trajectory,
            number,
            {i: level_of(i) for i in items},
            "hand_in" if last else "next",
            **extra,
        )
        assert response.status_code == 302
    return response


def hand_in(trajectory, user, level_of: Callable[[PlanItem], int]) -> Evaluation:
    items = progress.plan_items(progress.current_plan(trajectory))
    scores = [services.Score(i.competence_id, level_of(i)) for i in items]
    return services.evaluation_save(trajectory=trajectory, by=user, scores=scores, submit=True)


def cards(html: str) -> dict[str, str]:
    """Each competence card of the side-by-side page, by the competence's title."""
    found = {}
    for chunk in html.split('<li class="wb-sbs')[1:]:
        title = re.search(r'<h4 class="wb-sbs-title">([^<]+)</h4>', chunk)
        if title:
            found[title.group(1)] = chunk
    return found


def test_a_mentor_evaluates_screen_by_screen_and_the_draft_survives_leaving(client, cast, trajectory):
    client.force_login(cast.mentor)
    first = client.get(evaluate_url(trajectory))
    assert first.status_code == 200
    page = first.content.decode()
    assert "Step 1 of 4" in page
    assert "Phase 1: Getting to know each other" in page
    assert "With some help" in page and "Does most of the task alone" in page  # the rubric's level 3
    gen1, gen2 = screens(trajectory)[0]

    response = post_screen(
        client, trajectory, 1, {gen1: 3, gen2: 2}, **{f"comment-{gen1.competence_id}": "Punctueel"}
    )
    assert response.status_code == 302 and response.url == evaluate_url(trajectory, 2)
    assert "Step 2 of 4" in client.get(response.url).content.decode()

    # Called away: the evaluations page offers the draft, and the first screen shows what was chosen.
    assert "Continue your draft" in client.get(evaluations_url(trajectory)).content.decode()
    again = client.get(evaluate_url(trajectory, 1)).content.decode()
    assert f'id="level-{gen1.competence_id}-3" value="3" checked' in again
    assert f'id="level-{gen2.competence_id}-2" value="2" checked' in again
    assert "Punctueel" in again

    # Back keeps what the screen holds too.
    (occ1,) = screens(trajectory)[1]
    back = post_screen(client, trajectory, 2, {occ1: 2}, go="back")
    assert back.url == evaluate_url(trajectory, 1)
    for number, items in enumerate(screens(trajectory)[1:], start=2):
        go = "hand_in" if number == 4 else "next"
        response = post_screen(client, trajectory, number, {i: 2 for i in items}, go=go, comment="Goed bezig")
    assert response.url == evaluations_url(trajectory)

    evaluation = Evaluation.objects.get(trajectory=trajectory)
    assert evaluation.submitted_at is not None and evaluation.role == "mentor"
    assert evaluation.comment == "Goed bezig"
    assert {s.competence.code: s.level for s in evaluation.scores.all()} == {
        "GEN-1": 3,
        "GEN-2": 2,
        "OCC-1": 2,
        "OCC-2": 2,
        "OCC-3": 2,
        "OCC-4": 2,
    }
    done = client.get(response.url).content.decode()
    assert "Your evaluation is handed in" in done
    assert "Evaluate now" in done and "Continue your draft" not in done


def test_handing_in_with_a_level_missing_is_refused_and_nothing_typed_is_lost(client, cast, trajectory):
    client.force_login(cast.mentor)
    all_screens = screens(trajectory)
    gen1, gen2 = all_screens[0]
    post_screen(client, trajectory, 1, {gen1: 3, gen2: None})  # GEN-2 left open
    post_screen(client, trajectory, 2, {i: 2 for i in all_screens[1]})
    post_screen(client, trajectory, 3, {i: 2 for i in all_screens[2]})
    (occ4,) = all_screens[3]

    response = post_screen(
        client,
        trajectory,
        4,
        {occ4: None},
        go="hand_in",
        comment="Een goede maand",
        **{f"comment-{occ4.competence_id}": "Nog niet gezien"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Give a level for every competence (2 still open)." in page
    assert "Choose a level." in page  # next to OCC-4 on this screen
    assert f'href="{evaluate_url(trajectory, 1)}#q-{gen2.competence_id}"' in page  # the one on screen 1
    assert "Een goede maand" in page and "Nog niet gezien" in page
    assert not Evaluation.objects.filter(submitted_at__isnull=False).exists()
    draft = Evaluation.objects.get(trajectory=trajectory, submitted_at__isnull=True)
    assert draft.comment == "Een goede maand"
    assert draft.scores.count() == 4

    # Filling in the two and handing in again works.
    post_screen(client, trajectory, 1, {gen1: 3, gen2: 3})
    response = post_screen(client, trajectory, 4, {occ4: 1}, go="hand_in", comment="Een goede maand")
    assert response.status_code == 302
    assert Evaluation.objects.get(trajectory=trajectory).scores.count() == 6


def test_a_level_outside_the_rubric_is_refused_on_the_screen(client, cast, trajectory):
    client.force_login(cast.coach)
    gen1, gen2 = screens(trajectory)[0]
    response = post_screen(client, trajectory, 1, {gen1: 9, gen2: 2})
    assert response.status_code == 200
    assert "Choose a level of the rubric." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_handed_in_evaluation_appears_side_by_side(client, cast, trajectory):
    client.force_login(cast.mentor)
    evaluate_on_the_pages(client, trajectory, lambda i: 3, comment="Sterke start")
    client.force_login(cast.coach)

    response = client.get(evaluations_url(trajectory))

    page = response.content.decode()
    assert cast.mentor.full_name in page and "Sterke start" in page
    card = cards(page)["GEN-1"]
    assert "With some help" in card
    assert card.count("not evaluated") == 2  # the coach and the learner have not yet
    assert "Goal: level 3" in card
    assert "Evaluate now" in page  # the coach may evaluate too
    assert FileRead.objects.filter(reader=cast.coach, what="Evaluations").exists()


def test_two_levels_apart_is_highlighted_and_counted_one_level_is_not(client, cast, trajectory):
    mentor = {"GEN-1": 1, "GEN-2": 2}
    coach = {"GEN-1": 3, "GEN-2": 3}
    hand_in(trajectory, cast.mentor, lambda i: mentor.get(i.competence.code, 2))
    hand_in(trajectory, cast.coach, lambda i: coach.get(i.competence.code, 2))
    client.force_login(cast.parent)

    page = client.get(evaluations_url(trajectory)).content.decode()

    assert "1 competence to talk about" in page
    assert page.count("Differ by 2 levels or more") == 1
    shown = cards(page)
    assert "Differ by 2 levels or more" in shown["GEN-1"] and "wb-sbs-disagree" in shown["GEN-1"]
    assert "Differ by 2 levels or more" not in shown["GEN-2"]
    assert "Evaluate now" not in page  # a parent reads, does not evaluate


def test_a_learner_far_from_mentor_and_coach_counts_too(client, cast, trajectory):
    hand_in(trajectory, cast.mentor, lambda i: 1)
    hand_in(trajectory, cast.coach, lambda i: 1)
    hand_in(trajectory, cast.learner, lambda i: 4 if i.phase == 1 else 2)
    client.force_login(cast.learner)

    page = client.get(evaluations_url(trajectory)).content.decode()

    assert "2 competences to talk about" in page
    assert "My evaluations" in page and "<dt>You</dt>" in page


@pytest.mark.parametrize("coach_evaluates, phase", [(False, 1), (True, 2)])
def test_the_phase_moves_on_when_mentor_and_coach_see_phase_one_at_its_target(
    client, cast, trajectory, coach_evaluates, phase
):
    at_target = lambda i: i.target_level if i.phase == 1 else 1  # noqa: E731
    client.force_login(cast.mentor)
    evaluate_on_the_pages(client, trajectory, at_target)
    if coach_evaluates:
        client.force_login(cast.coach)
        evaluate_on_the_pages(client, trajectory, at_target)
    trajectory.refresh_from_db()
    assert trajectory.phase == phase
    page = client.get(evaluations_url(trajectory)).content.decode()
    assert ("Reached" in cards(page)["GEN-1"]) is coach_evaluates


def test_the_learner_reads_plain_words(client, cast, trajectory):
    client.force_login(cast.learner)
    page = client.get(evaluate_url(trajectory)).content.decode()
    assert "My evaluation" in page
    assert "How well can you do this?" in page
    assert "How well does" not in page
    gen1, gen2 = screens(trajectory)[0]
    post_screen(client, trajectory, 1, {gen1: 2, gen2: 2})
    assert Evaluation.objects.get().role == "learner"


def test_the_mentor_is_asked_about_the_learner(client, cast, trajectory):
    client.force_login(cast.mentor)
    page = client.get(evaluate_url(trajectory)).content.decode()
    assert f"How well does {cast.learner.get_short_name()} do this?" in page


def test_a_mentor_of_another_workplace_sees_neither_page(client, cast, trajectory):
    employer = OrganisationFactory(name="Garage Peeters", kind=Organisation.Kind.EMPLOYER, region=cast.region)
    other_mentor = WorkplaceMentorFactory(workplace=WorkplaceFactory(employer=employer)).mentor
    client.force_login(other_mentor)
    gen1, gen2 = screens(trajectory)[0]
    assert client.get(evaluations_url(trajectory)).status_code == 404
    assert client.get(evaluate_url(trajectory)).status_code == 404
    assert post_screen(client, trajectory, 1, {gen1: 2, gen2: 2}).status_code == 404
    assert not Evaluation.objects.exists()


def test_the_progress_chart_has_a_line_per_role_that_evaluated(client, cast, trajectory):
    hand_in(trajectory, cast.mentor, lambda i: 2)
    hand_in(trajectory, cast.coach, lambda i: 3)
    hand_in(trajectory, cast.mentor, lambda i: 3)
    client.force_login(cast.coach)

    page = client.get(evaluations_url(trajectory)).content.decode()

    svg = re.search(r'<svg class="wb-chart".*?</svg>', page, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<polyline") == 2
    assert (
        'data-series="mentor"' in svg and 'data-series="coach"' in svg and 'data-series="learner"' not in svg
    )
    figures = re.search(r'<details class="wb-figures">.*?</details>', page, re.S).group(0)
    assert figures.count("<tr>") == 1 + 3  # the header and one row per evaluation
    assert "<td>3.0</td>" in figures and "<td>2.0</td>" in figures


def test_no_chart_before_the_first_evaluation(client, cast, trajectory):
    client.force_login(cast.coach)
    page = client.get(evaluations_url(trajectory)).content.decode()
    assert "wb-chart" not in page
    assert "No evaluation has been handed in yet." in page


def test_side_by_side_queries_do_not_grow_with_the_evaluations(
    client, cast, trajectory, django_assert_max_num_queries
):
    people = [cast.mentor, cast.coach, cast.learner]
    client.force_login(cast.coach)

    def read_after(n: int) -> int:
        while (count := Evaluation.objects.count()) < n:
            hand_in(trajectory, people[count % 3], lambda i, c=count: 1 + (c + i.pk) % 4)
        # The session, the user and their active role (3); the trajectory and the coach's parts in it
        # (4); the read log (1); the plan, its lines, the phase names, the rubric and its levels (5); the
        # latest evaluations and their scores (2); the history and its scores (2); the list handed in (1);
        # whether a draft exists (1); the menu's roles (1); the session saved (3).
        with django_assert_max_num_queries(23) as queries:
            assert client.get(evaluations_url(trajectory)).status_code == 200
        return len(queries)

    assert read_after(3) == read_after(12)


def test_the_chart_escapes_its_texts_and_draws_one_day_in_the_middle():
    day = datetime.date(2025, 3, 3)
    chart = charts.progress_chart(
        [charts.Series("mentor", "<Mentor>", [(day, 2.5)])],
        levels=[1, 2, 3, 4],
        target=3,
        target_label="Goal & aim",
        title="Progress <over> time",
        desc="d",
        x_label="x",
        y_label="y",
        date_label=lambda on: on.isoformat(),
    )
    assert "Progress &lt;over&gt; time" in chart.svg and "Goal &amp; aim" in chart.svg
    assert "<Mentor>" not in chart.svg
    assert '<polyline points="195,' in chart.svg  # the middle of the plot: 44 + (360 - 44 - 14) / 2
    assert [entry.label for entry in chart.legend] == ["<Mentor>", "Goal & aim"]
