"""Web forms that must not lose work or lead nowhere: error pages in the page's language with
the menu, no JSON under /ui, field errors that keep every input, the expired-session round
trip, drafts edited and published, profiles edited, and the application workflow's holes."""

from __future__ import annotations

import re
import time
from base64 import b64encode
from json import dumps

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from app.main import create_app
from app.runtime import Runtime
from models import Role
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import Factory


@pytest.fixture
def web(runtime: Runtime) -> TestClient:
    with TestClient(create_app(runtime=runtime)) as c:
        yield c  # type: ignore[misc]


def test_error_pages_are_html_in_the_page_language_with_the_menu(runtime: Runtime, web: TestClient) -> None:
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")
    for path, status, zh in [
        ("/ui/no-such-page", 404, "未找到该页面或对象。"),
        ("/ui/challenges/abc", 422, "需要一个整数"),
        ("/ui/challenges/0", 422, "不能小于 1"),
        ("/ui/match-entries/5/decide", 405, "此地址不能直接打开"),
        ("/ui/challenges/424242/review", 404, "未找到难题 424242。"),
    ]:
        page = web.get(path)
        assert page.status_code == status and page.headers["content-type"].startswith("text/html")
        assert zh in page.text and 'href="/ui/hr"' in page.text and "退出" in page.text, path
    english = web.get("/ui/challenges/424242/review?lang=en")
    assert "challenge 424242 not found" in english.text and ">Not found<" in english.text
    assert web.get("/challenges/424242").json() == {"detail": "challenge 424242 not found"}  # the API is JSON


def test_an_expired_session_during_a_post_keeps_the_form(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    challenge = make.challenge()["id"]
    me = make.postdoc()["id"]
    account(runtime, Role.postdoc, "pd@example.org", postdoc_id=me)
    sign_in(web, "pd@example.org")
    token = csrf_of(web.get(f"/ui/challenges/{challenge}/apply").text)
    signer = TimestampSigner(runtime.settings.secret_key)
    age = runtime.settings.session_max_age_s + 60
    signer.get_timestamp = lambda: int(time.time()) - age  # type: ignore[method-assign]
    web.cookies.clear()
    web.cookies.set("jiebang_session", signer.sign(b64encode(dumps({"account_id": 1}).encode())).decode())
    proposal = "三个月内完成样机，" * 40  # long: more than a cookie could hold
    posted = web.post(
        f"/ui/challenges/{challenge}/apply",
        data={"proposal": proposal, "csrf_token": token},
        headers={"referer": f"http://testserver/ui/challenges/{challenge}/apply"},
    )
    assert posted.status_code == 401 and "登录已过期" in posted.text and "您填写的内容已保留" in posted.text
    resume = re.search(r'name="resume" value="([^"]+)"', posted.text)
    assert resume and f'name="resume_action" value="/ui/challenges/{challenge}/apply"' in posted.text
    back = web.post(
        "/ui/login",
        data={
            "email": "pd@example.org",
            "password": "correct-horse-battery",
            "csrf_token": csrf_of(posted.text),
            "next": f"/ui/challenges/{challenge}/apply",
            "resume": resume[1].replace("&#34;", '"').replace("&quot;", '"'),
            "resume_action": f"/ui/challenges/{challenge}/apply",
        },
    )
    assert back.status_code == 200 and 'data-testid="resume"' in back.text
    assert proposal + "</textarea>" in back.text  # every character kept
    again = web.post(
        f"/ui/challenges/{challenge}/apply", data={"proposal": proposal, "csrf_token": csrf_of(back.text)}
    )
    assert again.status_code == 200 and "申请已提交" in again.text
    # A plain page view says why it went to the sign-in form.
    web.cookies.clear()
    redirect = web.get("/ui/applications", follow_redirects=False)
    assert redirect.headers["location"] == "/ui/login?next=/ui/applications&why=signin"


def test_drafts_carry_budget_deadline_contact_and_are_edited_then_published(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    account(runtime, Role.enterprise, "ent@example.org", enterprise_id=ent)
    sign_in(web, "ent@example.org")
    token = csrf_of(web.get("/ui/enterprise/new").text)
    form = {
        "title": "题" * 301,
        "description": "焊缝检测。",
        "sector": "marine",
        "budget": "50",
        "deadline": "2031-06-30",
        "contact": "张工 0532-1234567",
        "csrf_token": token,
    }
    long = web.post("/ui/enterprise/new", data=form)
    assert long.status_code == 422 and 'id="err-title"' in long.text and "最多 300 个字符" in long.text
    assert 'value="' + "题" * 301 + '"' in long.text and 'value="张工 0532-1234567"' in long.text
    bad = web.post("/ui/enterprise/new", data={**form, "title": "焊缝", "budget": "很多"})
    assert bad.status_code == 422 and 'id="err-budget"' in bad.text and 'value="很多"' in bad.text
    created = web.post("/ui/enterprise/new", data={**form, "title": "焊缝检测"}, follow_redirects=False)
    challenge = int(created.headers["location"].rsplit("/", 1)[1])
    page = web.get(f"/ui/challenges/{challenge}").text
    assert "草稿" in page and "榜额：50 万元" in page and "2031-06-30" in page and "张工 0532-1234567" in page
    assert re.search(r"剩 \d+ 天", page)
    edit = web.get(f"/ui/challenges/{challenge}/edit").text
    assert 'value="50"' in edit and 'value="2031-06-30"' in edit
    saved = web.post(
        f"/ui/challenges/{challenge}/edit",
        data={**form, "title": "焊缝检测（修订）", "budget": "80", "csrf_token": csrf_of(edit)},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert web.get(f"/challenges/{challenge}").json()["budget_cny"] == 800_000
    published = web.post(
        f"/ui/challenges/{challenge}/publish", data={"csrf_token": token}, follow_redirects=False
    )
    assert published.status_code == 303
    body = web.get(f"/challenges/{challenge}").json()
    assert (
        body["status"] == "open"
        and body["title"] == "焊缝检测（修订）"
        and body["contact"] == "张工 0532-1234567"
    )
    assert web.get(f"/ui/challenges/{challenge}/edit").status_code == 200  # an open call stays editable
    twice = web.post(
        f"/ui/challenges/{challenge}/publish", data={"csrf_token": token}, follow_redirects=False
    )
    assert twice.status_code == 303  # a double click changes nothing


def test_a_postdoc_edits_their_profile_and_publications(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    me = make.postdoc(
        name="王海", research_interests="焊缝检测", publications=[{"title": "旧论文", "keywords": ["焊缝"]}]
    )["id"]
    other = make.postdoc(name="李青")["id"]
    account(runtime, Role.postdoc, "pd@example.org", postdoc_id=me)
    sign_in(web, "pd@example.org")
    form = web.get("/ui/profile").text
    old = int(re.search(r'name="keep_publication" value="(\d+)"', form)[1])  # type: ignore[index]
    data = {
        "discipline": "船舶与海洋工程",
        "research_interests": "机器视觉 焊缝缺陷检测",
        "availability": "limited",
        "skills": "机器视觉，深度学习",
        "publications": "水下焊缝检测综述 | 2024 | 焊缝, 水下",
        "csrf_token": csrf_of(form),
    }
    bad = web.post("/ui/profile", data={**data, "research_interests": ""})
    assert bad.status_code == 422 and 'id="err-research_interests"' in bad.text
    assert "水下焊缝检测综述 | 2024 | 焊缝, 水下</textarea>" in bad.text
    saved = web.post("/ui/profile", data=data, follow_redirects=False)  # the old paper not kept
    assert saved.status_code == 303 and saved.headers["location"] == "/ui/profile?saved=1"
    body = web.get(f"/postdocs/{me}").json()
    assert body["availability"] == "limited" and body["skills"] == ["机器视觉", "深度学习"]
    assert [(p["title"], p["year"], p["keywords"]) for p in body["publications"]] == [
        ("水下焊缝检测综述", 2024, ["焊缝", "水下"])
    ]
    web.post(
        "/ui/profile",
        data={**data, "publications": "第二篇", "keep_publication": body["publications"][0]["id"]},
    )
    assert len(web.get(f"/postdocs/{me}").json()["publications"]) == 2
    assert old not in [p["id"] for p in web.get(f"/postdocs/{me}").json()["publications"]]
    assert web.get(f"/ui/postdocs/{other}").status_code == 404  # another postdoc's profile


def test_applications_refuse_duplicates_invite_by_name_and_members_decline(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    challenge = make.challenge(ent)["id"]
    station = make.station()["id"]  # a lead names teammates of its own station
    me = make.postdoc(name="王海", station_id=station)["id"]
    mate = make.postdoc(name="李青青", station_id=station)["id"]
    account(runtime, Role.postdoc, "pd@example.org", postdoc_id=me)
    sign_in(web, "pd@example.org")
    token = csrf_of(web.get(f"/ui/challenges/{challenge}/apply").text)
    found = web.post(
        f"/ui/challenges/{challenge}/apply",
        data={"proposal": "我的方案草稿", "who": "青青", "find": "1", "csrf_token": token},
    )
    assert found.status_code == 200 and f'name="member_id" value="{mate}"' in found.text
    assert "我的方案草稿</textarea>" in found.text  # the search keeps what was typed
    sent = web.post(
        f"/ui/challenges/{challenge}/apply", data={"proposal": "方案", "member_id": mate, "csrf_token": token}
    )
    assert sent.status_code == 200 and "李青青 (待确认)" in sent.text
    twice = web.post(f"/ui/challenges/{challenge}/apply", data={"proposal": "再来一次", "csrf_token": token})
    assert twice.status_code == 409 and "不能重复申请" in twice.text and "再来一次</textarea>" in twice.text

    with TestClient(web.app) as teammate:
        account(runtime, Role.postdoc, "mate@example.org", postdoc_id=mate)
        sign_in(teammate, "mate@example.org")
        page = teammate.get("/ui/applications").text
        application = int(re.search(r'data-application="(\d+)"', page)[1])  # type: ignore[index]
        declined = teammate.post(
            f"/ui/applications/{application}/decline", data={"csrf_token": csrf_of(page)}
        )
        assert declined.status_code == 200 and "李青青" not in declined.text.split("<main>", 1)[1]
    # Only the lead is left and confirmed, so the enterprise can accept; then no stale buttons.
    with TestClient(web.app) as company:
        account(runtime, Role.enterprise, "ent@example.org", enterprise_id=ent)
        sign_in(company, "ent@example.org")
        other = make.postdoc(name="赵洋")["id"]
        with TestClient(web.app) as rival:
            account(runtime, Role.postdoc, "rival@example.org", postdoc_id=other)
            sign_in(rival, "rival@example.org")
            rival.post(
                f"/ui/challenges/{challenge}/apply",
                data={
                    "proposal": "另一方案",
                    "csrf_token": csrf_of(rival.get(f"/ui/challenges/{challenge}/apply").text),
                },
            )
        page = company.get(f"/ui/challenges/{challenge}").text
        assert page.count('value="accepted"') == 2
        company.post(
            f"/ui/applications/{application}/decision",
            data={"decision": "accepted", "csrf_token": csrf_of(page)},
        )
        claimed = company.get(f"/ui/challenges/{challenge}").text
        assert 'value="accepted"' not in claimed and "此难题已揭榜" in claimed
        assert 'value="accepted"' not in company.get("/ui/applications").text
