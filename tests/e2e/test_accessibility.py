"""axe-core on every page of the UI (the webhooks pages and the delivery log too), in Chinese
and in English, at 1366×800 and on a 390×844 phone, as HR, an enterprise and a postdoc: no serious or critical violation, no two actions with one name (each names its
candidate, challenge or meeting), and the document's language is the page's."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import repeated_action_names, serious_violations
from tests.e2e.conftest import Scene
from tests.e2e.test_accounts_browser import SIZES
from tests.e2e.test_browser import sign_in
from tests.e2e.test_events_browser import create_event

pytestmark = pytest.mark.browser

HTML_LANG = {"zh": "zh-CN", "en": "en"}


def audit(page: Any, url: str, lang: str, found: dict[str, list[str]]) -> None:
    """Open ``url`` in ``lang`` and record its serious violations (an empty list when clean),
    under the URL and the signed-in person's name."""
    joiner = "&" if "?" in url else "?"
    page.goto(f"{url}{joiner}lang={lang}")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == HTML_LANG[lang], url
    who = page.locator("header form.inline button").all_inner_texts()
    found[f"{url} {who}"] = serious_violations(page) + repeated_action_names(page)


def hr_pages(page: Any, base: str, scene: Scene, lang: str, found: dict[str, list[str]]) -> None:
    sign_in(page, base, scene.hr)
    challenge = f"{base}/ui/challenges/{scene.challenge_id}"
    page.goto(f"{challenge}/review")
    page.click("form[action$='/match-list/seed'] button")  # candidates, teams and the audit trail
    page.wait_for_load_state("networkidle")
    page.locator("tr[data-entry]").last.locator("button[value=rejected]").click()  # a rejected row
    expect(page.locator("tr[data-entry] [data-status=rejected]")).to_have_count(1)
    postdoc = page.locator("td.name-cell a").first.get_attribute("href")
    review = f"{challenge}/review"
    for path in ("/ui/hr", "/ui/challenges", review, f"{review}?who=李青", challenge, postdoc):
        audit(page, path if path.startswith("http") else base + path, lang, found)
    for path in ("/ui/applications", "/ui/events", "/ui/notifications", "/ui/deliveries", "/ui/no-such-page"):
        audit(page, base + path, lang, found)
    audit(page, create_event(page, base).split("?")[0], lang, found)


def postdoc_pages(page: Any, base: str, scene: Scene, lang: str, found: dict[str, list[str]]) -> None:
    sign_in(page, base, scene.postdoc)
    apply = f"{base}/ui/challenges/{scene.challenge_id}/apply"
    page.goto(apply)
    page.fill("input[name=who]", "李青")
    page.click("button[name=find]")
    page.wait_for_load_state("networkidle")
    found[f"{apply} (teammate found)"] = serious_violations(page)
    page.check("[data-testid=found-member] input[name=member_id]")
    page.fill("textarea[name=proposal]", "团队已有焊缝缺陷数据集。")
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_load_state("networkidle")
    for path in ("/ui/feed", "/ui/profile", "/ui/applications", "/ui/hr"):  # /ui/hr: a 403 page
        audit(page, base + path, lang, found)


def enterprise_pages(page: Any, base: str, scene: Scene, lang: str, found: dict[str, list[str]]) -> None:
    sign_in(page, base, scene.enterprise)
    for path in ("/ui/enterprise", "/ui/enterprise/new", f"/ui/challenges/{scene.challenge_id}"):
        audit(page, base + path, lang, found)
    page.goto(f"{base}/ui/enterprise/new")
    page.fill("input[name=title]", "船体焊缝" * 80)  # over 300 characters: the form with its error
    page.fill("textarea[name=description]", "需要自动检测焊缝缺陷。")
    page.click("button[name=publish][value='1']")
    page.wait_for_load_state("networkidle")
    found["/ui/enterprise/new (with an error)"] = serious_violations(page)
    webhooks_pages(page, base, lang, found)


def webhooks_pages(page: Any, base: str, lang: str, found: dict[str, list[str]]) -> None:
    """The enterprise's webhooks page from the menu, with a form error and with a new secret."""
    page.goto(f"{base}/ui/enterprise")
    page.click("header nav a[href$='/webhooks']")
    audit(page, page.url.split("?")[0], lang, found)
    for url, case in (("http://127.0.0.1:9/hook", "with an error"), ("https://erp.example.com/h", "added")):
        page.fill("#webhook-url", url)
        page.click("#new-webhook button[type=submit]")
        page.wait_for_load_state("networkidle")
        found[f"webhooks ({case})"] = serious_violations(page) + repeated_action_names(page)
    assert page.locator("[data-testid=webhook-secret]").count() == 1


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_passes_axe(live_server: str, browser: Any, scene: Scene, lang: str, size: str) -> None:
    found: dict[str, list[str]] = {}
    page = browser.new_page(viewport=SIZES[size])
    audit(page, f"{live_server}/ui/login", lang, found)
    for visit in (hr_pages, postdoc_pages, enterprise_pages):
        context = browser.new_context(viewport=SIZES[size])
        visit(context.new_page(), live_server, scene, lang, found)
        context.close()
    assert len(found) == 25
    problems = {url: lines for url, lines in found.items() if lines}
    assert problems == {}, "\n".join(f"{url}\n  " + "\n  ".join(lines) for url, lines in problems.items())


def test_axe_reports_what_it_should(browser: Any) -> None:
    """The checks can fail: an unlabelled input, grey-on-white text at 2.8:1, an empty table
    header and two same-named buttons are reported."""
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><input name="q">'
        '<p style="color:#999;background:#fff">faint</p>'
        "<table><tr><th></th><th>Name</th></tr><tr><td>1</td><td>Li</td></tr></table></main></body></html>"
    )
    rules = {line.split(" ", 1)[0] for line in serious_violations(page)}
    assert rules == {"label", "color-contrast", "empty-table-header"}
    page.set_content(
        "<main><button>批准</button><button>批准</button>"
        '<button aria-label="批准：王海">批准</button><button aria-label="批准：李青">批准</button></main>'
    )
    assert repeated_action_names(page) == ["repeated action name: '批准' ×2"]
