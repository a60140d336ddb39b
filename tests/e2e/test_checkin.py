"""The learner's weekly check-in on a phone, and the coach who sees the wish to talk at the desk, and where
mentor and learner disagree."""

import pytest
from playwright.sync_api import Page, expect

from tests.trajectories.builders import running_trajectory
from werkbrug.trajectories import progress
from werkbrug.trajectories.models import CheckIn
from werkbrug.trajectories.services import Score, evaluation_save

from .helpers import check_a11y, log_in, log_out, submit

PASSWORD = "een-lang-wachtwoord-voor-e2e"


@pytest.fixture
def trajectory(transactional_db, cast):
    """The cast's running trajectory; the learner and the coach log in with a known password."""
    for person in (cast.learner, cast.coach):
        person.set_password(PASSWORD)
        person.save()
    return running_trajectory(cast)


def test_the_learner_checks_in_on_a_phone_and_the_coach_sees_the_wish_to_talk(
    live_server, trajectory, cast, new_page
) -> None:
    base = live_server.url
    page: Page = new_page("phone")
    log_in(page, base, cast.learner.email, PASSWORD)
    page.goto(f"{base}/trajectories/{trajectory.pk}/check-in/")
    check_a11y(page)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#checked-in")).to_have_count(0)

    # One tap on a face per question (the face and its words are the radio button's label).
    for question, face in (("feeling", 1), ("learning", 2), ("respected", 3)):
        label = page.locator(f"label[for=id_{question}_{face}]")
        expect(label).to_be_visible()
        box = label.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44  # big enough for a thumb
        label.tap()
        expect(page.locator(f"#id_{question}_{face}")).to_be_checked()
    page.locator("label[for=id_wants_contact]").tap()
    expect(page.locator("#id_wants_contact")).to_be_checked()
    # Nothing runs off the side of a 360 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    submit(page, page.locator("main form button[type=submit]"))
    check_a11y(page)

    expect(page.locator(".wb-messages .alert-success")).to_be_visible()
    expect(page.locator("#checked-in")).to_be_visible()
    expect(page.locator("#id_feeling_1")).to_be_checked()  # the form shows this week's answers
    checkin = CheckIn.objects.get(trajectory=trajectory)
    assert (checkin.feeling, checkin.learning, checkin.respected, checkin.wants_contact) == (2, 3, 4, True)
    log_out(page, base)
    check_a11y(page)

    # The mentor sees every competence at level 1; the learner sees one of them at level 3.
    items = progress.plan_items(progress.current_plan(trajectory))
    mentor_scores = [Score(i.competence_id, 1) for i in items]
    learner_scores = [Score(i.competence_id, 3 if n == 0 else 1) for n, i in enumerate(items)]
    evaluation_save(trajectory=trajectory, by=cast.mentor, scores=mentor_scores, submit=True)
    evaluation_save(trajectory=trajectory, by=cast.learner, scores=learner_scores, submit=True)

    # The coach starts from the caseload on the home page: the learner wants to talk.
    desk: Page = new_page("desktop")
    log_in(desk, base, cast.coach.email, PASSWORD)
    check_a11y(desk)
    row = desk.locator(".wb-caseload > li", has_text=cast.learner.full_name)
    expect(row.locator(".wb-flag")).to_be_visible()
    submit(desk, row.get_by_role("link", name=cast.learner.full_name))
    check_a11y(desk)
    expect(desk.locator("main .alert-warning").first).to_contain_text("wil met je praten")
    submit(desk, desk.get_by_role("link", name="Lees de check-in"))
    check_a11y(desk)
    wishes = desk.locator(".wb-checkins > li .wb-wish")
    expect(wishes).to_have_count(1)
    expect(wishes.first).to_be_visible()
    expect(desk.locator(".wb-checkins > li .wb-badge-new")).to_have_count(1)

    # Where mentor and learner are two levels apart, the progress page says so.
    desk.goto(f"{base}/trajectories/{trajectory.pk}/evaluations/")
    check_a11y(desk)
    expect(desk.locator("main")).to_contain_text("1 competentie om over te praten")
    expect(desk.locator("main")).to_contain_text("2 niveaus of meer verschil")
