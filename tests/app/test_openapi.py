"""The OpenAPI document says what the API does: error bodies, page bounds, error statuses,
timestamps with their time zone, 413 for chunked bodies too."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.runtime import Runtime
from models import Account

METHODS = {"get", "post", "put", "patch", "delete"}


def _operations(schema: dict) -> Iterator[tuple[str, str, dict]]:
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


def _resolve(schema: dict, ref: str) -> dict:
    node: dict = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def test_422_schema_is_the_body_that_is_sent(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    sent = client.get("/challenges", params={"limit": "many"})
    assert sent.status_code == 422
    body = sent.json()
    assert isinstance(body["detail"], str) and body["errors"][0]["field"] == "query.limit"
    documented = [op["responses"]["422"] for _, _, op in _operations(schema) if "422" in op["responses"]]
    assert len(documented) > 40
    for response in documented:
        model = _resolve(schema, response["content"]["application/json"]["schema"]["$ref"])
        assert model["properties"]["detail"]["type"] == "string"
        assert model["required"] == ["detail"] and "errors" in model["properties"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_page_bounds_are_the_real_ones(client: TestClient, runtime: Runtime) -> None:
    schema = client.get("/openapi.json").json()
    params = [p for _, _, op in _operations(schema) for p in op.get("parameters", [])]
    limits = {p["schema"]["maximum"] for p in params if p["name"] == "limit"}
    offsets = {p["schema"]["maximum"] for p in params if p["name"] == "offset"}
    assert limits == {runtime.settings.max_page_size}
    assert offsets == {runtime.settings.max_offset}
    top = runtime.settings.max_page_size
    assert client.get("/stations", params={"limit": top}).status_code == 200
    assert client.get("/stations", params={"limit": top + 1}).status_code == 422


def test_error_statuses_are_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, method, op in _operations(schema):
        codes = set(op["responses"])
        if path != "/health":
            assert {"401", "403"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method != "get":
            assert "409" in codes, (method, path)
        if "requestBody" in op:
            assert "413" in codes, (method, path)
        for code in (c for c in codes if c.startswith("4")):
            ref = op["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert _resolve(schema, ref)["properties"]["detail"]["type"] == "string"


def test_ids_are_bounded_integers_in_the_document(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    path_ids = [
        p["schema"]
        for _, _, op in _operations(schema)
        for p in op.get("parameters", [])
        if p["in"] == "path" and p["name"].endswith("_id")
    ]
    assert path_ids and all(s["type"] == "integer" and s["maximum"] == 2**31 - 1 for s in path_ids)


def test_timestamps_keep_their_time_zone(runtime: Runtime, client: TestClient) -> None:
    with runtime.session() as session:
        account = session.scalars(select(Account)).first()
        assert account is not None and account.created_at.tzinfo is not None
        assert account.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert client.get("/accounts/me").status_code == 200


def test_a_chunked_body_over_the_cap_is_413(client: TestClient, runtime: Runtime) -> None:
    chunk = b" " * 65536
    count = runtime.settings.max_body_bytes // len(chunk) + 2

    def body() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(count):
            yield chunk

    response = client.post("/stations", content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 413, response.text
    assert "larger than" in response.json()["detail"]
