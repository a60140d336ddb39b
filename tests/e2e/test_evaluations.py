"""A mentor evaluates on a phone, one screen per phase, by tapping the levels; then reads it side by side."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from werkbrug.trajectories import progress
from werkbrug.trajectories.models import Evaluation

from ..trajectories.builders import running_trajectory
from .helpers import check_a11y, submit

PASSWORD = "mentor-op-de-werkvloer-1"


def log_in_to(page: Page, base: str, email: str, next_url: str) -> None:
    page.goto(f"{base}{reverse('login')}?next={next_url}")
    check_a11y(page)
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page, page.locator("main form button[type=submit]"))
    expect(page).to_have_url(base + next_url)


def fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_mentor_evaluates_on_a_phone_and_sees_it_side_by_side(
    live_server, transactional_db, cast, new_page
) -> None:
    trajectory = running_trajectory(cast)
    cast.mentor.set_password(PASSWORD)
    cast.mentor.save()
    items = progress.plan_items(progress.current_plan(trajectory))
    phases = sorted({i.phase for i in items})
    labels = {level.number: level.label_nl for level in cast.programme.rubric.levels.all()}
    base = live_server.url
    evaluations = reverse("trajectories:evaluations", kwargs={"pk": trajectory.pk})
    page: Page = new_page("phone")

    log_in_to(page, base, cast.mentor.email, evaluations)
    check_a11y(page)
    submit(page, page.locator("a.wb-evaluate-now"))
    check_a11y(page)

    def tap(item, level: int) -> None:
        option = page.locator(f"#q-{item.competence_id} label.wb-level").filter(has_text=labels[level])
        option.click()
        expect(option.locator("input")).to_be_checked()

    for number, phase in enumerate(phases, start=1):
        expect(page.locator(".wb-step-of")).to_contain_text(f"{number}")
        on_screen = [i for i in items if i.phase == phase]
        for item in on_screen:
            tap(item, item.target_level)
        assert fits_the_screen(page)
        if number == 1:
            page.locator(f"#q-{on_screen[0].competence_id} summary").click()
            page.locator(f"#comment-{on_screen[0].competence_id}").fill("Altijd op tijd")
        if number == 2:  # back to the first screen: what was tapped there is still chosen
            submit(page, page.locator("button[name=go][value=back]"))
            check_a11y(page)
            first = next(i for i in items if i.phase == phases[0])
            expect(page.locator(f"#level-{first.competence_id}-{first.target_level}")).to_be_checked()
            expect(page.locator(f"#comment-{first.competence_id}")).to_have_value("Altijd op tijd")
            submit(page, page.locator("button[name=go][value=next]"))
            check_a11y(page)
            expect(
                page.locator(f"#level-{on_screen[0].competence_id}-{on_screen[0].target_level}")
            ).to_be_checked()
        if number < len(phases):
            submit(page, page.locator("button[name=go][value=next]"))
            check_a11y(page)

    page.locator("#overall-comment").fill("Een sterke eerste maand.")
    submit(page, page.locator("button[name=go][value=hand_in]"))
    check_a11y(page)

    expect(page).to_have_url(base + evaluations)
    assert Evaluation.objects.get(trajectory=trajectory).submitted_at is not None
    main = page.locator("main")
    expect(main).to_contain_text("Een sterke eerste maand.")
    expect(main).to_contain_text("Altijd op tijd")
    expect(main).to_contain_text(cast.mentor.full_name)
    expect(page.locator(".wb-sbs")).to_have_count(len(items))
    expect(page.locator("svg.wb-chart polyline")).to_have_count(1)
    assert fits_the_screen(page)
