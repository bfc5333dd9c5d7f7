"""The smaller findings of the hostile test: emails, credit codes, what an enterprise may change
about itself, invisible characters in names, and ``Connection: close`` after a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from app.validators import credit_code_check_char
from models import Role
from tests.conftest import ClientAs, Factory, credit_code


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "a b@c.cn", "@x.cn", "a@@b.cn"])
def test_account_emails_are_validated(client: TestClient, email: str) -> None:
    body = {"email": email, "name": "n", "role": "hr", "password": "x" * 12}
    response = client.post("/accounts", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "email"


def _code(body17: str) -> str:
    return body17 + credit_code_check_char(body17)


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("000000000000000000", "all zeros"),
        (_code("C1370200MA0000001"), "registration authority"),
        (_code("91AB0200MA0000001"), "administrative division"),
    ],
)
def test_implausible_credit_codes_are_refused(client: TestClient, code: str, fragment: str) -> None:
    body = {"name": "某公司", "credit_code": code, "industry": "x", "city": "青岛"}
    response = client.post("/enterprises", json=body)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["detail"]


def test_demo_credit_codes_stay_valid() -> None:
    import json
    from pathlib import Path

    from app.validators import credit_code_problem

    rows = (Path(__file__).resolve().parents[2] / "data" / "demo" / "enterprises.jsonl").read_text()
    codes = [json.loads(line)["credit_code"] for line in rows.splitlines() if line.strip()]
    assert codes and [c for c in codes if credit_code_problem(c)] == []


@pytest.mark.parametrize("field", ["name", "credit_code"])
def test_an_enterprise_cannot_change_its_own_name_or_credit_code(
    make: Factory, client_as: ClientAs, field: str
) -> None:
    ent = make.enterprise()
    me = client_as(Role.enterprise, enterprise_id=ent["id"])
    value = {"name": "改名公司", "credit_code": credit_code(999)}[field]
    response = me.patch(f"/enterprises/{ent['id']}", json={field: value})
    assert response.status_code == 403
    assert field in response.json()["detail"]
    assert me.get(f"/enterprises/{ent['id']}").json()[field] == ent[field]
    assert me.patch(f"/enterprises/{ent['id']}", json={"city": "烟台"}).status_code == 200
    hr = client_as(Role.hr)
    assert hr.patch(f"/enterprises/{ent['id']}", json={field: value}).status_code == 200


@pytest.mark.parametrize(
    "name", ["张\u202e伟", "张\u200b伟", "张\u200d伟", "\ufeff张伟", "张\u2066伟\u2069", "张\u2060伟"]
)
def test_invisible_and_direction_characters_are_refused_in_names(client: TestClient, name: str) -> None:
    body = {"name": name, "email": "a@b.cn", "discipline": "d", "research_interests": "r"}
    response = client.post("/postdocs", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"
    assert "invisible" in response.json()["detail"]


def test_right_to_left_script_is_still_accepted(make: Factory) -> None:
    assert make.postdoc(name="عبد الله")["name"] == "عبد الله"


def test_a_500_closes_the_connection_and_says_so(runtime: Runtime) -> None:
    app = create_app(runtime=runtime)

    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/boom")
    assert response.status_code == 500
    assert response.headers["connection"] == "close"
    assert response.json() == {"detail": "internal error; it has been logged"}
