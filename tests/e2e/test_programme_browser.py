"""The programme pages in headless Chromium at 1366×800 and 390×844, in Chinese and English:
the dashboard's charts (drawn by the vendored Chart.js under the pages' CSP, and readable as
tables without a script), a team's coverage grid with a candidate's score bars, and the match
list downloaded as CSV and Excel and opened. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import Factory
from tests.e2e.conftest import SCREENSHOTS, Scene
from tests.e2e.test_browser import sign_in
from tests.e2e.test_workbench import DESKTOP, PHONE, no_sideways_scroll, shot

pytestmark = pytest.mark.browser

SIZES = {"desktop": DESKTOP, "phone": PHONE}


def _watch_console(page: Any) -> list[str]:
    """Errors the page logs (a CSP refusal is one) and scripts that fail."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _hr_page(browser: Any, live_server: str, scene: Scene, viewport: dict, **options: Any) -> Any:
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    sign_in(page, live_server, scene.hr)
    return page


def test_dashboard_charts_at_both_widths_and_languages(
    live_server: str, browser: Any, scene: Scene, make: Factory
) -> None:
    ent = make.enterprise(name="黄海生物医药有限公司")["id"]
    for i, sector in enumerate(
        ["biomedicine"] * 3 + ["electronics", "green_energy", "artificial_intelligence"]
    ):
        make.challenge(ent, title=f"项目难题{i}", description="技术攻关", sector=sector)
    for lang in ("zh", "en"):
        for size, viewport in SIZES.items():
            page = _hr_page(browser, live_server, scene, viewport)
            errors = _watch_console(page)
            page.goto(f"{live_server}/ui/hr?lang={lang}")
            page.wait_for_selector("figure.drawn[data-testid=chart-month] canvas")
            assert page.locator("figure.drawn canvas").count() == 3 and errors == []
            for name in ("funnel", "sector", "month"):
                figure = page.locator(f"[data-testid=chart-{name}]")
                box = figure.locator("canvas").bounding_box()
                assert box and box["width"] > 250 and box["height"] > 100, (name, box)
                assert figure.locator("details.chart-data").get_attribute("open") is None  # folded
                assert figure.locator("tbody tr").count() == {"funnel": 4, "sector": 9, "month": 12}[name]
            tiles = page.locator("[data-testid=tiles] li")
            assert tiles.count() == 5
            assert tiles.first.inner_text().split("\n") == ["3", "博士后" if lang == "zh" else "postdocs"]
            assert page.locator("[data-tile=challenges] b").inner_text() == "8"
            assert no_sideways_scroll(page)
            shot(page, f"30-programme-dashboard-{size}-{lang}.png")
            page.context.close()


def test_dashboard_charts_without_javascript_are_tables_with_bars(
    live_server: str, browser: Any, scene: Scene
) -> None:
    page = _hr_page(browser, live_server, scene, PHONE, java_script_enabled=False)
    page.goto(f"{live_server}/ui/hr?lang=zh")
    funnel = page.locator("[data-testid=chart-funnel]")
    assert funnel.locator("canvas").count() == 0 and funnel.locator("details").get_attribute("open") == ""
    assert funnel.locator("tbody tr").first.inner_text().split() == ["已发布", "2"]
    bar = funnel.locator("tbody tr").first.locator(".bar").bounding_box()
    track = funnel.locator("tbody tr").first.locator(".bar-track").bounding_box()
    assert bar and track and bar["width"] == pytest.approx(track["width"], abs=1)  # the largest: full
    assert no_sideways_scroll(page)
    shot(page, "31-programme-dashboard-no-script-phone-zh.png")
    page.context.close()


def test_coverage_grid_and_score_bars_on_the_review_page(
    live_server: str, browser: Any, scene: Scene
) -> None:
    for lang in ("zh", "en"):
        for size, viewport in SIZES.items():
            page = _hr_page(browser, live_server, scene, viewport)
            page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/review?lang={lang}")
            if page.locator("form[action$='/match-list/seed']").count():
                page.click("form[action$='/match-list/seed'] button")
                page.wait_for_load_state("networkidle")
            grid = page.locator("[data-testid=team]").first.locator("[data-testid=coverage-grid]")
            heads = grid.locator("thead th").all_inner_texts()
            assert heads[0] == ("需求" if lang == "zh" else "Requirement")
            assert heads[-1] == ("团队" if lang == "zh" else "Team") and scene.me_name in heads
            assert grid.locator("tbody th").all_inner_texts() == ["机器视觉", "焊缝检测"]
            assert grid.locator("td.gcov").count() == 2 * (len(heads) - 1)
            grid.scroll_into_view_if_needed()
            assert no_sideways_scroll(page)  # a wide grid scrolls inside its own box
            page.locator("[data-testid=team]").first.screenshot(
                path=str(SCREENSHOTS / f"32-coverage-grid-{size}-{lang}.png")
            )
            breakdown = page.locator("tr[data-entry]").first.locator("[data-testid=breakdown]")
            breakdown.locator("summary").click()
            bars = breakdown.locator("ul.bars li")
            assert bars.count() == 3 and bars.first.locator(".bar").bounding_box()["width"] > 5  # type: ignore[index]
            label = "总分" if lang == "zh" else "Overall"
            assert bars.first.inner_text().split()[0] == label
            page.locator("[data-testid=review-table]").screenshot(
                path=str(SCREENSHOTS / f"33-score-bars-{size}-{lang}.png")
            )
            audit = page.locator("[data-testid=audit]")
            assert audit.locator("tbody tr").count() == 3  # the three seeded, named
            assert audit.locator("tbody tr").first.locator("td").nth(2).inner_text() == (
                "按推荐列入名单" if lang == "zh" else "put on the list from the ranking"
            )
            audit.screenshot(path=str(SCREENSHOTS / f"34-audit-trail-{size}-{lang}.png"))
            page.context.close()


def _download(page: Any, selector: str, into: Path) -> Path:
    with page.expect_download() as info:
        page.click(selector)
    target = into / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_export_downloads_open_in_both_languages(
    live_server: str, browser: Any, scene: Scene, tmp_path: Path
) -> None:
    headers = {
        "zh": ["序号", "姓名", "单位", "学科", "得分", "状态", "备注", "证据"],
        "en": ["No.", "Name", "Station", "Discipline", "Score", "Status", "Note", "Evidence"],
    }
    for lang, viewport in (("zh", DESKTOP), ("en", PHONE)):
        page = _hr_page(browser, live_server, scene, viewport, accept_downloads=True)
        page.goto(f"{live_server}/ui/challenges/{scene.challenge_id}/review?lang={lang}")
        if page.locator("form[action$='/match-list/seed']").count():
            page.click("form[action$='/match-list/seed'] button")
            page.wait_for_load_state("networkidle")
            page.fill("#bulk .bulk input[name=note]", '=HYPERLINK("http://evil.example")')
            page.locator("tr[data-entry]").first.locator("button[value=approved]").click()
            page.wait_for_selector("tr[data-entry]:first-child [data-status=approved]")
        xlsx = _download(page, "a[href*='format=xlsx']", tmp_path)
        assert xlsx.name.startswith(f"challenge-{scene.challenge_id}-match-list-") and xlsx.suffix == ".xlsx"
        sheet = load_workbook(xlsx).active
        assert sheet is not None and sheet.freeze_panes == "A3"
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0][0].startswith(scene.challenge_title) and rows[1] == headers[lang]
        first = rows[2]
        assert first[1] == scene.me_name and first[5] == ("已批准" if lang == "zh" else "Approved")
        assert first[6] == '\'=HYPERLINK("http://evil.example")'  # shown, never evaluated
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        assert sheet.column_dimensions["H"].width > sheet.column_dimensions["A"].width
        table = _download(page, "a[href*='format=csv']", tmp_path)
        assert table.read_bytes().startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
        assert lines[1] == headers[lang] and lines[2][1] == "王海" and lines[2][6].startswith("'=")
        page.context.close()
