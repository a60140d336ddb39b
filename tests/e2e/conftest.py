"""Browser tests: a real Chromium (Debian's, never downloaded) against pytest-django's live server.

Every test in this folder is marked ``e2e``, so the ordinary ``pytest`` run (``-m 'not e2e'``) skips them;
``make e2e`` runs them.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from .helpers import assert_every_page_checked, track_navigations

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise refuse to work here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORTS = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
LOCALE = "nl-BE"
TIMEOUT_MS = 10_000
HERE = Path(__file__).resolve().parent
CALL_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.parent == HERE or HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (never `playwright install`)")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_page(request: pytest.FixtureRequest, browser, tmp_path: Path) -> Iterator[Callable[[str], object]]:
    """``new_page("phone")`` or ``new_page("desktop")``: a page in a fresh context, locale nl-BE.

    At the end of the test every page must have been checked with ``check_a11y`` after each navigation.
    When the test fails, a screenshot and the HTML of each page are kept in the test's ``tmp_path``.
    """
    contexts, pages = [], []

    def make(viewport: str):
        context = browser.new_context(locale=LOCALE, **VIEWPORTS[viewport])
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        track_navigations(page)
        pages.append(page)
        return page

    yield make
    try:
        if request.node.stash.get(CALL_FAILED, True):
            for number, page in enumerate(pages, start=1):
                _keep_evidence(page, tmp_path / f"page{number}")
        else:  # a failed test stops half-way: no second error about unchecked pages
            for page in pages:
                assert_every_page_checked(page)
    finally:
        for context in contexts:
            context.close()


def _keep_evidence(page, stem: Path) -> None:
    try:
        page.screenshot(path=f"{stem}.png", full_page=True, timeout=5_000)
        Path(f"{stem}.html").write_text(page.content())
        print(f"{page.url} -> {stem}.png, {stem}.html")
    except Exception as error:  # the evidence is a courtesy; never hide the real failure
        print(f"no evidence for {page.url}: {error}")


@pytest.fixture
def phone(new_page):
    return new_page("phone")


@pytest.fixture
def desktop(new_page):
    return new_page("desktop")


@pytest.fixture
def demo(transactional_db) -> None:
    """The demo region with one login per role (password for all: ``werkbrug-demo``)."""
    call_command("demo_region", verbosity=0)
