"""The HR workbench through its forms: the challenge list (search, filters, sort, paging in the
URL), the review table at 100+ candidates (coverage per requirement, sorting, bulk decisions,
move to position, add by name) and profiles."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from models import Role
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import Factory


def rows_of(page: str) -> list[int]:
    return [int(x) for x in re.findall(r'<tr data-challenge="(\d+)"', page)]


@pytest.fixture
def web(runtime: Runtime) -> TestClient:
    with TestClient(create_app(runtime=runtime)) as c:
        yield c  # type: ignore[misc]


def test_challenge_list_searches_filters_sorts_and_pages(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    port, yard = make.enterprise(name="青岛港务")["id"], make.enterprise(name="黄海船厂")["id"]
    soon = (date.today() + timedelta(days=5)).isoformat()
    later = (date.today() + timedelta(days=60)).isoformat()
    weld = make.challenge(
        yard,
        title="船体焊缝缺陷检测",
        description="Weld seam inspection by machine vision",
        sector="marine",
        budget_cny=800_000,
        deadline=soon,
    )["id"]
    crane = make.challenge(
        port,
        title="岸桥起重机远程控制",
        description="5G remote crane control",
        budget_cny=2_000_000,
        deadline=later,
    )["id"]
    draft = make.challenge(port, title="集装箱堆场调度", description="堆场算法", status="draft")["id"]
    many = [make.challenge(port, title=f"港口难题{i}", description="港口")["id"] for i in range(22)]
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")

    assert 'href="/ui/challenges"' in web.get("/ui/hr").text  # the dashboard links to it
    assert rows_of(web.get("/ui/challenges?q=焊缝").text) == [weld]
    assert rows_of(web.get("/ui/challenges?q=WELD machine").text) == [weld]  # English, case-insensitive
    assert rows_of(web.get("/ui/challenges?q=crane 5g").text) == [crane]
    assert rows_of(web.get("/ui/challenges?status=draft").text) == [draft]
    assert rows_of(web.get("/ui/challenges?sector=marine").text) == [weld]
    assert rows_of(web.get(f"/ui/challenges?enterprise={yard}").text) == [weld]
    assert rows_of(web.get(f"/ui/challenges?to={soon}").text) == [weld]
    assert rows_of(web.get(f"/ui/challenges?from={later}").text) == [crane]
    assert rows_of(web.get("/ui/challenges?budget_min=100").text) == [crane]  # 万元
    assert rows_of(web.get("/ui/challenges?budget_max=100").text) == [weld]
    assert rows_of(web.get("/ui/challenges?sort=budget").text)[:2] == [crane, weld]
    assert rows_of(web.get("/ui/challenges?sort=deadline").text)[:2] == [weld, crane]
    assert rows_of(web.get("/ui/challenges?status=nonsense").text)  # a bad value filters nothing

    first = web.get("/ui/challenges?q=港口").text  # 22 matches, 20 a page
    assert "共 22 项" in first and "第 1 / 2 页" in first
    assert rows_of(first) == sorted(many, reverse=True)[:20]
    assert 'href="?q=%E6%B8%AF%E5%8F%A3&amp;page=2"' in first  # the filter is kept in the link
    second = web.get("/ui/challenges?q=港口&page=2").text
    assert rows_of(second) == sorted(many, reverse=True)[20:]
    english = web.get("/ui/challenges?q=港口&page=2&lang=en").text
    assert "Page 2 of 2" in english and "lang=zh" in english and "q=%E6%B8%AF%E5%8F%A3" in english

    # Pending reviews stay reachable once the dashboard drops them.
    assert rows_of(web.get("/ui/challenges?review=pending&sort=budget&lang=zh").text)[:2] == [crane, weld]
    budget = web.get("/ui/challenges?q=焊缝").text
    assert "80 万元" in budget and "剩 5 天" in budget

    with TestClient(web.app) as ent:
        account(runtime, Role.enterprise, "port@example.org", enterprise_id=port)
        sign_in(ent, "port@example.org")
        assert rows_of(ent.get("/ui/challenges?q=焊缝").text) == []  # another enterprise's call
        assert rows_of(ent.get("/ui/challenges?q=堆场").text) == [draft]
        assert "共 24 项" in ent.get("/ui/challenges").text
        assert f'href="/ui/challenges/{draft}/edit"' in ent.get("/ui/challenges?status=draft").text
    with TestClient(web.app) as pd:
        account(runtime, Role.postdoc, "pd@example.org", postdoc_id=make.postdoc()["id"])
        sign_in(pd, "pd@example.org")
        refused = pd.get("/ui/challenges")
        assert refused.status_code == 403 and "此页面不属于您的角色" in refused.text


def test_review_table_holds_a_hundred_and_decides_in_bulk(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    challenge = make.challenge(
        ent,
        title="焊缝缺陷视觉检测",
        description="焊缝 缺陷 机器视觉 检测",
        required_expertise=["机器视觉", "焊接冶金"],
    )["id"]
    people = [
        make.postdoc(name=f"候选{i:03d}", research_interests=f"机器视觉 焊缝 检测 方向{i}")["id"]
        for i in range(104)
    ]
    late = make.postdoc(name="欧阳焊接", research_interests="焊接冶金")["id"]
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")
    token = csrf_of(web.get(f"/ui/challenges/{challenge}/review").text)
    seeded = web.post(f"/ui/challenges/{challenge}/match-list/seed", data={"size": 100, "csrf_token": token})
    assert seeded.status_code == 200
    page = seeded.text
    assert page.count('<tr id="entry-') == 100 and "第 1 / 1 页" in page
    assert page.count('class="cov ') == 200  # one coverage cell per requirement and candidate
    assert "R1 机器视觉" in page and "R2 焊接冶金" in page

    # Add a person found by name (no id typed).
    found = web.get(f"/ui/challenges/{challenge}/review?who=欧阳").text
    assert f'<li data-postdoc="{late}">' in found
    web.post(f"/ui/challenges/{challenge}/match-list", data={"postdoc_id": late, "csrf_token": token})
    added = web.get(f"/ui/challenges/{challenge}/review").text
    assert "第 1 / 2 页" in added
    second = web.get(f"/ui/challenges/{challenge}/review?page=2").text
    assert second.count('<tr id="entry-') == 1 and f'data-postdoc="{late}"' in second

    # Sort by the second requirement: the welding metallurgist comes first.
    by_req = web.get(f"/ui/challenges/{challenge}/review?sort=req1&dir=desc").text
    first_row = re.search(r'<tr id="entry-(\d+)"[^>]*data-postdoc="(\d+)"', by_req)
    assert first_row and int(first_row[2]) == late
    entry_ids = [int(x) for x in re.findall(r'name="entry_ids" value="(\d+)"', page)]

    # Bulk approve thirty with one note, then reject two: one transaction each, all audited.
    bulk = web.post(
        f"/ui/challenges/{challenge}/match-list/bulk",
        data={
            "entry_ids": entry_ids[:30],
            "status": "approved",
            "note": "批量通过",
            "csrf_token": token,
            "view": "sort=score&dir=desc",
        },
        follow_redirects=False,
    )
    assert bulk.status_code == 303 and bulk.headers["location"].endswith("review?sort=score&dir=desc")
    after = web.get(f"/ui/challenges/{challenge}/review").text
    assert after.count('data-status="approved"') == 30
    listing = web.get(f"/challenges/{challenge}/match-list").json()["items"]
    assert sum(1 for e in listing if e["status"] == "approved" and e["note"] == "批量通过") == 30
    none = web.post(
        f"/ui/challenges/{challenge}/match-list/bulk", data={"status": "rejected", "csrf_token": token}
    )
    assert none.status_code == 422 and "候选人" in none.text
    # A row's own button keeps its note when the shared note box is empty.
    web.post(f"/ui/match-entries/{entry_ids[0]}/decide", data={"status": "shortlisted", "csrf_token": token})
    one = next(
        e for e in web.get(f"/challenges/{challenge}/match-list").json()["items"] if e["id"] == entry_ids[0]
    )
    assert one["status"] == "shortlisted" and one["note"] == "批量通过"

    # Move the last to position 1 in one step.
    moved = web.post(
        f"/ui/match-entries/{entry_ids[-1]}/move-to",
        data={"position": 1, "csrf_token": token},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    top = web.get(f"/challenges/{challenge}/match-list").json()["items"][0]
    assert top["id"] == entry_ids[-1] and top["position"] == 1

    # HR opens any candidate's profile from the table; the enterprise only an approved one's.
    assert f'href="/ui/postdocs/{people[0]}"' in after
    assert "@example.edu.cn" in web.get(f"/ui/postdocs/{late}").text
    current = web.get(f"/challenges/{challenge}/match-list").json()["items"]
    approved = next(e["postdoc"]["id"] for e in current if e["status"] == "approved")
    with TestClient(web.app) as client:
        account(runtime, Role.enterprise, "ent@example.org", enterprise_id=ent)
        sign_in(client, "ent@example.org")
        public = client.get(f"/ui/postdocs/{approved}")
        assert (
            public.status_code == 200 and "公开资料" in public.text and "@example.edu.cn" not in public.text
        )
        assert client.get(f"/ui/postdocs/{late}").status_code == 404
        assert f'href="/ui/postdocs/{approved}"' in client.get(f"/ui/challenges/{challenge}").text
