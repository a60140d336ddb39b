"""Journeys of the region's data: a profile imported after a dry run, a learner added, a workplace added."""

from playwright.sync_api import Page, expect

from .helpers import check_a11y, log_in, submit

GOOD_PROFILE = (
    "framework,competence,core,weight,target_level\n"
    "werkbrug-start,LOG-01,yes,3,4\n"
    "werkbrug-start,LOG-03,yes,3,4\n"
    "werkbrug-start,GEN-01,yes,2,4\n"
    "werkbrug-start,TAAL-01,no,1,3\n"
)
BAD_PROFILE = GOOD_PROFILE + "werkbrug-start,BESTAAT-NIET,yes,1,3\n"


def _upload(page: Page, name: str, text: str) -> None:
    page.locator("main input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}
    )


def test_coordinator_checks_a_profile_then_imports_it(live_server, demo, desktop: Page) -> None:
    base, page = live_server.url, desktop
    log_in(page, base, "coordinator@werkbrug.test")
    check_a11y(page)
    programme = _programme("Campus De Brug Genk")
    page.goto(f"{base}/organisations/programmes/{programme.pk}/")
    check_a11y(page)
    submit(page, page.locator(f"main a[href='/organisations/programmes/{programme.pk}/import/']"))
    check_a11y(page)

    _upload(page, "profiel.csv", BAD_PROFILE)
    submit(page, page.locator("main form button[type=submit]").last)
    result = page.locator("#import-result")
    expect(result).to_contain_text("niets geïmporteerd")
    expect(result.locator("tbody tr")).to_have_count(1)
    expect(result.locator("tbody tr td").nth(1)).to_have_text("6")  # the line a person sees in the file
    check_a11y(page)
    assert _profile_codes(programme) != ["GEN-01", "LOG-01", "LOG-03", "TAAL-01"]

    _upload(page, "profiel.csv", GOOD_PROFILE)
    submit(page, page.locator("main form button[type=submit]").last)
    expect(result).to_contain_text("geen fouten")
    check_a11y(page)
    submit(page, page.get_by_role("button", name="Nu importeren"))
    expect(page).to_have_url(f"{base}/organisations/programmes/{programme.pk}/")
    expect(page.locator(".alert, [role=status], .wb-messages").first).to_contain_text("profiel.csv")
    expect(page.locator("main table tbody tr")).to_have_count(4)
    check_a11y(page)
    assert _profile_codes(programme) == ["GEN-01", "LOG-01", "LOG-03", "TAAL-01"]


def test_coach_adds_a_learner_on_a_phone(live_server, demo, phone: Page) -> None:
    base, page = live_server.url, phone
    log_in(page, base, "coach@werkbrug.test")
    check_a11y(page)
    submit(page, page.locator("main a[href='/learners/add/']").first)
    check_a11y(page)
    page.locator("input[name=email]").fill("nieuwe.leerling@example.org")
    page.locator("input[name=full_name]").fill("Yasmine El Amrani")
    page.locator("select[name=programme]").select_option(index=1)
    page.locator("input[name=home_postcode]").fill("3600")  # unknown ones are refused, see below
    page.locator("input[name=mobility_modes][value=bike]").check()
    page.locator("input[name=mobility_modes][value=public_transport]").check()
    page.locator("input[name=max_travel_minutes]").fill("40")
    page.locator("select[name=dutch_level]").select_option("A2")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Yasmine El Amrani")
    expect(page.locator("main")).to_contain_text("3600 Genk")
    check_a11y(page)


def test_employer_admin_adds_a_workplace_and_sees_its_travel_area(live_server, demo, desktop: Page) -> None:
    base, page = live_server.url, desktop
    log_in(page, base, "admin@werkbrug.test")
    check_a11y(page)
    submit(page, page.locator("main a[href='/register/workplaces/add/']").first)
    check_a11y(page)
    page.locator("select[name=site]").select_option(index=1)
    page.locator("input[name=title]").fill("Orderpicker nachtploeg")
    page.locator("textarea[name=description]").fill("Je pickt orders met een scanner en leert veilig werken.")
    page.locator("select[name=language_demand]").select_option("A2")
    page.locator("input[name=support_offered][value=job_coach]").check()
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Orderpicker nachtploeg")
    area = page.locator("#travel-area")
    expect(area.locator("svg circle").first).to_be_attached()
    expect(area.locator("dt").first).to_contain_text("15")
    expect(area).to_contain_text("schatting")
    check_a11y(page)
    submit(page, area.get_by_role("link", name="Bus of trein"))
    expect(page.locator("#travel-area a[aria-current=true]")).to_have_text("Bus of trein")
    check_a11y(page)


def _programme(school: str):
    from werkbrug.organisations.models import Programme

    return Programme.objects.filter(school__name=school).order_by("name").first()


def _profile_codes(programme) -> list[str]:
    return sorted(programme.profile.values_list("competence__code", flat=True))
