"""Journeys through werkbrug in a real browser, at phone and desktop width, with axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from .helpers import check_a11y, log_in, log_out, submit

DEMO_LOGINS = [
    "leerling@werkbrug.test",  # learner
    "ouder@werkbrug.test",  # parent
    "mentor@werkbrug.test",  # mentor
    "coach@werkbrug.test",  # coach
    "jobhunter@werkbrug.test",  # job hunter
    "peercoach@werkbrug.test",  # peer coach
    "coordinator@werkbrug.test",  # coordinator
    "admin@werkbrug.test",  # organisation admin
    "beheer@werkbrug.test",  # platform staff
]


@pytest.mark.parametrize("email", DEMO_LOGINS, ids=lambda e: e.split("@")[0])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_log_in_switch_to_english_and_log_out(live_server, demo, new_page, viewport: str, email: str) -> None:
    page: Page = new_page(viewport)
    base = live_server.url

    log_in(page, base, email)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Wat kan je hier doen?")
    check_a11y(page)

    submit(page, page.locator("footer").get_by_role("button", name="English", exact=True))
    expect(page).to_have_url(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("What can you do here?")
    check_a11y(page)

    if viewport == "phone":
        expect(page.get_by_role("button", name="Menu", exact=True)).to_be_visible()
    log_out(page, base, name="Log out")
    expect(page.locator("input[name=username]")).to_be_visible()
    check_a11y(page)


def test_coach_invites_a_mentor_who_accepts(live_server, demo, settings, phone: Page) -> None:
    settings.SITE_URL = live_server.url  # the link in the invitation points at this server
    base = live_server.url
    page = phone

    log_in(page, base, "coach@werkbrug.test")
    check_a11y(page)
    page.goto(base + "/people/invitations/new/")
    check_a11y(page)
    # Choosing the role refreshes the organisations (htmx): a mentor belongs to an employer.
    expect(page.locator("main select[name=organisation]")).to_have_value(str(_school_pk()))
    page.locator("main select[name=role]").select_option("mentor")
    organisations = page.locator("main select[name=organisation] option")
    expect(organisations.filter(has_text="Campus De Brug Genk")).to_have_count(0)
    expect(organisations.filter(has_text="Bakkerij Vandeweyer")).to_have_count(1)
    check_a11y(page)
    page.locator("main input[name=email]").fill("nieuwe.mentor@example.org")
    page.locator("main select[name=organisation]").select_option(label="Bakkerij Vandeweyer")
    submit(page, page.locator("main form button[type=submit]"))
    link_field = page.locator("#invite-link")
    expect(link_field).to_have_attribute("readonly", "")
    check_a11y(page)
    link = link_field.input_value()
    assert link.startswith(base + "/people/invite/"), link

    log_out(page, base)
    check_a11y(page)

    page.goto(link)
    check_a11y(page)
    expect(page.locator("main")).to_contain_text("nieuwe.mentor@example.org")
    page.locator("input[name=full_name]").fill("Nieuwe Mentor")
    page.locator("input[name=password]").fill("Een lange zin als wachtwoord")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page).to_have_url(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    check_a11y(page)


def test_learner_sees_that_the_coach_opened_the_file(live_server, demo, new_page) -> None:
    base = live_server.url

    coach = new_page("desktop")
    log_in(coach, base, "coach@werkbrug.test")
    check_a11y(coach)
    coach.get_by_role("link", name="Emre Yilmaz", exact=True).click()
    expect(coach).to_have_url(f"{base}/learners/{_learner_pk()}/")
    expect(coach.get_by_role("heading", level=1)).to_have_text("Emre Yilmaz")
    check_a11y(coach)

    learner = new_page("phone")
    log_in(learner, base, "leerling@werkbrug.test")
    check_a11y(learner)
    learner.get_by_role("link", name="Wie heeft mijn dossier bekeken").click()
    expect(learner).to_have_url(f"{base}/privacy/learners/{_learner_pk()}/reads/")
    check_a11y(learner)
    rows = learner.locator("main table tbody tr")
    expect(rows.filter(has_text="Sofie Claes")).to_have_count(1)


def _learner_pk() -> int:
    from werkbrug.learners.models import LearnerProfile

    return LearnerProfile.objects.get(user__email="leerling@werkbrug.test").pk


def _school_pk() -> int:
    from werkbrug.organisations.models import Organisation

    return Organisation.objects.get(name="Campus De Brug Genk").pk
