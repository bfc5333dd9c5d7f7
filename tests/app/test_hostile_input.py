"""Hostile input found by fuzzing answers 4xx on both databases, and stores nothing half-way."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Factory, credit_code

HUGE_IDS = [2**31, 2**63, 2**64 + 5]


@pytest.mark.parametrize("huge", HUGE_IDS)
@pytest.mark.parametrize(
    "path",
    [
        "/challenges?enterprise_id={}",
        "/postdocs?station_id={}",
        "/challenges/1/candidates?station_id={}",
        "/challenges/1/teams?station_id={}",
        "/challenges/{}",
        "/postdocs/{}",
        "/match-entries/{}",
    ],
)
def test_ids_beyond_the_column_range_are_422(client: TestClient, make: Factory, path: str, huge: int) -> None:
    make.challenge()  # challenge 1 exists, so only the huge id can be wrong
    response = (
        client.get(path.format(huge))
        if "match-entries" not in path
        else client.patch(path.format(huge), json={"status": "approved"})
    )
    assert response.status_code == 422, response.text
    assert "less than or equal to 2147483647" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/challenges", "enterprise_id"),
        ("/postdocs", "station_id"),
        ("/postdocs", "employer_enterprise_id"),
        ("/accounts", "enterprise_id"),
    ],
)
@pytest.mark.parametrize("value", [2**31, 2**63, 1.0, 1.5, True, "1.0"])
def test_ids_in_bodies_are_bounded_whole_numbers(
    client: TestClient, make: Factory, path: str, field: str, value: object
) -> None:
    bodies = {
        "/challenges": {"title": "t", "description": "d", "sector": "marine"},
        "/postdocs": {"name": "n", "email": "n@example.org", "discipline": "d", "research_interests": "r"},
        "/accounts": {"email": "e@example.org", "name": "n", "role": "enterprise", "password": "x" * 12},
    }
    body = dict(bodies[path], **{field: value})
    response = client.post(path, json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("value", ["1.0", "1e0", "+1", " 1", "1_0"])
def test_ids_in_paths_and_queries_are_digits(client: TestClient, make: Factory, value: str) -> None:
    make.postdoc()
    assert client.get(f"/postdocs/{value}").status_code == 422
    assert client.get("/challenges", params={"enterprise_id": value}).status_code == 422


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/challenges", "city"),
        ("/postdocs", "discipline"),
        ("/postdocs", "city"),
        ("/enterprises", "industry"),
        ("/stations", "city"),
    ],
)
def test_nul_bytes_in_query_filters_are_422(client: TestClient, path: str, param: str) -> None:
    response = client.get(path, params={param: "青\x00岛"})
    assert response.status_code == 422, response.text
    assert "control character (NUL)" in response.json()["detail"]


def _match_entry(client: TestClient, make: Factory) -> int:
    make.postdoc(research_interests="焊缝 检测")
    challenge = make.challenge(title="焊缝检测")["id"]
    return client.post(f"/challenges/{challenge}/match-list/seed").json()["items"][0]["id"]


@pytest.mark.parametrize("bad", ["好\x00", "好\x07", "\x1b[31m红"])
def test_control_characters_in_notes_are_422(client: TestClient, make: Factory, bad: str) -> None:
    entry = _match_entry(client, make)
    response = client.patch(f"/match-entries/{entry}", json={"status": "approved", "note": bad})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "note"


def test_control_characters_in_proposals_are_422(client: TestClient) -> None:
    from app.schemas.review import ApplicationCreate

    with pytest.raises(ValueError, match="control character"):
        ApplicationCreate(proposal="方案\x00")
    assert ApplicationCreate(proposal="第一段\n第二段").proposal == "第一段\n第二段"


def _import(client: TestClient, kind: str, name: str, content: bytes) -> dict:
    response = client.post(f"/imports/{kind}", files={"file": (name, content)})
    assert response.status_code == 200, response.text
    return response.json()


def test_jsonl_nested_100000_deep_is_a_row_error(client: TestClient) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = {"name": "n", "email": "n@example.org", "discipline": "d", "research_interests": "焊缝"}
    content = f'{{"name": {deep}}}\n{json.dumps(good)}\n'.encode()
    report = _import(client, "postdocs", "p.jsonl", content)
    assert report["created"] == 1
    assert report["errors"][0]["line"] == 1 and "nested too deeply" in report["errors"][0]["message"]


def test_csv_publications_nested_50000_deep_is_a_row_error(client: TestClient) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    content = (
        "name,email,discipline,research_interests,publications\n"
        f'a,a@example.org,d,焊缝,"{deep}"\n'
        'b,b@example.org,d,焊缝,"[{""title"": ""焊缝检测""}]"\n'
    ).encode()
    report = _import(client, "postdocs", "p.csv", content)
    assert report["created"] == 1
    assert report["errors"][0]["line"] == 2 and "nested too deeply" in report["errors"][0]["message"]


def test_csv_cell_over_the_field_limit_is_a_row_error(client: TestClient) -> None:
    content = (
        "name,email,discipline,research_interests\n"
        f"a,a@example.org,d,{'焊' * 140_000}\n"
        "b,b@example.org,d,焊缝\n"
    ).encode()
    report = _import(client, "postdocs", "p.csv", content)
    assert report["rows"] == 2 and report["created"] == 1
    assert report["errors"][0]["line"] == 2 and "longer than" in report["errors"][0]["message"]


def test_text_without_tokens_on_an_empty_database(client: TestClient) -> None:
    # bm25s divided by a mean document length of 0 (500 after commit, so a retry duplicated it)
    body = {"name": "0", "email": "zero@example.org", "discipline": "的", "research_interests": "的"}
    response = client.post("/postdocs", json=body)
    assert response.status_code == 201, response.text
    assert client.get("/postdocs").json()["total"] == 1
    ent = client.post(
        "/enterprises", json={"name": "的", "credit_code": credit_code(1), "industry": "的", "city": "的"}
    )
    assert ent.status_code == 201, ent.text
    challenge = client.post(
        "/challenges",
        json={"enterprise_id": ent.json()["id"], "title": "的", "description": "的", "sector": "marine"},
    )
    assert challenge.status_code == 201, challenge.text
    postdoc = response.json()["id"]
    assert client.get(f"/postdocs/{postdoc}/challenges").status_code == 200
    assert client.get(f"/challenges/{challenge.json()['id']}/candidates").status_code == 200


def test_delete_that_leaves_only_token_less_documents(client: TestClient, make: Factory) -> None:
    worded = make.postdoc(research_interests="焊缝 检测")["id"]
    make.postdoc(name="0", discipline="的", research_interests="的")
    assert client.delete(f"/postdocs/{worded}").status_code == 204
    challenge = make.challenge(title="焊缝检测")["id"]
    response = client.get(f"/challenges/{challenge}/candidates")
    assert response.status_code == 200, response.text
