"""Bad input gets a clear 4xx, and nothing already stored is lost."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.runtime import Runtime
from tests.conftest import Factory, credit_code


def test_duplicate_email_is_409_naming_the_field(client: TestClient, make: Factory) -> None:
    make.postdoc(email="dup@example.cn")
    response = client.post(
        "/postdocs",
        json={"name": "x", "email": "DUP@example.cn", "discipline": "d", "research_interests": "r"},
    )
    assert response.status_code == 409
    assert response.json()["field"] == "email"


def test_duplicate_credit_code_is_409(client: TestClient, make: Factory) -> None:
    make.enterprise(credit_code=credit_code(5))
    body = {"name": "另一家", "credit_code": credit_code(5), "industry": "x", "city": "青岛"}
    response = client.post("/enterprises", json=body)
    assert response.status_code == 409
    assert response.json()["field"] == "credit_code"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91370200MA3C00001", "must be 18 characters"),
        ("91370200MA3C00001I", "outside the standard alphabet"),
        ("91370200MA3C00001A", "check character does not match"),
    ],
)
def test_invalid_credit_code_is_422(client: TestClient, code: str, fragment: str) -> None:
    body = {"name": "某公司", "credit_code": code, "industry": "x", "city": "青岛"}
    response = client.post("/enterprises", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


@pytest.mark.parametrize("bad", ["张\x00伟", "张\x07伟", "   ", ""])
def test_control_characters_and_empty_text_refused(client: TestClient, bad: str) -> None:
    body = {"name": bad, "email": "a@b.cn", "discipline": "d", "research_interests": "r"}
    response = client.post("/postdocs", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


def test_newlines_allowed_in_paragraphs(make: Factory) -> None:
    created = make.postdoc(research_interests="第一行\n第二行\t缩进")
    assert created["research_interests"] == "第一行\n第二行\t缩进"


def test_length_limits(client: TestClient) -> None:
    body = {"name": "名" * 101, "email": "a@b.cn", "discipline": "d", "research_interests": "r"}
    response = client.post("/postdocs", json=body)
    assert response.status_code == 422
    assert "at most 100 characters" in response.json()["detail"]


def test_unknown_fields_refused(client: TestClient) -> None:
    body = {"name": "n", "email": "a@b.cn", "discipline": "d", "research_interests": "r", "salary": 1}
    assert client.post("/postdocs", json=body).status_code == 422


def test_body_cap_is_413(client: TestClient, runtime: Runtime) -> None:
    big = "长" * runtime.settings.max_body_bytes
    body = {"name": "n", "email": "a@b.cn", "discipline": "d", "research_interests": big}
    response = client.post("/postdocs", json=body)
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/stations/999", "/postdocs/999", "/enterprises/999", "/challenges/999"):
        response = client.get(path)
        assert response.status_code == 404
        assert "999 not found" in response.json()["detail"]
    assert client.get("/challenges/999/candidates").status_code == 404
    assert client.get("/postdocs/999/challenges").status_code == 404


def test_reference_to_missing_station_is_422(client: TestClient) -> None:
    body = {"name": "n", "email": "a@b.cn", "discipline": "d", "research_interests": "r", "station_id": 42}
    response = client.post("/postdocs", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": "station 42 does not exist", "field": "station_id"}


def test_new_challenge_cannot_start_claimed(client: TestClient, make: Factory) -> None:
    ent = make.enterprise()
    body = {
        "enterprise_id": ent["id"],
        "title": "t",
        "description": "d",
        "sector": "marine",
        "status": "claimed",
    }
    assert client.post("/challenges", json=body).status_code == 422


def test_status_not_patchable(client: TestClient, make: Factory) -> None:
    ch = make.challenge(status="draft")
    response = client.patch(f"/challenges/{ch['id']}", json={"status": "open"})
    assert response.status_code == 422
    assert client.get(f"/challenges/{ch['id']}").json()["status"] == "draft"


def test_page_size_bounded(client: TestClient) -> None:
    response = client.get("/postdocs", params={"limit": 101})
    assert response.status_code == 422
    assert response.json()["field"] == "limit"


def test_delete_station_in_use_is_409_and_keeps_data(client: TestClient, make: Factory) -> None:
    station = make.station()
    make.postdoc(station_id=station["id"])
    response = client.delete(f"/stations/{station['id']}")
    assert response.status_code == 409
    assert client.get(f"/stations/{station['id']}").status_code == 200


def test_failed_update_keeps_stored_row(client: TestClient, make: Factory) -> None:
    a = make.postdoc(email="a@x.cn")
    make.postdoc(email="b@x.cn")
    response = client.patch(f"/postdocs/{a['id']}", json={"email": "b@x.cn", "name": "改名"})
    assert response.status_code == 409
    got = client.get(f"/postdocs/{a['id']}").json()
    assert (got["email"], got["name"]) == ("a@x.cn", a["name"])


def test_null_for_required_field_on_patch_is_422(client: TestClient, make: Factory) -> None:
    a = make.postdoc()
    response = client.patch(f"/postdocs/{a['id']}", json={"name": None})
    assert response.status_code == 422
    assert response.json()["field"] == "name"
