"""Events through the API: HR creates and runs an event, participants register themselves and
answer suggestions, the solver writes a timetable that keeps locked meetings, diagnoses what
cannot be met, and each side sees only its own meetings. Runs on SQLite, and on PostgreSQL with
JIEBANG_TEST_POSTGRES=1 (the ``database_url`` fixture)."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner

from app.config import Settings
from app.runtime import Runtime
from models import Notification, Role
from tests.conftest import ClientAs, Factory

EVENT = {
    "title": "2026 青岛产才对接会",
    "starts_at": "2026-12-10T09:00:00+08:00",
    "venue": "青岛国际会展中心",
}


class World:
    def __init__(self, make: Factory, client_as: ClientAs, *, slots: int = 3, tables: int = 2) -> None:
        self.hr = client_as(Role.hr)
        self.ents = [make.enterprise()["id"] for _ in range(2)]
        self.challenges = [
            make.challenge(self.ents[0], title="焊缝检测", description="船体焊缝缺陷的机器视觉检测")["id"],
            make.challenge(self.ents[1], title="海水养殖", description="海洋牧场 水产养殖 水质监测")["id"],
        ]
        self.postdocs = [
            make.postdoc(research_interests="焊缝缺陷 机器视觉 检测")["id"],
            make.postdoc(research_interests="海洋牧场 水产养殖")["id"],
            make.postdoc(research_interests="水质监测 传感器", employer_enterprise_id=self.ents[1])["id"],
        ]
        body = {**EVENT, "slot_count": slots, "table_count": tables, "slot_minutes": 15}
        self.event = self.hr.post("/events", json=body).json()["id"]
        self.open_registration()
        self.ent_clients = [client_as(Role.enterprise, enterprise_id=e) for e in self.ents]
        self.pd_clients = [client_as(Role.postdoc, postdoc_id=p) for p in self.postdocs]

    def open_registration(self) -> None:
        r = self.hr.post(f"/events/{self.event}/transitions", json={"status": "registration"})
        assert r.status_code == 200, r.text

    def register_everyone(self) -> tuple[list[int], list[int]]:
        url = f"/events/{self.event}/participants"
        ents = [
            c.post(url, json={"challenge_ids": [ch]}).json()["id"]
            for c, ch in zip(self.ent_clients, self.challenges, strict=True)
        ]
        pds = [c.post(url, json={}).json()["id"] for c in self.pd_clients]
        return ents, pds


@pytest.fixture
def world(make: Factory, client_as: ClientAs) -> World:
    return World(make, client_as)


def test_registration_suggestions_interest_and_a_schedule(world: World, runtime: Runtime) -> None:
    ents, pds = world.register_everyone()
    welder = world.pd_clients[0].get(f"/event-participants/{pds[0]}/suggestions").json()
    assert [s["participant_id"] for s in welder] == ents
    assert welder[0]["score"] > welder[1]["score"] and welder[0]["reasons"]
    assert "机器视觉" in welder[0]["reasons"][0]["matched_terms"]

    r = world.pd_clients[1].put(
        f"/event-participants/{pds[1]}/interest", json={"target_participant_id": ents[1], "interest": "must"}
    )
    assert r.status_code == 204
    world.ent_clients[0].put(
        f"/event-participants/{ents[0]}/interest", json={"target_participant_id": pds[1], "interest": "no"}
    )
    seen = world.ent_clients[1].get(f"/event-participants/{ents[1]}/suggestions").json()
    assert {s["participant_id"]: s["their_interest"] for s in seen}[pds[1]] == "must"

    report = world.hr.post(f"/events/{world.event}/schedule?lang=zh").json()
    assert report["status"] == "optimal" and report["findings"] == []
    meetings = world.hr.get(f"/events/{world.event}/meetings").json()
    pairs = {(m["postdoc_participant_id"], m["enterprise_participant_id"]) for m in meetings}
    assert (pds[1], ents[1]) in pairs  # must kept
    assert (pds[1], ents[0]) not in pairs  # "no" respected
    assert (pds[2], ents[1]) not in pairs  # the employer is a conflict
    assert {p for p, _ in pairs} == set(pds)  # everyone meets someone
    assert max(Counter((m["slot"], m["table"]) for m in meetings).values()) == 1
    assert meetings[0]["starts_at"].startswith("2026-12-10T01:00:00")  # 09:00 +08:00

    mine = world.pd_clients[0].get(f"/events/{world.event}/meetings").json()
    assert {m["postdoc_participant_id"] for m in mine} == {pds[0]}
    theirs = world.ent_clients[0].get(f"/events/{world.event}/meetings").json()
    assert {m["enterprise_participant_id"] for m in theirs} == {ents[0]}


def test_moved_meetings_are_locked_and_kept_by_a_rerun(
    make: Factory, client_as: ClientAs, runtime: Runtime
) -> None:
    world = World(make, client_as, slots=5)
    world.register_everyone()
    world.hr.post(f"/events/{world.event}/schedule")
    meetings = world.hr.get(f"/events/{world.event}/meetings").json()
    target = meetings[0]
    free = next(
        (s, t)
        for s in range(5)
        for t in range(2)
        if not any(m["slot"] == s and m["table"] == t for m in meetings)
        and not any(
            m["slot"] == s and m["postdoc_participant_id"] == target["postdoc_participant_id"]
            for m in meetings
        )
        and not any(
            m["slot"] == s and m["enterprise_participant_id"] == target["enterprise_participant_id"]
            for m in meetings
        )
    )
    moved = world.hr.patch(f"/meetings/{target['id']}", json={"slot": free[0], "table": free[1]})
    assert moved.status_code == 200, moved.text
    assert moved.json()["locked"] is True

    world.hr.post(f"/events/{world.event}/transitions", json={"status": "scheduled"})
    world.hr.post(f"/events/{world.event}/schedule")
    after = world.hr.get(f"/events/{world.event}/meetings").json()
    kept = [m for m in after if m["id"] == target["id"]]
    assert [(m["slot"], m["table"], m["locked"]) for m in kept] == [(free[0], free[1], True)]
    with runtime.session() as session:
        kinds = set(session.scalars(select(Notification.kind)))
    assert {"event_published", "event_changed"} <= kinds


def test_moves_that_break_a_rule_are_refused(world: World) -> None:
    _ents, pds = world.register_everyone()
    world.hr.post(f"/events/{world.event}/schedule")
    meetings = world.hr.get(f"/events/{world.event}/meetings").json()
    a, b = meetings[0], meetings[1]
    r = world.hr.patch(f"/meetings/{a['id']}", json={"slot": b["slot"], "table": b["table"]})
    assert r.status_code == 409 and "taken" in r.json()["detail"]
    assert world.hr.patch(f"/meetings/{a['id']}", json={"slot": 9}).status_code == 422
    world.hr.patch(f"/event-participants/{pds[0]}", json={"slots": [0]})
    mine = [m for m in meetings if m["postdoc_participant_id"] == pds[0]]
    r = world.hr.patch(f"/meetings/{mine[0]['id']}", json={"slot": 2, "table": 0})
    assert r.status_code == 409 and "cannot attend" in r.json()["detail"]


def test_an_infeasible_event_is_diagnosed_in_the_callers_language(make: Factory, client_as: ClientAs) -> None:
    world = World(make, client_as, slots=1, tables=1)
    world.register_everyone()
    report = world.hr.post(f"/events/{world.event}/schedule?lang=zh").json()
    groups = [f["group"] for f in report["findings"]]
    assert groups[0] == "tables"
    assert report["findings"][0]["message"] == (
        "每位博士后至少 1 场需要 3 场，容量 1 场（1 张桌子 × 1 个时段）：至少增加 2 张桌子"
    )
    english = world.hr.get(f"/events/{world.event}/report?lang=en").json()
    assert english["findings"][0]["message"].startswith("One meeting per postdoc needs 3 meetings")


def test_self_registration_rules(world: World, make: Factory, client_as: ClientAs) -> None:
    url = f"/events/{world.event}/participants"
    assert world.pd_clients[0].post(url, json={}).status_code == 201
    again = world.pd_clients[0].post(url, json={})
    assert again.status_code == 409 and again.json()["field"] == "postdoc_id"
    other = world.pd_clients[0].post(url, json={"postdoc_id": world.postdocs[1]})
    assert other.status_code == 403
    foreign = world.ent_clients[0].post(url, json={"challenge_ids": [world.challenges[1]]})
    assert foreign.status_code == 422 and foreign.json()["field"] == "challenge_ids"
    assert world.pd_clients[1].post(url, json={"slots": [7]}).status_code == 422
    assert world.hr.post(url, json={"enterprise_id": world.ents[1], "tables": 2}).json()["tables"] == 2
    extra = world.hr.post(url, json={"postdoc_id": 1, "enterprise_id": 1})
    assert extra.status_code == 422


def test_drafts_are_hidden_and_other_tenants_get_404(
    make: Factory, client_as: ClientAs, world: World
) -> None:
    draft = world.hr.post("/events", json=EVENT).json()["id"]
    postdoc = world.pd_clients[0]
    assert postdoc.get(f"/events/{draft}").status_code == 404
    assert [e["id"] for e in postdoc.get("/events").json()] == [world.event]
    _ents, pds = world.register_everyone()
    assert world.pd_clients[1].get(f"/event-participants/{pds[0]}").status_code == 404
    assert world.pd_clients[1].get(f"/event-participants/{pds[0]}/suggestions").status_code == 404
    assert world.ent_clients[0].post(f"/events/{world.event}/schedule").status_code == 403
    listed = world.pd_clients[0].get(f"/events/{world.event}/participants").json()
    assert [p["id"] for p in listed] == [pds[0]]


def test_event_status_runs_forward_only(world: World) -> None:
    url = f"/events/{world.event}/transitions"
    assert world.hr.post(url, json={"status": "held"}).status_code == 409
    for target in ("scheduled", "held", "closed"):
        assert world.hr.post(url, json={"status": target}).json()["status"] == target
    closed = world.pd_clients[0].post(f"/events/{world.event}/participants", json={})
    assert closed.status_code == 409


def test_outcomes_are_recorded(world: World) -> None:
    world.register_everyone()
    world.hr.post(f"/events/{world.event}/schedule")
    meeting = world.hr.get(f"/events/{world.event}/meetings").json()[0]
    r = world.hr.patch(f"/meetings/{meeting['id']}", json={"outcome": "contract"})
    assert r.json()["outcome"] == "contract" and r.json()["locked"] is False
    assert world.hr.delete(f"/meetings/{meeting['id']}").status_code == 204
    assert meeting["id"] not in {m["id"] for m in world.hr.get(f"/events/{world.event}/meetings").json()}


def test_exports_calendar_workbook_and_statistics(world: World) -> None:
    _, pds = world.register_everyone()
    world.hr.post(f"/events/{world.event}/schedule")
    meetings = world.hr.get(f"/events/{world.event}/meetings").json()
    mine = [m for m in meetings if m["postdoc_participant_id"] == pds[0]]

    ics = world.pd_clients[0].get(f"/event-participants/{pds[0]}/schedule.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    body = ics.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == len(mine)
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert f"UID:jiebang-meeting-{mine[0]['id']}@{world.event}" in body
    assert world.pd_clients[1].get(f"/event-participants/{pds[0]}/schedule.ics").status_code == 404

    xlsx = world.hr.get(f"/events/{world.event}/timetable.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["对接台 1", "对接台 2"]
    header = [c.value for c in book["对接台 1"][1]]
    assert header == ["时段", "开始时间", "结束时间", "对接台", "企业", "博士后", "锁定", "结果"]
    rows = sum(book[name].max_row - 1 for name in book.sheetnames)
    assert rows == len(meetings)
    assert world.pd_clients[0].get(f"/events/{world.event}/timetable.xlsx").status_code == 403

    world.hr.patch(f"/meetings/{meetings[0]['id']}", json={"outcome": "contract"})
    world.hr.patch(f"/meetings/{meetings[1]['id']}", json={"outcome": "no_show"})
    stats = world.hr.get("/event-statistics").json()
    assert stats == {
        "events": 1,
        "meetings": len(meetings),
        "needs_posted": 2,
        "results_matched": 1,
        "contracts_signed": 1,
        "no_shows": 1,
    }


def test_the_schedule_command(world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import cli as cli_module

    world.register_everyone()
    monkeypatch.setenv("JIEBANG_MODEL", settings.model)
    monkeypatch.setenv("JIEBANG_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("JIEBANG_DATABASE_URL", settings.db_url)
    cli_module.get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli_module.cli, ["schedule", str(world.event), "--lang", "en"])
        missing = CliRunner().invoke(cli_module.cli, ["schedule", "999"])
    finally:
        cli_module.get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("place all, idle gaps: ")  # progress: each better schedule found
    # 3 postdocs × 2 enterprises, less the employer conflict: 5 meetings fit in 3 slots × 2 tables
    assert next(line for line in lines if line.startswith("optimal: ")).startswith(
        "optimal: 5 meetings, objective "
    )
    assert len([line for line in lines if "\t" in line]) == 5
    assert missing.exit_code != 0 and "no event 999" in missing.output
