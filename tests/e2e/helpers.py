"""What the browser tests share: an accessibility check, and logging in and out."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

DEMO_PASSWORD = "werkbrug-demo"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],  # only what fails: a faster run, the same verdict
}
_axe = Axe()


def track_navigations(page: Page) -> None:
    """Remember which documents the page showed, so a test cannot forget ``check_a11y`` on one."""
    page._wb_visited = []  # type: ignore[attr-defined]
    page._wb_checked = 0  # type: ignore[attr-defined]

    def on_navigated(frame) -> None:
        if frame == page.main_frame:
            page._wb_visited.append(frame.url)  # type: ignore[attr-defined]

    page.on("framenavigated", on_navigated)


def assert_every_page_checked(page: Page) -> None:
    visited = getattr(page, "_wb_visited", [])
    unchecked = visited[page._wb_checked :]  # type: ignore[attr-defined]
    assert not unchecked, f"pages shown without check_a11y afterwards: {unchecked}"


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            html = " ".join(node.get("html", "").split())
            lines.append(f"    at {target}: {html[:300]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


def check_a11y(page: Page) -> None:
    """Run axe-core (WCAG 2.0/2.1, A and AA) on the page as it is now; fail with a readable list."""
    page.wait_for_load_state("load")
    results = _axe.run(page, options=AXE_OPTIONS)
    page._wb_checked = len(getattr(page, "_wb_visited", []))  # type: ignore[attr-defined]
    if results.violations_count > 0:
        raise AssertionError(format_violations(page.url, results.response["violations"]))


def submit(page: Page, button: Locator) -> None:
    """Click a submit button and wait until the next page has loaded (also when its URL is the same)."""
    with page.expect_navigation(wait_until="load"):
        button.click()


def log_in(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(base_url + "/account/login/")
    check_a11y(page)
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit(page, page.locator("main form button[type=submit]"))
    expect(page).to_have_url(base_url + "/")


def logout_button(page: Page) -> Locator:
    return page.locator("#wb-menu form[action$='/account/logout/'] button[type=submit]")


def log_out(page: Page, base_url: str, name: str | None = None) -> None:
    """The Log out button in the header; on a phone it sits behind the "Menu" button.

    With ``name``, the button must also have that accessible name (checked once it is visible).
    """
    button = logout_button(page)
    if not button.is_visible():
        menu = page.locator("button[aria-controls='wb-menu']")
        expect(menu).to_be_visible()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        # Bootstrap slides the menu open; a click while it is still "collapsing" can be lost (the button
        # moves under the pointer), as a person would wait for it to stop moving, so does the test.
        expect(page.locator("#wb-menu")).to_have_class(re.compile(r"\bshow\b"))
    expect(button).to_be_visible()
    if name is not None:
        expect(button).to_have_accessible_name(name)
    submit(page, button)
    expect(page).to_have_url(base_url + "/account/login/")
