"""Webhooks and the delivery log in headless Chromium at 1366×800 and 390×844, in Chinese and
English: the enterprise reaches its webhooks page from the menu, gets an error by the field,
adds a webhook (the secret shown once), reads its delivery log and deletes the webhook; HR
reaches every enterprise's log from the menu and filters it. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.config import Settings
from app.runtime import Runtime
from tests.app.test_ui_webhooks import seed_delivery_log
from tests.conftest import make_settings
from tests.e2e.a11y import serious_violations
from tests.e2e.conftest import Scene
from tests.e2e.test_accounts_browser import SIZES, fits, shot
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.browser

TEXT = {
    "zh": {"private": "网址不能指向本机或内网地址。", "deleted": "Webhook 已删除", "failed": "已失败"},
    "en": {
        "private": "the URL may not point to a loopback or private network address",
        "deleted": "Webhook deleted",
        "failed": "failed",
    },
}


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """As the other browser tests, without the background sender: the log shows what was seeded."""
    return make_settings(tmp_path, database_url, team_gap_below=0.3, delivery_poll_s=0)


def clean(page: Any) -> None:
    assert serious_violations(page) == [] and fits(page), page.url


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_webhooks_and_their_delivery_log(
    live_server: str, browser: Any, runtime: Runtime, scene: Scene, size: str, lang: str
) -> None:
    text, tag = TEXT[lang], f"{size}-{lang}"
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    sign_in(page, live_server, scene.enterprise)
    page.goto(f"{live_server}/ui/enterprise?lang={lang}")
    page.click("header nav a[href$='/webhooks']")
    page.wait_for_load_state("networkidle")
    enterprise = int(page.url.split("/")[-2])
    page.fill("#webhook-url", "http://127.0.0.1:9/hook")
    page.click("#new-webhook button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#err-url").inner_text() == text["private"]
    clean(page)
    shot(page, f"40-webhook-form-error-{tag}.png")

    page.fill("#webhook-url", "https://erp.haigong.example.com/hooks/jiebang?source=programme")
    page.uncheck("input[name=events][value='match_list.approved']")
    page.click("#new-webhook button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=webhook-secret]").inner_text().startswith("whsec_")
    hook = int(page.locator("tr[data-webhook]").get_attribute("data-webhook"))
    clean(page)
    shot(page, f"41-webhook-created-{tag}.png")

    ids = seed_delivery_log(runtime, hook, enterprise, 23)
    page.goto(f"{live_server}/ui/enterprises/{enterprise}/webhooks")
    assert page.locator("[data-testid=webhook-secret]").count() == 0  # shown once
    assert page.locator("tr[data-delivery]").count() == 20
    clean(page)
    shot(page, f"42-webhook-delivery-log-{tag}.png")

    staff = browser.new_context(viewport=SIZES[size]).new_page()
    sign_in(staff, live_server, scene.hr)
    staff.goto(f"{live_server}/ui/hr?lang={lang}")
    staff.click("header nav a[href='/ui/deliveries']")
    staff.wait_for_load_state("networkidle")
    staff.select_option("select[name=status]", "failed")
    staff.click("form.filters button[type=submit]")
    staff.wait_for_load_state("networkidle")
    assert staff.locator("tr[data-delivery]").count() == 1
    assert staff.locator(f"tr[data-delivery='{ids[-2]}'] .pill").inner_text() == text["failed"]
    clean(staff)
    shot(staff, f"43-deliveries-staff-{tag}.png")
    staff.context.close()

    page.click(f"tr[data-webhook='{hook}'] button.danger")
    page.wait_for_load_state("networkidle")
    assert text["deleted"] in page.get_by_role("status").first.inner_text()
    assert page.locator("tr[data-webhook]").count() == 0 and page.locator("tr[data-delivery]").count() == 0
    context.close()
