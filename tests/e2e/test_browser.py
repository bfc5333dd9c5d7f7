"""Real headless Chromium against the running app: HR reviews and approves a match list, the
enterprise sees it, a postdoc reads the feed and applies with a team; screenshots are kept in
test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PASSWORD, SCREENSHOTS, Scene

pytestmark = pytest.mark.browser


def sign_in(page: Any, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/ui/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form[action='/ui/login'] button[type=submit]")
    page.wait_for_load_state("networkidle")


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_hr_reviews_and_approves_then_enterprise_sees_it(
    live_server: str, browser: Any, scene: Scene
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server, scene.hr, "wrong-password-1")
    assert page.get_by_role("alert").inner_text() == "邮箱或密码不正确。"
    shot(page, "00-login-wrong-password.png")

    sign_in(page, live_server, scene.hr)
    assert page.url == f"{live_server}/ui/hr"
    assert page.locator("b[data-status=open]").inner_text() == "2"
    shot(page, "01-hr-dashboard.png")

    page.click(f"a[href='/ui/challenges/{scene.challenge_id}/review']")
    page.wait_for_load_state("networkidle")
    assert page.locator("tr[data-entry]").count() == 0  # opening the page changes nothing
    page.click("form[action$='/match-list/seed'] button")
    page.wait_for_load_state("networkidle")
    first = page.locator("tr[data-entry]").first
    assert first.locator("td.name-cell a").inner_text() == scene.me_name  # the best fit is ranked first
    assert first.locator("td.cov").count() == 2  # one coverage cell per requirement
    shot(page, "02-review-match-list.png")

    teams = page.locator("section#teams")
    best = teams.locator("[data-testid=team]").first
    assert "推荐团队" in teams.locator("h2").inner_text()
    assert scene.me_name in best.locator("ul.members").inner_text()
    assert "负责：" in best.locator("ul.members").inner_text()
    assert "焊缝" in best.locator("ul.requirements").inner_text()
    assert best.locator("[data-testid=gaps]").is_visible()
    teams.scroll_into_view_if_needed()
    teams.screenshot(path=str(SCREENSHOTS / "02b-review-teams.png"))
    page.set_viewport_size({"width": 390, "height": 844})  # the review page on a phone
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    teams.screenshot(path=str(SCREENSHOTS / "02c-review-teams-phone.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.fill("#bulk .bulk input[name=note]", "论文与难题高度相关")
    first.locator("button[value=approved]").click()
    page.wait_for_selector("tr[data-entry]:first-child [data-status=approved]")  # applied in place
    first = page.locator("tr[data-entry]").first
    assert first.locator("[data-testid=status]").get_attribute("data-status") == "approved"
    assert first.locator("[data-testid=status]").inner_text() == "已批准"
    assert first.locator("td.name-cell span[title='论文与难题高度相关']").count() == 1
    page.reload()  # the audit trail below is not part of the in-place block
    assert "审核员\t审核决定" in page.locator("table.audit").inner_text()
    shot(page, "03-review-approved.png")

    ent = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(ent, live_server, scene.enterprise)
    ent.goto(f"{live_server}/ui/challenges/{scene.challenge_id}")
    approved = ent.locator("section.card").first.locator("ol li")
    assert approved.count() == 1 and scene.me_name in approved.inner_text()
    shot(ent, "04-enterprise-approved-list.png")
    # another enterprise's or a missing id: the same "not found"
    response = ent.goto(f"{live_server}/ui/challenges/99999")
    assert response.status == 404


def test_postdoc_reads_feed_and_applies_with_a_team(live_server: str, browser: Any, scene: Scene) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server, scene.postdoc)
    assert page.url == f"{live_server}/ui/feed"
    card = page.locator(f"li[data-challenge='{scene.challenge_id}']")
    assert scene.challenge_title in card.inner_text()
    assert "匹配依据" in card.inner_text()
    shot(page, "05-postdoc-feed.png")

    card.get_by_role("link", name="揭榜申请").click()
    page.wait_for_load_state("networkidle")
    page.fill("input[name=who]", "李青")  # the teammate, found by name
    page.click("button[name=find]")
    page.wait_for_load_state("networkidle")
    page.check("[data-testid=found-member] input[name=member_id]")
    page.fill("textarea[name=proposal]", "团队已有焊缝缺陷数据集和检测模型，三个月内交付样机。")
    shot(page, "06-application-form.png")
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("status").first.inner_text() == "申请已提交。"
    application = page.locator("section.application").first
    assert "王海 (已确认)" in application.inner_text() and "李青 (待确认)" in application.inner_text()
    shot(page, "07-application-sent.png")


def test_feed_on_a_phone_in_english(live_server: str, browser: Any, scene: Scene) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server}/ui/login?lang=en")
    assert page.locator("h1").inner_text() == "Sign in"
    sign_in(page, live_server, scene.postdoc)
    assert page.locator("h1").inner_text() == "Recommended"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot(page, "08-feed-phone-english.png")
    context.close()
