"""The HR workbench in headless Chromium at 1366×800 and 390×844, in Chinese and English: the
challenge list, the review table with a bulk approval of 30, error pages, a 300+ character
title that keeps the input, the expired-session round trip, drafts and profiles. Screenshots
go to test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import Factory
from tests.e2e.conftest import SCREENSHOTS, Scene
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth - window.innerWidth <= 0"))


def test_challenge_list_on_desktop_and_phone(
    live_server: str, browser: Any, scene: Scene, make: Factory
) -> None:
    ent = make.enterprise(name="黄海港务集团")["id"]
    for i in range(24):
        make.challenge(
            ent, title=f"港口自动化难题{i:02d}", description="港口 自动化", budget_cny=100_000 * (i + 1)
        )
    page = browser.new_page(viewport=DESKTOP)
    sign_in(page, live_server, scene.hr)
    page.click("[data-testid=all-challenges]")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server}/ui/challenges"
    assert "共 26 项" in page.locator("[data-testid=total]").inner_text()
    page.fill("input[name=q]", "焊缝")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "q=%E7%84%8A%E7%BC%9D" in page.url  # the filter is in the URL
    assert page.locator("tr[data-challenge]").count() == 1
    page.goto(f"{live_server}/ui/challenges?sort=budget")
    assert page.locator("tr[data-challenge] td.title-cell").first.inner_text() == "港口自动化难题23"
    shot(page, "10-challenge-list-desktop-zh.png")
    page.click("a[rel=next]")
    page.wait_for_load_state("networkidle")
    assert "page=2" in page.url and "sort=budget" in page.url
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/ui/challenges?sort=budget")
    assert no_sideways_scroll(page)
    shot(page, "11-challenge-list-phone-zh.png")
    page.goto(f"{live_server}/ui/challenges?sort=budget&lang=en")
    assert "Budget" in page.locator("form.filters").inner_text() and no_sideways_scroll(page)
    shot(page, "12-challenge-list-phone-en.png")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server}/ui/hr?lang=zh")
    assert no_sideways_scroll(page)
    shot(page, "13-hr-dashboard-desktop.png")
    page.set_viewport_size(PHONE)
    page.reload()
    assert no_sideways_scroll(page)
    shot(page, "14-hr-dashboard-phone.png")


def test_review_table_bulk_approves_thirty(
    live_server: str, browser: Any, scene: Scene, make: Factory
) -> None:
    for i in range(40):
        make.postdoc(name=f"候选人{i:02d}", research_interests=f"机器视觉 焊缝缺陷 检测 课题{i}")
    page = browser.new_page(viewport=DESKTOP)
    sign_in(page, live_server, scene.hr)
    page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/review")
    page.select_option("select[name=size]", "50")
    page.click("form[action$='/match-list/seed'] button")
    page.wait_for_load_state("networkidle")
    rows = page.locator("tr[data-entry]")
    assert rows.count() >= 40
    for i in range(30):
        rows.nth(i).locator("input[name=entry_ids]").check()
    page.fill("#bulk .bulk input[name=note]", "首轮批量通过")
    page.evaluate("window.notReloaded = true")
    page.click("#bulk .bulk button[value=approved]")
    page.wait_for_selector("tr[data-entry]:nth-child(30) [data-status=approved]")
    assert page.locator("tr[data-entry] [data-status=approved]").count() == 30
    assert page.evaluate("window.notReloaded === true")  # applied in place, no full reload
    shot(page, "15-review-table-bulk-approved-desktop.png")
    page.click("thead a:has-text('R2')")  # sort by the second requirement's coverage
    page.wait_for_load_state("networkidle")
    assert "sort=req1" in page.url
    last = page.locator("tr[data-entry]").last
    moved = last.get_attribute("data-entry")
    last.locator("input[name=position]").fill("1")
    last.locator("button:has-text('移动')").click()
    # a locator wait: wait_for_function evaluates a string, which the pages' CSP forbids
    expect(page.locator(f'tr[data-entry="{moved}"] td.pos')).to_have_text("1")
    page.fill("input[name=who]", "李青")
    page.click("#add-person button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=found] li").count() >= 1
    shot(page, "16-review-add-by-name.png")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/review?lang=en")
    assert no_sideways_scroll(page)  # the table scrolls inside its own box
    shot(page, "17-review-table-phone-en.png")
    page.locator("td.name-cell a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=profile]").is_visible() and no_sideways_scroll(page)
    shot(page, "18-candidate-profile-phone-en.png")


def test_review_table_works_without_javascript(live_server: str, browser: Any, scene: Scene) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, scene.hr)
    page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/review")
    page.click("form[action$='/match-list/seed'] button")
    page.wait_for_load_state("networkidle")
    page.locator("tr[data-entry] input[name=entry_ids]").first.check()
    page.click("#bulk .bulk button[value=shortlisted]")
    page.wait_for_load_state("networkidle")
    assert page.locator("tr[data-entry] [data-status=shortlisted]").count() == 1
    context.close()


def test_errors_keep_the_menu_and_what_was_typed(live_server: str, browser: Any, scene: Scene) -> None:
    page = browser.new_page(viewport=DESKTOP)
    sign_in(page, live_server, scene.enterprise)
    page.goto(f"{live_server}/ui/enterprise/new?lang=zh")
    long_title = "船体焊缝" * 80  # 320 characters
    page.fill("input[name=title]", long_title)
    page.fill("textarea[name=description]", "需要自动检测焊缝缺陷。")
    page.fill("input[name=budget]", "50")
    page.fill("input[name=deadline]", "2031-06-30")
    page.fill("input[name=contact]", "张工 0532-1234567")
    page.click("button[name=publish][value='1']")
    page.wait_for_load_state("networkidle")
    assert "最多 300 个字符" in page.locator("#err-title").inner_text()
    assert page.input_value("input[name=title]") == long_title
    assert page.input_value("input[name=contact]") == "张工 0532-1234567"
    shot(page, "19-long-title-kept-zh.png")
    page.fill("input[name=title]", "船体焊缝自动检测（草稿）")
    page.click("button.secondary[name=publish]")
    page.wait_for_load_state("networkidle")
    assert "榜额：50 万元" in page.locator("[data-testid=budget]").inner_text()
    assert "剩" in page.locator("[data-testid=deadline]").inner_text()
    shot(page, "20-draft-with-budget-deadline.png")
    page.click("form[action$='/publish'] button")
    page.wait_for_load_state("networkidle")
    assert "征集中" in page.locator("h1 .pill").inner_text()
    response = page.goto(f"{live_server}/ui/no-such-page")
    assert response.status == 404 and page.locator("header nav a[href='/ui/enterprise']").count() == 1
    shot(page, "21-error-404-zh.png")
    page.goto(f"{live_server}/ui/challenges/99999?lang=en")
    assert page.locator("h1").inner_text() == "Not found"
    page.set_viewport_size(PHONE)
    shot(page, "22-error-404-phone-en.png")


def test_expired_session_round_trip_keeps_the_proposal(live_server: str, browser: Any, scene: Scene) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, live_server, scene.postdoc)
    page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/apply")
    proposal = "团队已有焊缝缺陷数据集，三个月内交付样机。" * 20
    page.fill("textarea[name=proposal]", proposal)
    context.clear_cookies()  # the session expires while the person types
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "登录已过期" in page.locator("[data-testid=login-notice]").inner_text()
    shot(page, "23-session-expired-login-phone.png")
    page.fill("input[name=email]", scene.postdoc)
    page.fill("input[name=password]", "e2e-password-123")
    page.click("form[action='/ui/login'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.input_value("textarea[name=proposal]") == proposal
    shot(page, "24-session-resume-phone.png")
    page.click("[data-testid=resume] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("status").first.inner_text() == "申请已提交。"
    page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/apply")
    page.fill("textarea[name=proposal]", "第二次申请")
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "不能重复申请" in page.locator("[data-testid=form-error]").inner_text()
    assert page.input_value("textarea[name=proposal]") == "第二次申请"
    shot(page, "25-duplicate-application-phone.png")
    page.goto(f"{live_server}/ui/profile?lang=en")
    page.fill("textarea[name=research_interests]", "Weld seam inspection, machine vision")
    page.click("form[action='/ui/profile'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("status").first.inner_text() == "Saved."
    assert no_sideways_scroll(page)
    shot(page, "26-profile-edit-phone-en.png")
    context.close()
