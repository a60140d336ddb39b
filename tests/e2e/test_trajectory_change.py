"""Changing how a trajectory is followed, in a real browser: on a phone the coach names a peer coach and
writes down the hours a week; on a desktop the coordinator renames a phase for the region."""

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


def test_the_coordinator_renames_a_phase_for_the_region(live_server, trajectory, cast, desktop: Page):
    base = live_server.url
    log_in(desktop, base, cast.coordinator.email, PASSWORD)
    check_a11y(desktop)
    submit(desktop, desktop.get_by_role("link", name="Fasen en ritme"))
    check_a11y(desktop)
    phase = desktop.get_by_role("group", name="Fase 2")
    phase.get_by_label("In het Nederlands").fill("Samen op de vloer")
    phase.get_by_label("In het Engels").fill("")
    submit(desktop, desktop.get_by_role("button", name="Bewaren"))
    check_a11y(desktop)  # the refusal, with what was typed kept
    expect(desktop.locator(".wb-error-summary")).to_contain_text("Geef fase 2 een naam.")
    expect(phase.get_by_label("In het Nederlands")).to_have_value("Samen op de vloer")
    phase.get_by_label("In het Engels").fill("Together on the floor")
    submit(desktop, desktop.get_by_role("button", name="Bewaren"))
    check_a11y(desktop)
    expect(desktop.locator(".wb-messages")).to_contain_text("De instellingen van de regio zijn bewaard.")
