"""/docs in headless Chromium with every request outside this server refused: Swagger UI still
renders the API, and the page's policy blocks nothing it needs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_offline(live_server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    outside: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Jiebang" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-tag-section")
    assert page.locator(".opblock-tag-section").count() >= 10  # one section per API tag
    page.screenshot(path=str(SCREENSHOTS / "40-api-docs-offline.png"))
    assert outside == [] and refused == []
