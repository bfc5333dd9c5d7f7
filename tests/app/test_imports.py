"""Bulk import: bad rows reported by line number, good rows stored, nothing stored lost."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.conftest import Factory, credit_code


def upload(client: TestClient, kind: str, name: str, content: bytes) -> dict:
    response = client.post(f"/imports/{kind}", files={"file": (name, content)})
    assert response.status_code == 200, response.text
    return response.json()


def jsonl(*rows: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows).encode()


def postdoc_row(n: int, **extra: object) -> dict:
    row = {
        "name": f"导入{n}",
        "email": f"imp{n}@x.cn",
        "discipline": "海洋科学",
        "research_interests": "海洋牧场",
    }
    row.update(extra)
    return row


def test_jsonl_bad_rows_reported_good_rows_kept(client: TestClient, make: Factory) -> None:
    station = make.station(name="青岛大学博士后科研流动站")
    content = jsonl(
        postdoc_row(1, station="青岛大学博士后科研流动站", publications=[{"title": "海洋论文"}]),
        "{not json",
        postdoc_row(2, email="broken"),
        "",
        postdoc_row(3, station="不存在的站"),
        postdoc_row(4, name="\x00"),
        postdoc_row(5),
        postdoc_row(6, email="imp5@x.cn"),
    )
    report = upload(client, "postdocs", "roster.jsonl", content)
    assert report["rows"] == 7
    assert report["created"] == 2
    lines = {e["line"]: e["message"] for e in report["errors"]}
    assert sorted(lines) == [2, 3, 5, 6, 8]
    assert "invalid JSON" in lines[2]
    assert "email" in lines[3]
    assert "不存在的站" in lines[5]
    assert "NUL" in lines[6]
    assert "first on line 7" in lines[8]
    listed = client.get("/postdocs").json()
    assert sorted(p["email"] for p in listed["items"]) == ["imp1@x.cn", "imp5@x.cn"]
    first = next(p for p in listed["items"] if p["email"] == "imp1@x.cn")
    assert first["station_id"] == station["id"]
    assert [p["title"] for p in first["publications"]] == ["海洋论文"]


def test_reimport_keeps_existing_rows(client: TestClient, make: Factory) -> None:
    original = make.postdoc(email="imp1@x.cn", name="原名")
    report = upload(client, "postdocs", "again.jsonl", jsonl(postdoc_row(1, name="新名")))
    assert report["created"] == 0
    assert report["errors"] == [{"line": 1, "message": "email already exists: imp1@x.cn"}]
    assert client.get(f"/postdocs/{original['id']}").json()["name"] == "原名"


def test_csv_postdocs_with_list_and_json_columns(client: TestClient) -> None:
    pubs = json.dumps([{"title": "Weld inspection", "year": 2022}]).replace('"', '""')
    content = (
        "name,email,discipline,research_interests,skills,languages,publications\n"
        f'Li Wei,li@x.cn,Materials,Welding metallurgy,"welding|machine vision",zh;en,"{pubs}"\n'
        "Bad Row,,Materials,Nothing,,,\n"
    ).encode("utf-8-sig")
    report = upload(client, "postdocs", "roster.csv", content)
    assert report["created"] == 1
    assert [e["line"] for e in report["errors"]] == [3]
    person = client.get("/postdocs").json()["items"][0]
    assert person["skills"] == ["welding", "machine vision"]
    assert person["languages"] == ["zh", "en"]
    assert person["publications"][0]["year"] == 2022


def test_challenge_import_resolves_credit_code(client: TestClient, make: Factory) -> None:
    ent = make.enterprise(credit_code=credit_code(9))
    row = {
        "enterprise_credit_code": credit_code(9),
        "title": "难题",
        "description": "描述",
        "sector": "marine",
        "status": "open",
    }
    content = jsonl(row, dict(row, enterprise_credit_code=credit_code(10)), dict(row, sector="mining"))
    report = upload(client, "challenges", "list.jsonl", content)
    assert report["created"] == 1
    messages = [e["message"] for e in report["errors"]]
    assert "no enterprise has credit code" in messages[0]
    assert "sector" in messages[1]
    listed = client.get("/challenges").json()["items"]
    assert [(c["enterprise_id"], c["language"]) for c in listed] == [(ent["id"], "zh")]


def test_imported_rows_are_ranked(client: TestClient, make: Factory) -> None:
    upload(client, "postdocs", "p.jsonl", jsonl(postdoc_row(1, research_interests="焊缝缺陷 机器视觉 检测")))
    challenge = make.challenge(title="焊缝检测", description="焊缝缺陷机器视觉检测")
    items = client.get(f"/challenges/{challenge['id']}/candidates").json()["items"]
    assert items[0]["postdoc"]["name"] == "导入1"


def test_non_utf8_file_is_422(client: TestClient) -> None:
    response = client.post("/imports/postdocs", files={"file": ("p.csv", "姓名".encode("gbk"))})
    assert response.status_code == 422
    assert "UTF-8" in response.json()["detail"]


def test_unknown_format_and_kind(client: TestClient) -> None:
    response = client.post("/imports/postdocs", files={"file": ("p.xlsx", b"x")})
    assert response.status_code == 422
    assert "format" in response.json()["detail"]
    assert client.post("/imports/papers", files={"file": ("p.jsonl", b"{}")}).status_code == 422


def test_import_over_cap_is_413(client: TestClient, runtime) -> None:  # type: ignore[no-untyped-def]
    runtime.settings.max_import_bytes = 2048
    big = b"x" * 4096
    response = client.post("/imports/postdocs", files={"file": ("p.jsonl", big)})
    assert response.status_code == 413


def test_one_bad_reference_among_good_rows_keeps_the_good_ones(client: TestClient, make: Factory) -> None:
    station = make.station()["id"]
    rows = [postdoc_row(n, station_id=station) for n in range(200)]
    rows[117]["station_id"] = 999_999  # passes the schema; the foreign key refuses it
    report = upload(client, "postdocs", "roster.jsonl", jsonl(*rows))
    assert report["rows"] == 200 and report["created"] == 199
    assert [e["line"] for e in report["errors"]] == [118]
    assert "does not exist" in report["errors"][0]["message"]
    assert client.get("/postdocs", params={"limit": 1}).json()["total"] == 199
    ranked = client.get(f"/challenges/{make.challenge(title='海洋牧场')['id']}/candidates").json()
    assert ranked["total"] == 199  # the stored rows were indexed too


def test_unicode_line_separators_inside_a_jsonl_row(client: TestClient) -> None:
    content = jsonl(
        postdoc_row(1, research_interests="海洋牧场\u2028深远海养殖"),
        postdoc_row(2, research_interests="段落一\u2029段落二"),
    )
    report = upload(client, "postdocs", "roster.jsonl", content)
    assert report["errors"] == [] and report["created"] == 2
    stored = {p["email"]: p for p in client.get("/postdocs").json()["items"]}
    assert stored["imp1@x.cn"]["research_interests"] == "海洋牧场\u2028深远海养殖"


def test_windows_line_endings_keep_line_numbers(client: TestClient) -> None:
    content = b"\r\n".join(
        [json.dumps(postdoc_row(1)).encode(), b"{bad", json.dumps(postdoc_row(2)).encode()]
    )
    report = upload(client, "postdocs", "roster.jsonl", content)
    assert report["created"] == 2 and [e["line"] for e in report["errors"]] == [2]


def test_c1_control_characters_are_removed_and_reported(client: TestClient) -> None:
    content = jsonl(
        postdoc_row(1, publications=[{"title": "海洋\u0098牧场研究", "abstract": "正常"}]),
        postdoc_row(2, name="张\u0085伟"),
        postdoc_row(3, name="李\x07四"),  # C0 controls are still refused
    )
    report = upload(client, "postdocs", "roster.jsonl", content)
    assert report["created"] == 2
    assert [(e["line"], "BEL" in e["message"] or "U+0007" in e["message"]) for e in report["errors"]] == [
        (3, True)
    ]
    assert report["normalised"] == [
        {"line": 1, "message": "removed C1 control character U+0098 from publications.0.title"},
        {"line": 2, "message": "removed C1 control character U+0085 from name"},
    ]
    stored = {p["email"]: p for p in client.get("/postdocs").json()["items"]}
    assert stored["imp1@x.cn"]["publications"][0]["title"] == "海洋牧场研究"
    assert stored["imp2@x.cn"]["name"] == "张伟"
