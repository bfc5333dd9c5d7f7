"""The web UI through its forms: sign-in, CSRF, expiry, tenancy and bad input."""

from __future__ import annotations

import re
from base64 import b64encode
from datetime import timedelta
from json import dumps
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import update

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.services.accounts import create_account
from models import Role, WebSession
from models.base import utcnow
from tests.conftest import Factory, make_settings

PASSWORD = "correct-horse-battery"


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> object:
    token = csrf_of(client.get("/ui/login").text)
    return client.post(
        "/ui/login", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    # The tiny hashing encoder has no coverage calibration (app/matching/resources): these
    # pages fix the gap threshold, as JIEBANG_TEAM_GAP_BELOW does, to test what they render.
    return make_settings(tmp_path, database_url, team_gap_below=0.3)


@pytest.fixture
def web(runtime: Runtime) -> TestClient:
    with TestClient(create_app(runtime=runtime)) as c:
        yield c  # type: ignore[misc]


def account(runtime: Runtime, role: Role, email: str, **links: int) -> None:
    with runtime.session() as session:
        create_account(session, email=email, name=f"{role.value}用户", role=role, password=PASSWORD, **links)


def test_sign_in_by_role_and_language(runtime: Runtime, web: TestClient) -> None:
    account(runtime, Role.hr, "hr@example.org")
    response = sign_in(web, "HR@example.org")
    assert response.status_code == 303 and response.headers["location"] == "/ui/hr"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = web.get("/ui/hr")
    assert page.status_code == 200 and "待审核名单" in page.text and 'name="viewport"' in page.text
    english = web.get("/ui/hr?lang=en")
    assert "Pending reviews" in english.text
    assert "Pending reviews" in web.get("/ui/hr").text  # kept in a cookie


def test_wrong_password_and_unknown_email_answer_alike(runtime: Runtime, web: TestClient) -> None:
    account(runtime, Role.hr, "hr@example.org")
    wrong = sign_in(web, "hr@example.org", "not-the-password")
    unknown = sign_in(web, "nobody@example.org", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "邮箱或密码不正确" in wrong.text
    strip = lambda text: re.sub(r'value="[^"]*"', "", text)  # noqa: E731 (echoed email, csrf)
    assert strip(wrong.text) == strip(unknown.text)
    assert web.get("/ui/hr", follow_redirects=False).status_code == 303


def test_csrf_missing_or_wrong_is_refused(runtime: Runtime, web: TestClient) -> None:
    account(runtime, Role.hr, "hr@example.org")
    no_token = web.post("/ui/login", data={"email": "hr@example.org", "password": PASSWORD})
    assert no_token.status_code == 403 and "安全令牌不符" in no_token.text
    english = web.post("/ui/login?lang=en", data={"email": "hr@example.org", "password": PASSWORD})
    assert english.status_code == 403 and "CSRF token missing or wrong" in english.text
    assert sign_in(web, "hr@example.org").status_code == 303
    refused = web.post("/ui/logout", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    # The JSON API with the session cookie wants the X-CSRF-Token header for writes.
    assert (
        web.post(
            "/stations", json={"name": "x", "kind": "mobile", "host_institution": "y", "city": "z"}
        ).status_code
        == 403
    )
    assert web.get("/stations").status_code == 200


def test_expired_session_goes_back_to_sign_in(runtime: Runtime, web: TestClient) -> None:
    account(runtime, Role.hr, "hr@example.org")
    assert sign_in(web, "hr@example.org").status_code == 303
    assert web.get("/ui/hr", follow_redirects=False).status_code == 200
    # The server-side session passes its expiry (the cookie itself is still well signed).
    with runtime.session() as session:
        session.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    response = web.get("/ui/hr", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/login?next=/ui/hr&why=signin"
    assert "请先登录" in web.get(response.headers["location"]).text
    assert web.get("/accounts/me").status_code == 401


def test_a_cookie_signed_with_the_key_but_naming_an_account_is_ignored(
    runtime: Runtime, web: TestClient
) -> None:
    account(runtime, Role.hr, "hr@example.org")
    # What the published dev key allowed before: sign {"account_id": 1} and be that account.
    signer = TimestampSigner(runtime.settings.session_secret)
    payload = b64encode(dumps({"account_id": 1, "csrf": "x"}).encode())
    web.cookies.set("jiebang_session", signer.sign(payload).decode())
    assert web.get("/ui/hr", follow_redirects=False).status_code == 303
    assert web.get("/accounts/me").status_code == 401


def test_another_tenants_challenge_is_not_found(runtime: Runtime, make: Factory, web: TestClient) -> None:
    mine, theirs = make.enterprise()["id"], make.enterprise()["id"]
    own = make.challenge(mine)["id"]
    other = make.challenge(theirs)["id"]
    account(runtime, Role.enterprise, "ent@example.org", enterprise_id=mine)
    sign_in(web, "ent@example.org")
    assert web.get(f"/ui/challenges/{own}").status_code == 200
    page = web.get(f"/ui/challenges/{other}")
    assert page.status_code == 404 and f"未找到难题 {other}。" in page.text
    assert 'href="/ui/challenges"' in page.text  # the menu of the signed-in user is kept
    strip = lambda text: re.sub(r'name="csrf_token" value="[^"]*"', "", text)  # noqa: E731
    unknown = web.get("/ui/challenges/999999").text
    assert strip(unknown) == strip(page.text).replace(str(other), "999999")
    assert web.get(f"/ui/challenges/{own}/review").status_code == 403


def test_post_a_challenge_and_apply_with_an_oversized_proposal(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    account(runtime, Role.enterprise, "ent@example.org", enterprise_id=ent)
    sign_in(web, "ent@example.org")
    token = csrf_of(web.get("/ui/enterprise/new").text)
    form = {
        "title": "海水淡化膜污染",
        "description": "反渗透膜污染控制。",
        "sector": "marine",
        "publish": "1",
    }
    created = web.post("/ui/enterprise/new", data={**form, "csrf_token": token}, follow_redirects=False)
    assert created.status_code == 303
    challenge_id = int(created.headers["location"].rsplit("/", 1)[1])
    again = web.post("/ui/enterprise/new", data={**form, "csrf_token": token})
    assert again.status_code == 422
    assert '<p class="field-error" id="err-title" data-field="title">贵单位已发布过同名难题' in again.text
    assert 'value="海水淡化膜污染"' in again.text and "反渗透膜污染控制。</textarea>" in again.text

    me = make.postdoc(email="me@example.edu.cn")["id"]
    with TestClient(create_app(runtime=runtime)) as postdoc:
        account(runtime, Role.postdoc, "pd@example.org", postdoc_id=me)
        sign_in(postdoc, "pd@example.org")
        token = csrf_of(postdoc.get(f"/ui/challenges/{challenge_id}/apply").text)
        limit = runtime.settings.max_proposal_chars
        big = postdoc.post(
            f"/ui/challenges/{challenge_id}/apply", data={"proposal": "字" * (limit + 1), "csrf_token": token}
        )
        assert big.status_code == 422 and f"最多允许 {limit} 个" in big.text
        assert "字" * (limit + 1) + "</textarea>" in big.text  # everything typed is kept
        ghost = postdoc.post(
            f"/ui/challenges/{challenge_id}/apply",
            data={"proposal": "方案", "members": "ghost@example.org", "csrf_token": token},
        )
        assert ghost.status_code == 422 and "ghost@example.org" in ghost.text
        ok = postdoc.post(
            f"/ui/challenges/{challenge_id}/apply", data={"proposal": "三个月出样机", "csrf_token": token}
        )
        assert ok.status_code == 200 and "申请已提交" in ok.text and "三个月出样机" in ok.text


def test_postdoc_dismisses_from_the_feed_and_hr_sees_pending_applications(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    me = make.postdoc(research_interests="锂电池 正极材料 固态电解质")["id"]
    ent = make.enterprise()["id"]
    battery = make.challenge(ent, title="电池衰减", description="锂电池正极材料衰减问题")["id"]
    solid = make.challenge(ent, title="固态界面", description="固态电解质界面 锂电池")["id"]
    account(runtime, Role.postdoc, "pd@example.org", postdoc_id=me)
    sign_in(web, "pd@example.org")
    feed = web.get("/ui/feed").text
    assert f'data-challenge="{battery}"' in feed and f'data-challenge="{solid}"' in feed
    token = csrf_of(feed)
    web.post(f"/ui/challenges/{battery}/mark", data={"kind": "dismiss", "csrf_token": token})
    web.post(f"/ui/challenges/{solid}/mark", data={"kind": "bookmark", "csrf_token": token})
    feed = web.get("/ui/feed").text
    assert f'data-challenge="{battery}"' not in feed
    assert "★ 已收藏" in feed and f'<li><a href="/ui/challenges/{solid}">固态界面</a></li>' in feed
    web.post(f"/ui/challenges/{solid}/apply", data={"proposal": "方案", "csrf_token": token})

    with TestClient(create_app(runtime=runtime)) as hr:
        account(runtime, Role.hr, "hr@example.org")
        sign_in(hr, "hr@example.org")
        page = hr.get("/ui/hr").text
        assert re.search(r'data-testid="pending-applications">1<', page)
        assert re.search(r'data-status="open">2<', page)


TEAMS = '<section class="card" id="teams"'


def test_review_page_shows_teams_with_evidence_and_gaps(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    station = make.station()["id"]
    vision = make.postdoc(
        name="王视觉",
        research_interests="机器视觉缺陷检测与深度学习图像识别",
        skills=["机器视觉", "图像识别"],
        station_id=station,
    )["id"]
    weld = make.postdoc(
        name="李焊接",
        research_interests="焊接冶金与焊缝金相组织分析",
        skills=["焊接冶金", "金相"],
        station_id=station,
    )["id"]
    make.postdoc(name="赵海洋", research_interests="海洋生物资源与水产养殖", skills=["水产养殖"])
    challenge = make.challenge(
        ent,
        title="船体分段焊缝缺陷实时检测",
        description="需要在产线上实时检测焊缝缺陷。",
        required_expertise=["机器视觉", "焊接冶金", "嵌入式部署"],  # nobody works on embedded
    )["id"]
    draft = make.challenge(ent, status="draft")["id"]
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")
    # A list with an entry is not seeded, so the team members are not on it yet.
    token = csrf_of(web.get("/ui/hr").text)
    other = make.postdoc(name="孙其他")["id"]
    web.post(f"/ui/challenges/{challenge}/match-list", data={"postdoc_id": other, "csrf_token": token})

    listed, teams = web.get(f"/ui/challenges/{challenge}/review").text.split(TEAMS, 1)
    assert f'data-postdoc="{vision}"' not in listed
    assert "推荐团队" in teams and teams.count('data-testid="team"') >= 1
    best = teams[: teams.find('data-rank="2"') if 'data-rank="2"' in teams else len(teams)]
    assert f'data-postdoc="{vision}"' in best and f'data-postdoc="{weld}"' in best
    assert "负责：机器视觉" in best and "负责：焊接冶金" in best
    # Each covered requirement names its member and the evidence's matched terms.
    assert re.search(r"<b>机器视觉</b>.*?— 王视觉：[^<]*<mark>机器视觉</mark>", best, re.S)
    assert re.search(r"<b>嵌入式部署</b>.*?无人充分覆盖", best, re.S)
    gap = re.search(r'<li class="gap"[^>]*>\s*<b>嵌入式部署</b>(.*?)</li>', best, re.S)
    assert gap is not None and "最接近" not in gap.group(1)  # nobody scored on it: no closest member
    assert "缺口（无人充分覆盖）：嵌入式部署" in best
    assert best.count("加入名单") >= 2

    # The member's button adds them to the list by hand (the existing form); then it says so.
    added = web.post(
        f"/ui/challenges/{challenge}/match-list",
        data={"postdoc_id": vision, "note": "来自推荐团队 1", "csrf_token": token},
        follow_redirects=False,
    )
    assert added.status_code == 303
    listed, teams = web.get(f"/ui/challenges/{challenge}/review").text.split(TEAMS, 1)
    assert f'data-postdoc="{vision}"' in listed and "已在名单" in teams

    english = web.get(f"/ui/challenges/{challenge}/review?lang=en").text
    assert "Proposed teams" in english and "Gaps (nobody covers well): 嵌入式部署" in english

    closed = web.get(f"/ui/challenges/{draft}/review?lang=zh").text
    assert "仅为征集中或已匹配的难题推荐团队。" in closed and 'data-testid="team"' not in closed
