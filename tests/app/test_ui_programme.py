"""The programme pages through the server-rendered HTML: the audit trail (names, translated
actions and states, paging that keeps the filters), the programme dashboard's figures and
charts' data tables, the coverage grid of a team and a candidate's score bars."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from models import Role
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import Factory


@pytest.fixture
def web(runtime: Runtime) -> TestClient:
    with TestClient(create_app(runtime=runtime)) as c:
        yield c  # type: ignore[misc]


def _audit_rows(page: str) -> list[list[str]]:
    section = page[page.index('id="audit"') :]
    rows = re.findall(r'<tr data-action="[a-z]+">(.*?)</tr>', section, flags=re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows
    ]


def _review_world(runtime: Runtime, make: Factory, web: TestClient) -> tuple[int, str, list[int]]:
    ent = make.enterprise()["id"]
    for name in ("欧阳明", "司马青", "诸葛亮"):
        make.postdoc(name=name, research_interests="焊缝缺陷 机器视觉 检测")
    challenge = make.challenge(ent, title="焊缝检测", description="船体焊缝缺陷的机器视觉检测")["id"]
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")
    token = csrf_of(web.get(f"/ui/challenges/{challenge}/review").text)
    web.post(f"/ui/challenges/{challenge}/match-list/seed", data={"csrf_token": token, "size": 3})
    page = web.get(f"/ui/challenges/{challenge}/review").text
    return challenge, token, [int(x) for x in re.findall(r'name="entry_ids" value="(\d+)"', page)]


def test_audit_trail_names_translates_and_pages(runtime: Runtime, make: Factory, web: TestClient) -> None:
    challenge, token, entries = _review_world(runtime, make, web)
    first = entries[0]
    for status in ["shortlisted", "approved", "rejected", "candidate"] * 6:  # 24 decisions + 3 seeds
        web.post(f"/ui/match-entries/{first}/decide", data={"status": status, "csrf_token": token})
    web.post(f"/ui/match-entries/{entries[-1]}/move-to", data={"position": 1, "csrf_token": token})

    page = web.get(f"/ui/challenges/{challenge}/review?sort=name&dir=desc").text
    rows = _audit_rows(page)
    assert "共 28 条记录" in page and "第 1 / 2 页" in page
    assert len(rows) == 25  # ui_audit_page_size
    who = rows[1][3]
    assert [r[1:] for r in rows[:3]] == [
        ["hr用户", "调整顺序", "焊缝检测", "名单顺序调整（3 人）", ""],
        ["hr用户", "审核决定", who, "未通过 → 候选", ""],
        ["hr用户", "审核决定", who, "已批准 → 未通过", ""],
    ]
    assert who in {"欧阳明", "司马青", "诸葛亮"} and "#" not in "".join(r[1] for r in rows)
    nxt = re.search(r'rel="next" href="([^"]+)"', page[page.index('id="audit"') :])
    assert nxt and nxt[1] == "?sort=name&amp;dir=desc&amp;page=1&amp;log_action=&amp;log=2#audit"
    second = _audit_rows(web.get(f"/ui/challenges/{challenge}/review?sort=name&dir=desc&page=1&log=2").text)
    assert len(second) == 3 and {r[2] for r in second} == {"按推荐列入名单"}
    assert {r[4] for r in second} == {"候选"}

    only = web.get(f"/ui/challenges/{challenge}/review?log_action=seed&log=1&lang=en").text
    seeded = _audit_rows(only)
    assert [r[1:3] + r[4:] for r in seeded] == [
        ["hr用户", "put on the list from the ranking", "candidate", ""]
    ] * 3
    assert sorted(r[3] for r in seeded) == sorted(["欧阳明", "司马青", "诸葛亮"])
    assert "3 entries" in only and '<option value="seed" selected>' in only
    en = _audit_rows(web.get(f"/ui/challenges/{challenge}/review?lang=en").text)
    assert en[1][2:] == ["decision", who, "rejected → candidate", ""]
    assert web.get(f"/ui/challenges/{challenge}/review?log=100000").status_code == 200  # bounded
