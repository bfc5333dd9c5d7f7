"""The admin's accounts pages in headless Chromium at 1366×800 and 390×844, in Chinese and
English: search, create an enterprise account (with an error kept by its field first), reset
its API key, deactivate and reactivate it. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from app.runtime import Runtime
from app.services.accounts import create_account
from models import Role
from tests.e2e.a11y import serious_violations
from tests.e2e.conftest import PASSWORD, SCREENSHOTS, Scene
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}
TEXT = {
    "zh": {"created": "账号已创建。", "short": "至少 10 个字符", "off": "已停用", "on": "启用"},
    "en": {
        "created": "Account created.",
        "short": "at least 10 characters",
        "off": "deactivated",
        "on": "active",
    },
}


@pytest.fixture
def admin(runtime: Runtime, scene: Scene) -> str:
    with runtime.session() as session:
        create_account(session, email="admin@e2e.cn", name="管理员", role=Role.admin, password=PASSWORD)
    return "admin@e2e.cn"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth - window.innerWidth <= 0"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_admin_creates_resets_and_deactivates_an_account(
    live_server: str, browser: Any, scene: Scene, admin: str, size: str, lang: str
) -> None:
    text, tag = TEXT[lang], f"{size}-{lang}"
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    sign_in(page, live_server, admin)
    page.goto(f"{live_server}/ui/hr?lang={lang}")
    page.click("header nav a[href='/ui/accounts']")
    page.wait_for_load_state("networkidle")
    # the fixtures' API admin, hr, postdoc, enterprise and this admin
    assert page.locator("tr[data-account]").count() == 5
    page.fill("form.filters input[name=q]", "e2e.cn")
    page.select_option("form.filters select[name=role]", "enterprise")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "role=enterprise" in page.url and page.locator("tr[data-account]").count() == 1
    assert fits(page)
    shot(page, f"30-accounts-list-{tag}.png")

    form = page.locator("#new-account form")
    form.locator("input[name=email]").fill("ops@haigong.cn")
    form.locator("input[name=name]").fill("海工运维")
    form.locator("select[name=role]").select_option("enterprise")
    form.locator("select[name=enterprise_id]").select_option(label="青岛海工装备有限公司")
    form.locator("input[name=password]").fill("short")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert text["short"] in page.locator("#err-password").inner_text()
    assert page.input_value("#new-account input[name=name]") == "海工运维"  # kept
    assert (
        page.locator("#new-account select[name=enterprise_id] option:checked").inner_text()
        == "青岛海工装备有限公司"
    )
    assert serious_violations(page) == [] and fits(page)
    page.locator("#err-password").scroll_into_view_if_needed()
    shot(page, f"31-accounts-form-error-{tag}.png")
    page.fill("#new-account input[name=password]", "a-long-password-1")
    page.click("#new-account button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("status").first.inner_text() == text["created"]

    page.click("#api-keys form[action$='/reset'] button")
    page.wait_for_load_state("networkidle")
    token = page.locator("[data-testid=new-token]").inner_text()
    assert token.startswith("jb_") and page.locator("tr[data-key]").count() == 1
    assert fits(page)
    shot(page, f"32-account-new-key-{tag}.png")
    me = {"Authorization": f"Bearer {token}"}
    for pill, status in ((text["off"], 401), (text["on"], 200)):  # deactivate, then reactivate
        page.click("form[action$='/active'] button")
        page.wait_for_load_state("networkidle")
        assert page.locator("h1 .pill").inner_text() == pill
        assert page.request.get(f"{live_server}/accounts/me", headers=me).status == status
    assert serious_violations(page) == []
    shot(page, f"33-account-page-{tag}.png")
    context.close()
