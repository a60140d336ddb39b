"""Matching in a real browser: a coach proposes with reasons, the parent agrees, the employer accepts,
and a coordinator runs an allocation round and reads its report."""

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from playwright.sync_api import Page, expect

from werkbrug.demo.cast import COACH_EMAIL, COORDINATOR_EMAIL, DEMO_PASSWORD, LEARNER_EMAIL, PARENT_EMAIL
from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import Membership, Role
from werkbrug.placements.models import Application, Workplace

from .helpers import check_a11y, log_in, log_out, submit


def _employer_admin(workplace: Workplace) -> str:
    """An admin of the workplace's employer, who can log in with the demo password."""
    admin = (
        Membership.objects.filter(organisation=workplace.employer, role=Role.ORG_ADMIN)
        .select_related("user")
        .first()
        .user
    )
    admin.password = make_password(DEMO_PASSWORD)
    admin.save(update_fields=["password"])
    return admin.email


def test_coach_proposes_parent_agrees_employer_accepts(live_server, demo, new_page) -> None:
    base = live_server.url
    learner = LearnerProfile.objects.get(user__email=LEARNER_EMAIL)
    Application.objects.filter(learner=learner).delete()  # start from a learner nobody proposed yet
    desktop: Page = new_page("desktop")

    # The coach reads why each workplace fits and proposes the best one.
    log_in(desktop, base, COACH_EMAIL)
    desktop.goto(f"{base}/learners/{learner.pk}/")
    check_a11y(desktop)
    submit(desktop, desktop.get_by_role("link", name="Passende werkplekken"))
    check_a11y(desktop)
    first = desktop.locator("main ol.wb-list > li").first
    expect(first.locator(".wb-reasons li")).to_have_count(6)
    expect(first).to_contain_text("kerncompetenties")
    expect(first).to_contain_text("min")
    title = first.locator("h2 a").inner_text()
    submit(desktop, first.get_by_role("button", name="Voorstellen"))
    check_a11y(desktop)
    expect(desktop.locator("h1")).to_contain_text(title)
    application = Application.objects.get(learner=learner)
    log_out(desktop, base)
    check_a11y(desktop)

    # The learner is a minor: a parent agrees to the introduction, on a phone.
    phone: Page = new_page("phone")
    log_in(phone, base, PARENT_EMAIL)
    check_a11y(phone)
    submit(phone, phone.locator("main").get_by_role("link", name=title))
    check_a11y(phone)
    submit(phone, phone.get_by_role("button", name="Ja, ik wil kennismaken"))
    check_a11y(phone)
    log_out(phone, base)
    check_a11y(phone)

    # The employer now sees the name, plans the introduction and accepts: one place fewer.
    workplace = application.workplace
    log_in(desktop, base, _employer_admin(workplace))
    check_a11y(desktop)
    desktop.goto(f"{base}{workplace.get_absolute_url()}")
    check_a11y(desktop)
    places = desktop.locator(".wb-places").first
    before = places.inner_text()
    desktop.goto(f"{base}{application.get_absolute_url()}")
    check_a11y(desktop)
    expect(desktop.locator("h1")).to_contain_text(learner.user.full_name)
    day = timezone.localdate() + datetime.timedelta(days=2)
    desktop.get_by_label("Datum van de kennismaking").fill(day.isoformat())
    submit(desktop, desktop.get_by_role("button", name="Datum bewaren"))
    check_a11y(desktop)
    submit(desktop, desktop.get_by_role("button", name="Aanvaarden"))
    check_a11y(desktop)
    expect(desktop.locator("main")).to_contain_text("Aanvaard")
    desktop.goto(f"{base}{workplace.get_absolute_url()}")
    check_a11y(desktop)
    after = desktop.locator(".wb-places").first.inner_text()
    assert int(after.split(":")[-1].split()[0]) == int(before.split(":")[-1].split()[0]) + 1


def test_coordinator_runs_a_round_and_reads_its_report(live_server, demo, desktop: Page) -> None:
    base, page = live_server.url, desktop
    log_in(page, base, COORDINATOR_EMAIL)
    check_a11y(page)
    submit(page, page.locator("main").get_by_role("link", name="start een toewijzingsronde"))
    check_a11y(page)
    submit(page, page.get_by_role("button", name="Nieuwe ronde starten"))
    # The task runs in the test process (immediate backend); the page shows the finished round.
    expect(page.locator("main")).to_contain_text("Stabiel")
    check_a11y(page)
    expect(page.locator("main")).to_contain_text("Beste totale fit")
    expect(page.locator("main table").first).to_be_visible()
    submit(page, page.get_by_role("button", name="Voorstellen publiceren"))
    check_a11y(page)
    expect(page.locator("main")).to_contain_text("Gepubliceerd")
