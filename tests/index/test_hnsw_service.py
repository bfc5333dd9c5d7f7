"""The service on the HNSW backend: same rankings as exact search, survives updates and restarts."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime, build_runtime
from index.vector import AdaptiveVectorIndex, HnswVectorIndex
from models import IndexName
from tests.conftest import Factory, api_key_headers, make_settings
from tests.index.test_consistency import assert_agrees, ranked_ids, seed


def test_hnsw_service_ranks_like_flat_through_updates_and_restart(tmp_path: Path) -> None:
    results = {}
    for kind in ("flat", "hnsw"):
        settings = make_settings(tmp_path / kind, f"sqlite:///{tmp_path / kind}.db", vector_index=kind)
        runtime = build_runtime(settings)
        with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as client:
            people, challenge = seed(Factory(client))
            client.patch(
                f"/postdocs/{people[0]['id']}", json={"research_interests": "焊缝 机器视觉 缺陷检测"}
            )
            client.delete(f"/postdocs/{people[2]['id']}")
            assert_agrees(runtime)
            results[kind] = ranked_ids(client, challenge["id"])
        runtime.save_snapshots()
        runtime.close()
        if kind == "hnsw":
            reopened = build_runtime(settings)
            assert isinstance(
                reopened.models.current().indexes[IndexName.postdocs].vector_index, HnswVectorIndex
            )
            assert (
                not reopened.models.current().indexes[IndexName.postdocs].rebuilt_on_open
            )  # the zip snapshot was used
            with TestClient(create_app(runtime=reopened), headers=api_key_headers(reopened)) as client:
                assert ranked_ids(client, challenge["id"]) == results["hnsw"]
            reopened.close()
    assert [pid for pid, _ in results["hnsw"]] == [pid for pid, _ in results["flat"]]


def test_auto_index_is_flat_for_small_rosters(runtime: Runtime) -> None:
    vectors = runtime.models.current().indexes[IndexName.postdocs].vector_index
    assert isinstance(vectors, AdaptiveVectorIndex) and vectors.kind == "flat"


def test_faiss_threads_setting_sets_the_process_openmp_threads() -> None:
    import faiss

    from index.vector import set_faiss_threads

    try:
        set_faiss_threads(2)
        assert faiss.omp_get_max_threads() == 2
        set_faiss_threads(0)  # 0 leaves the current value alone
        assert faiss.omp_get_max_threads() == 2
    finally:
        set_faiss_threads(1)
    assert faiss.omp_get_max_threads() == 1
