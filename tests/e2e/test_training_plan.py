"""The training plan in a real browser: the coach changes the drafted plan and signs it, the mentor signs it
on a phone, and the plan downloads as a PDF."""

import pytest
from playwright.sync_api import Page, expect

from werkbrug.trajectories.models import TrainingPlan

from ..trajectories.builders import running_trajectory
from .helpers import check_a11y, log_in, submit

PASSWORD = "een-goed-wachtwoord"


@pytest.fixture
def trajectory(transactional_db, cast):
    return running_trajectory(cast)


def test_the_coach_changes_and_signs_the_plan_and_the_mentor_signs_it_on_a_phone(
    live_server, trajectory, cast, new_page
) -> None:
    base = live_server.url
    desktop: Page = new_page("desktop")
    log_in(desktop, base, cast.coach.email, PASSWORD)
    check_a11y(desktop)
    submit(desktop, desktop.locator("main").get_by_role("link", name=cast.learner.full_name).first)
    check_a11y(desktop)
    submit(desktop, desktop.get_by_role("link", name="Opleidingsplan"))
    check_a11y(desktop)
    expect(desktop.locator("h1")).to_have_text("Opleidingsplan")
    submit(desktop, desktop.get_by_role("link", name="Plan aanpassen"))
    check_a11y(desktop)
    # OCC-3 is drafted at school (the workplace does not teach it); the mentor will teach it after all.
    line = desktop.locator("fieldset", has_text="Competentie OCC-3")
    line.get_by_label("Waar").select_option("workplace")
    desktop.get_by_label("Wat veranderde er, in een paar woorden").fill("OCC-3 leert Emre op de werkplek")
    submit(desktop, desktop.get_by_role("button", name="Bewaren als nieuwe versie"))
    check_a11y(desktop)
    expect(desktop.locator(".wb-messages")).to_contain_text("Versie 2 van het plan is bewaard")
    submit(desktop, desktop.get_by_role("button", name="Akkoord: teken als Trajectbegeleider"))
    check_a11y(desktop)
    expect(desktop.locator("#sign-title + ul")).to_contain_text(f"getekend door {cast.coach.full_name}")

    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="PDF in het Nederlands").click()
    assert download.value.suggested_filename.startswith("opleidingsplan-")
    assert download.value.suggested_filename.endswith("-v2.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    phone: Page = new_page("phone")
    log_in(phone, base, cast.mentor.email, PASSWORD)
    check_a11y(phone)
    submit(phone, phone.locator("main").get_by_role("link", name="Plan").first)
    check_a11y(phone)
    expect(phone.locator("main")).to_contain_text("OCC-3")
    submit(phone, phone.get_by_role("button", name="Akkoord: teken als Mentor"))
    check_a11y(phone)
    signed = set(
        TrainingPlan.objects.get(trajectory=trajectory, version=2).signatures.values_list(
            "signed_as", flat=True
        )
    )
    assert signed == {"coach", "mentor"}
