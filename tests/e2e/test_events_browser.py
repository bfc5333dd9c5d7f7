"""Real headless Chromium: HR creates an event, registers people, runs the assignment, moves one
meeting and publishes the timetable; then the postdoc reads their schedule on a phone-width page.
Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.runtime import Runtime
from models import Enterprise, Postdoc
from tests.e2e.conftest import SCREENSHOTS, Scene
from tests.e2e.test_browser import shot, sign_in

pytestmark = pytest.mark.browser


def _ids(runtime: Runtime) -> tuple[int, list[int]]:
    with runtime.session() as session:
        return session.scalars(select(Enterprise.id)).one(), list(session.scalars(select(Postdoc.id)))


def create_event(page: Any, base: str) -> str:
    """HR creates an event (4 slots, 2 tables) through the form; its page's URL."""
    page.goto(f"{base}/ui/events")
    page.fill("input[name=title]", "青岛产才对接会")
    page.fill("input[name=starts_at]", "2026-12-10T01:00")
    page.fill("input[name=slot_count]", "4")
    page.fill("input[name=table_count]", "2")
    page.click("form[action='/ui/events'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    return str(page.url)


def test_hr_schedules_an_event_and_the_postdoc_reads_it_on_a_phone(
    live_server: str, browser: Any, scene: Scene, runtime: Runtime
) -> None:
    enterprise, postdocs = _ids(runtime)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server, scene.hr)
    event_url = create_event(page, live_server)
    page.click("[data-testid=to-registration]")
    page.wait_for_load_state("networkidle")
    for field, value in [("enterprise_id", enterprise), *(("postdoc_id", p) for p in postdocs)]:
        page.fill(f"input[name={field}]", str(value))
        page.click("form[action$='/register'] button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=participants] tbody tr").count() == 1 + len(postdocs)

    page.click("[data-testid=run-solver]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=diagnosis-ok]").is_visible()
    cells = page.locator("td.meeting")
    assert cells.count() == len(postdocs)  # one enterprise table, one meeting each
    shot(page, "20-event-timetable.png")

    first = cells.first
    meeting = first.get_attribute("data-meeting")
    taken = {c.get_attribute("data-meeting") for c in cells.all()}
    slot = int(first.locator("select[name=slot]").input_value())
    table = 1 - int(first.locator("select[name=table]").input_value())  # the same slot, other table
    first.locator("select[name=table]").select_option(str(table))
    first.locator("form.move button").click()
    page.wait_for_load_state("networkidle")
    moved = page.locator(f"td[data-meeting='{meeting}']")
    assert "locked" in (moved.get_attribute("class") or "")
    assert {c.get_attribute("data-meeting") for c in page.locator("td.meeting").all()} == taken
    assert moved.locator("select[name=slot]").input_value() == str(slot)
    page.click("[data-testid=to-scheduled]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=event-status]").get_attribute("data-status") == "scheduled"
    shot(page, "21-event-published.png")
    page.close()

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(phone, live_server, scene.postdoc)
    phone.goto(f"{event_url}")  # a participant is sent to its own page
    phone.wait_for_load_state("networkidle")
    assert phone.url == f"{event_url}/mine"
    schedule = phone.locator("[data-testid=my-schedule]")
    assert schedule.locator("li").count() == 1
    assert "青岛海工装备有限公司" in schedule.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot(path=str(SCREENSHOTS / "22-event-schedule-phone.png"), full_page=True)
