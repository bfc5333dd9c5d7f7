"""The same ranking tests on the embedded vector backend (FAISS) and on Milvus (milvus-lite).

SQL is the source of truth on both: writes reach the vectors through the outbox, rankings through
the HTTP API are equal (ids and scores), and a restart reopens the snapshot (for Milvus: the
collection it points to) and ranks the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime, build_runtime
from index.vector import MappedFlatVectorIndex
from index.vector_milvus import milvus_available
from tests.conftest import Factory, api_key_headers, make_settings
from tests.index.test_consistency import assert_agrees, ranked_ids, seed

BACKENDS = ["faiss", "milvus"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "milvus" and not milvus_available():
        pytest.skip("pymilvus / milvus-lite not installed (pip install 'jiebang[milvus]')")
    return str(request.param)


def open_runtime(tmp_path: Path, database_url: str, backend: str) -> Runtime:
    return build_runtime(make_settings(tmp_path, database_url, vector_backend=backend))


@pytest.fixture
def backend_runtime(tmp_path: Path, database_url: str, backend: str) -> Iterator[Runtime]:
    runtime = open_runtime(tmp_path, database_url, backend)
    yield runtime
    runtime.close()


@pytest.fixture
def backend_client(backend_runtime: Runtime) -> Iterator[TestClient]:
    app = create_app(runtime=backend_runtime)
    with TestClient(app, headers=api_key_headers(backend_runtime)) as client:
        yield client


def kinds(runtime: Runtime) -> set[str]:
    return {str(getattr(i.vector_index, "kind", "")) for i in runtime.view().indexes.values()}


def test_the_setting_selects_the_backend(backend_runtime: Runtime, backend: str) -> None:
    assert kinds(backend_runtime) == ({"milvus"} if backend == "milvus" else {"flat"})


def test_writes_reach_the_backend_and_rank_alike(
    backend_client: TestClient, backend_runtime: Runtime
) -> None:
    make = Factory(backend_client)
    people, challenge = seed(make)
    backend_client.patch(f"/postdocs/{people[1]['id']}", json={"publications": [{"title": "固态电池"}]})
    backend_client.patch(f"/postdocs/{people[0]['id']}", json={"research_interests": "水产养殖 病害防治"})
    backend_client.delete(f"/postdocs/{people[2]['id']}")
    backend_client.patch(f"/challenges/{challenge['id']}", json={"description": "大菱鲆养殖病害"})
    ranked = [pid for pid, _ in ranked_ids(backend_client, challenge["id"])]
    assert_agrees(backend_runtime)
    assert people[2]["id"] not in ranked
    assert ranked[0] == people[0]["id"]


def responses(client: TestClient) -> dict[str, object]:
    """Every ranking route's full answer (scores, evidence, aggregation per person, filters,
    paging) on one small roster: two postdocs of one station, one with several documents."""
    make = Factory(client)
    station = make.station()
    people, challenge = seed(make)
    client.patch(f"/postdocs/{people[0]['id']}", json={"station_id": station["id"]})
    client.patch(
        f"/postdocs/{people[1]['id']}", json={"station_id": station["id"], "availability": "limited"}
    )
    cid, pid = challenge["id"], people[0]["id"]
    paths = [
        f"/challenges/{cid}/candidates",
        f"/challenges/{cid}/candidates?station_id={station['id']}",
        f"/challenges/{cid}/candidates?availability=limited",
        f"/challenges/{cid}/candidates?limit=1&offset=1",
        f"/postdocs/{pid}/challenges",
        f"/challenges/{cid}/teams",
    ]
    out: dict[str, object] = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        out[path] = rounded(response.json())
    return out


def rounded(value: object) -> object:
    """Floats to 4 places (FAISS and Milvus sum inner products in different orders)."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items() if k not in {"model_id", "created_at", "updated_at"}}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def test_both_backends_give_the_same_answers(tmp_path: Path) -> None:
    if not milvus_available():
        pytest.skip("pymilvus / milvus-lite not installed")
    answers = []
    for backend in BACKENDS:
        (tmp_path / backend).mkdir()
        runtime = open_runtime(tmp_path / backend, f"sqlite:///{tmp_path / backend / 'db.sqlite'}", backend)
        try:
            with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as client:
                answers.append(responses(client))
        finally:
            runtime.close()
    assert answers[0] == answers[1]
    candidates = answers[0]["/challenges/1/candidates"]
    assert isinstance(candidates, dict) and len(candidates["items"]) == 3
    assert len({i["postdoc"]["id"] for i in candidates["items"]}) == 3  # one row per person
    assert answers[0]["/challenges/1/candidates?availability=limited"]["total"] == 1  # type: ignore[index]


def test_restart_reopens_the_snapshot_and_ranks_the_same(
    tmp_path: Path, database_url: str, backend: str
) -> None:
    runtime = open_runtime(tmp_path, database_url, backend)
    with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as client:
        _, challenge = seed(Factory(client))
        before = ranked_ids(client, challenge["id"])
    runtime.save_snapshots()
    runtime.close()
    again = open_runtime(tmp_path, database_url, backend)
    try:
        assert not any(i.rebuilt_on_open for i in again.view().indexes.values())
        if backend == "faiss":  # the flat snapshot is memory-mapped (JIEBANG_VECTOR_MMAP, default on)
            inner = {type(getattr(i.vector_index, "inner", None)) for i in again.view().indexes.values()}
            assert inner == {MappedFlatVectorIndex}
        with TestClient(create_app(runtime=again), headers=api_key_headers(again)) as client:
            assert ranked_ids(client, challenge["id"]) == before
            newcomer = Factory(client).postdoc(
                email="newcomer@example.edu.cn", research_interests="焊缝检测 机器视觉"
            )
            ranked = [pid for pid, _ in ranked_ids(client, challenge["id"])]
            assert newcomer["id"] in ranked
        assert_agrees(again)
    finally:
        again.close()
