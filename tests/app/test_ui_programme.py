"""The programme pages through the server-rendered HTML: the audit trail (names, translated
actions and states, paging that keeps the filters), the programme dashboard's figures and
charts' data tables, the coverage grid of a team and a candidate's score bars."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.main import create_app
from app.runtime import Runtime
from models import Application, ApplicationStatus, Challenge, ChallengeStatus, MatchEntry, MatchStatus, Role
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
    shanghai = datetime.now(ZoneInfo("Asia/Shanghai"))  # times as the programme reads them
    assert rows[0][0] in {(shanghai - timedelta(minutes=m)).strftime("%Y-%m-%d %H:%M") for m in (0, 1)}
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


def _chart(page: str, name: str) -> list[tuple[str, int]]:
    figure = page[page.index(f'data-testid="chart-{name}"') :]
    figure = figure[: figure.index("</figure>")]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td class="num" data-value="(\d+)">', figure, re.S)
    return [(re.sub(r"<[^>]+>", "", label), int(n)) for label, n in rows]


def test_programme_dashboard_counts_the_funnel_sectors_and_months(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    people = [make.postdoc(research_interests="焊缝 检测")["id"] for _ in range(4)]
    ids = [make.challenge(ent, sector="marine")["id"] for _ in range(5)]
    ids.append(make.challenge(ent, sector="biomedicine")["id"])
    make.challenge(ent, status="draft", sector="marine")  # a draft is not posted
    now = datetime.now(UTC)
    with runtime.session() as session:
        rows = {c.id: c for c in session.scalars(select(Challenge).where(Challenge.id.in_(ids)))}
        rows[ids[1]].status = ChallengeStatus.matched
        rows[ids[2]].status = ChallengeStatus.claimed
        rows[ids[3]].status = ChallengeStatus.solved
        rows[ids[5]].created_at = now - timedelta(days=70)  # two or three months back
        session.add(
            MatchEntry(challenge_id=ids[0], postdoc_id=people[0], position=1, status=MatchStatus.approved)
        )
        session.add(
            MatchEntry(challenge_id=ids[0], postdoc_id=people[1], position=2, status=MatchStatus.approved)
        )
        session.add(MatchEntry(challenge_id=ids[4], postdoc_id=people[2], position=1))
        session.add(
            Application(
                challenge_id=ids[4],
                lead_postdoc_id=people[3],
                proposal="方案",
                status=ApplicationStatus.accepted,
            )
        )
        session.commit()
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")

    page = web.get("/ui/hr?lang=zh").text
    tiles = dict(re.findall(r'<li data-tile="([a-z]+)"><b>(\d+)</b>', page))
    assert tiles == {"postdocs": "4", "challenges": "6", "approved": "2", "claimed": "3", "solved": "1"}
    # matched: the approved list (0), status matched (1) and everything claimed (2, 3, 4)
    assert _chart(page, "funnel") == [("已发布", 6), ("已匹配", 5), ("已揭榜", 3), ("已解决", 1)]
    sectors = dict(_chart(page, "sector"))
    assert sectors["海洋产业"] == 5 and sectors["生物医药"] == 1 and sum(sectors.values()) == 6
    assert len(sectors) == 9  # every sector listed, empty ones too
    assert 'href="/ui/challenges?sector=marine"' in page
    months = _chart(page, "month")
    zone = ZoneInfo("Asia/Shanghai")
    assert len(months) == 12 and months[-1] == (now.astimezone(zone).strftime("%Y-%m"), 5)
    back = (now - timedelta(days=70)).astimezone(zone).strftime("%Y-%m")
    assert dict(months)[back] == 1 and sum(n for _, n in months) == 6
    assert '<span class="bar w-100"></span>' in page and '<span class="bar w-20"></span>' in page  # 1 of 5
    assert '<script src="/static/vendor/chartjs/chart.umd.min.js" defer></script>' in page
    assert "<script>" not in page  # no inline script: the CSP allows none

    english = web.get("/ui/hr?lang=en").text
    assert [label for label, _ in _chart(english, "funnel")] == ["Posted", "Matched", "Claimed", "Solved"]
    assert "approved matches" in english and "Posted per month" in english


def test_vendored_chart_js_is_the_pinned_release() -> None:
    vendor = Path(__file__).resolve().parents[2] / "app" / "ui" / "static" / "vendor" / "chartjs"
    pinned = re.search(r"sha256 of `chart.umd.min.js`: `([0-9a-f]{64})`", (vendor / "README.md").read_text())
    assert pinned and hashlib.sha256((vendor / "chart.umd.min.js").read_bytes()).hexdigest() == pinned[1]
    assert (vendor / "chart.umd.min.js").read_text()[:40].startswith("/*!\n * Chart.js v4.6.1")
    assert "MIT License" in (vendor / "LICENSE.md").read_text()


def _cells(html: str, cls: str) -> list[str]:
    return re.findall(rf'<td class="{cls}[^"]*"[^>]*>([0-9.]+)</td>', html)


def test_teams_show_a_coverage_grid_and_candidates_score_bars(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ent = make.enterprise()["id"]
    for interests in (
        "机器视觉缺陷检测与深度学习图像识别",
        "焊接冶金与焊缝金相组织分析",
        "嵌入式系统与边缘设备模型部署",
    ):
        make.postdoc(research_interests=interests)
    challenge = make.challenge(
        ent,
        title="船体分段焊缝缺陷实时检测",
        description="需要在产线上实时检测焊缝缺陷。",
        required_expertise=["机器视觉", "焊接冶金", "嵌入式部署"],
    )["id"]
    account(runtime, Role.hr, "hr@example.org")
    sign_in(web, "hr@example.org")
    token = csrf_of(web.get(f"/ui/challenges/{challenge}/review").text)
    web.post(f"/ui/challenges/{challenge}/match-list/seed", data={"csrf_token": token, "size": 3})

    page = web.get(f"/ui/challenges/{challenge}/review").text
    api = web.get(f"/challenges/{challenge}/teams").json()
    team = api["teams"][0]
    grids = re.findall(r'<table class="coverage-grid".*?</table>', page, re.S)
    assert len(grids) == len(api["teams"])
    heads = re.findall(r'<th scope="col">(.*?)</th>', grids[0])
    assert heads == ["需求", *[m["postdoc"]["name"] for m in team["members"]], "团队"]
    assert re.findall(r'<th scope="row">(.*?)</th>', grids[0]) == ["机器视觉", "焊接冶金", "嵌入式部署"]
    expected = []
    for r in team["requirements"]:
        score = {c["postdoc_id"]: c["score"] for c in r["covered_by"]}
        expected += [f"{score.get(m['postdoc']['id'], 0):.2f}" for m in team["members"]] + [
            f"{r['coverage']:.2f}"
        ]
    assert _cells(grids[0], "gcov") == expected
    gap = api["objective"]["gap_below"]
    shades = re.findall(r'<td class="gcov (?:total )?(c\d)"', grids[0])
    assert [s == "c0" for s in shades] == [float(v) < gap for v in expected]

    listed = web.get(f"/challenges/{challenge}/match-list").json()["items"]
    boxes = re.findall(r'<details class="breakdown".*?</details>', page, re.S)
    assert len(boxes) == len(listed) == 3
    first = boxes[0]
    labels = [re.sub(r"<[^>]+>", "", x) for x in re.findall(r'<span class="lbl"[^>]*>(.*?)</span>', first)]
    assert labels == ["总分", "R1 机器视觉", "R2 焊接冶金", "R3 嵌入式部署"]
    score = listed[0]["score"]
    widths = re.findall(r'<span class="bar w-(\d+)"></span>', first)
    assert widths[0] == widths[1] == str(min(100, round(score * 20) * 5))  # the summary and the overall bar
    coverage = [float(x) for x in re.findall(r'<span class="n">([0-9.]+)</span>', first)[1:]]
    assert widths[2:] == [str(min(100, round(c * 20) * 5)) for c in coverage] and len(coverage) == 3
    assert f"{score:.3f}" in re.search(r"<summary>(.*?)</summary>", first, re.S)[1]  # type: ignore[index]
    assert "Score breakdown" in web.get(f"/ui/challenges/{challenge}/review?lang=en").text
