"""Changing a trajectory's people and terms in a real browser: on a phone, the coach names a peer coach and
writes down the hours a week; the trajectory shows them and the change is kept."""

import pytest
from playwright.sync_api import Page, expect

from ..trajectories.builders import running_trajectory
from .helpers import check_a11y, log_in, submit

PASSWORD = "een-goed-wachtwoord"


@pytest.fixture
def trajectory(transactional_db, cast):
    return running_trajectory(cast)


def test_the_coach_names_a_peer_coach_and_the_hours_on_a_phone(live_server, trajectory, cast, phone: Page):
    base = live_server.url
    log_in(phone, base, cast.coach.email, PASSWORD)
    check_a11y(phone)
    phone.goto(f"{base}/trajectories/{trajectory.pk}/")
    check_a11y(phone)
    submit(phone, phone.get_by_role("link", name="Personen en afspraken wijzigen"))
    check_a11y(phone)
    phone.get_by_label("Peercoach").select_option(label=cast.peer_coach.full_name)
    phone.get_by_label("Uren per week op de werkplek").fill("24")
    phone.get_by_label("Uren per week op school").fill("12")
    phone.get_by_label("Waarom").fill("Een leerling van het laatste jaar helpt mee.")
    submit(phone, phone.get_by_role("button", name="Wijzigingen bewaren"))
    check_a11y(phone)
    expect(phone.locator(".wb-messages")).to_contain_text("De wijzigingen zijn bewaard.")
    people = phone.locator(".wb-people")
    expect(people).to_contain_text(cast.peer_coach.full_name)
    expect(people).to_contain_text("24 uur op de werkplek, 12 uur op school")

    submit(phone, phone.get_by_role("link", name="Personen en afspraken wijzigen"))
    check_a11y(phone)
    history = phone.locator("#history-title + ul")
    expect(history).to_contain_text(cast.peer_coach.full_name)
    expect(history).to_contain_text("Een leerling van het laatste jaar helpt mee.")
