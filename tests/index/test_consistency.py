"""The in-memory indexes agree with SQL after writes, restarts, corruption and model changes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime, build_runtime
from models import Document, Embedding, IndexName
from tests.conftest import Factory, api_key_headers


def sql_doc_ids(runtime: Runtime, name: IndexName) -> list[int]:
    with runtime.session() as s:
        return sorted(s.scalars(select(Document.id).where(Document.index_name == name)))


def index_doc_ids(runtime: Runtime, name: IndexName) -> list[int]:
    return sorted(runtime.view().indexes[name].vector_index.ids().tolist())


def assert_agrees(runtime: Runtime) -> None:
    for name in IndexName:
        assert index_doc_ids(runtime, name) == sql_doc_ids(runtime, name)


def ranked_ids(client: TestClient, challenge_id: int) -> list[tuple[int, float]]:
    items = client.get(f"/challenges/{challenge_id}/candidates").json()["items"]
    return [(i["postdoc"]["id"], i["score"]) for i in items]


def bm25_is_mapped(runtime: Runtime, name: IndexName) -> bool:
    return runtime.models.current().indexes[name].lexical_index.mapped


def seed(make: Factory) -> tuple[list[dict], dict]:
    people = [
        make.postdoc(research_interests="焊缝缺陷 机器视觉", publications=[{"title": "焊缝检测"}]),
        make.postdoc(
            research_interests="锂电池 正极材料", publications=[{"title": "电池衰减"}, {"title": "电解液"}]
        ),
        make.postdoc(research_interests="海上风电 结构监测"),
    ]
    challenge = make.challenge(title="焊缝检测难题", description="船体焊缝缺陷机器视觉检测")
    return people, challenge


def test_updates_and_deletes_keep_index_equal_to_sql(
    client: TestClient, make: Factory, runtime: Runtime
) -> None:
    people, challenge = seed(make)
    client.patch(f"/postdocs/{people[1]['id']}", json={"publications": [{"title": "固态电池"}]})
    client.patch(f"/postdocs/{people[0]['id']}", json={"research_interests": "水产养殖 病害防治"})
    client.delete(f"/postdocs/{people[2]['id']}")
    client.patch(f"/challenges/{challenge['id']}", json={"description": "大菱鲆养殖病害"})
    assert_agrees(runtime)
    ranked = [pid for pid, _ in ranked_ids(client, challenge["id"])]
    assert people[2]["id"] not in ranked
    assert ranked[0] == people[0]["id"]  # now matches 水产养殖 / 病害


def test_restart_from_snapshot_gives_same_results(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    _, challenge = seed(make)
    before = ranked_ids(client, challenge["id"])
    runtime.save_snapshots()
    assert not bm25_is_mapped(runtime, IndexName.postdocs)  # built in this process
    second = build_runtime(settings)
    assert not any(i.rebuilt_on_open for i in second.models.current().indexes.values())
    # the saved BM25 index is mapped, not built again
    assert bm25_is_mapped(second, IndexName.postdocs) and bm25_is_mapped(second, IndexName.challenges)
    with TestClient(create_app(runtime=second), headers=api_key_headers(second)) as other:
        assert ranked_ids(other, challenge["id"]) == before
    second.close()


def test_ops_after_snapshot_are_replayed(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    _, challenge = seed(make)
    runtime.save_snapshots()
    late = make.postdoc(research_interests="焊缝 机器视觉 缺陷检测 焊缝检测")
    make.postdoc(research_interests="无关方向")
    second = build_runtime(settings)  # no snapshot since the last writes: a crash
    assert not any(i.rebuilt_on_open for i in second.models.current().indexes.values())
    assert_agrees(second)
    with TestClient(create_app(runtime=second), headers=api_key_headers(second)) as other:
        assert late["id"] in [pid for pid, _ in ranked_ids(other, challenge["id"])]
    second.close()


def test_corrupt_snapshot_is_rebuilt(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    _, challenge = seed(make)
    before = ranked_ids(client, challenge["id"])
    runtime.save_snapshots()
    files = sorted(Path(settings.index_dir).rglob("postdocs-*.faiss"))
    assert len(files) == 1
    files[0].write_bytes(b"\x00garbage" * 10)
    second = build_runtime(settings)
    assert second.models.current().indexes[IndexName.postdocs].rebuilt_on_open
    assert not second.models.current().indexes[IndexName.challenges].rebuilt_on_open
    assert_agrees(second)
    with TestClient(create_app(runtime=second), headers=api_key_headers(second)) as other:
        assert ranked_ids(other, challenge["id"]) == before
    second.close()


def test_truncated_manifest_is_rebuilt(settings: Settings, runtime: Runtime, make: Factory) -> None:
    seed(make)
    runtime.save_snapshots()
    manifest = next(Path(settings.index_dir).rglob("postdocs.manifest.json"))
    manifest.write_text('{"format": 1, "model', encoding="utf-8")
    second = build_runtime(settings)
    assert second.models.current().indexes[IndexName.postdocs].rebuilt_on_open
    assert_agrees(second)
    second.close()


def test_model_change_reencodes_and_never_mixes(settings: Settings, runtime: Runtime, make: Factory) -> None:
    seed(make)
    runtime.save_snapshots()
    with runtime.session() as s:
        first_model = s.query(Embedding).count()  # documents and the challenges' query texts
    other_model = settings.model_copy(update={"model": "hashing:32"})
    second = build_runtime(other_model)
    assert all(i.rebuilt_on_open for i in second.models.current().indexes.values())
    assert second.models.current().indexes[IndexName.postdocs].vector_index.dim == 32
    with second.session() as s:
        models = {m for (m,) in s.execute(select(Embedding.model_id).distinct())}
    assert models == {"hashing:64", "hashing:32"}
    second.close()
    # Back to the first model: its vectors are still stored, nothing is re-encoded.
    third = build_runtime(settings)
    with third.session() as s:
        stored = s.query(Embedding).count()
        distinct_texts = len(set(s.scalars(select(Document.text_sha256))))
    assert stored == first_model + distinct_texts
    assert_agrees(third)
    third.close()


def test_two_processes_on_one_database_converge(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    """A second runtime (another worker or replica) sees writes made through the first."""
    _, challenge = seed(make)
    replica = build_runtime(settings)
    newcomer = make.postdoc(research_interests="焊缝缺陷 机器视觉 焊缝检测 船体")
    with TestClient(create_app(runtime=replica), headers=api_key_headers(replica)) as other:
        mine = ranked_ids(client, challenge["id"])
        theirs = ranked_ids(other, challenge["id"])
    assert newcomer["id"] in [pid for pid, _ in theirs]
    assert theirs == mine
    replica.close()


def test_unchanged_text_is_not_reencoded(client: TestClient, make: Factory, runtime: Runtime) -> None:
    person = make.postdoc(research_interests="焊缝", publications=[{"title": "论文"}])
    with runtime.session() as s:
        before = s.query(Embedding).count()
    client.patch(f"/postdocs/{person['id']}", json={"availability": "limited"})
    client.patch(f"/postdocs/{person['id']}", json={"publications": [{"title": "论文"}, {"title": "新论文"}]})
    with runtime.session() as s:
        assert s.query(Embedding).count() == before + 1


def test_vector_search_respects_allowed_ids() -> None:
    from index.vector import FlatVectorIndex

    vi = FlatVectorIndex(4)
    vi.upsert(np.array([10, 20, 30]), np.eye(4, dtype=np.float32)[:3])
    vi.upsert(np.array([20]), np.eye(4, dtype=np.float32)[3:4])
    _, ids = vi.search(np.ones((1, 4), dtype=np.float32), 5, allowed=np.array([20, 30]))
    assert sorted(ids[0][ids[0] >= 0].tolist()) == [20, 30]
    assert vi.size == 3
    assert vi.vectors(np.array([20])).tolist() == [[0.0, 0.0, 0.0, 1.0]]


def test_interleaved_ops_of_the_other_index_are_not_gaps(
    client: TestClient, make: Factory, runtime: Runtime
) -> None:
    """Op ids are shared by both indexes; each index's watermark still reaches the head at once."""
    from sqlalchemy import func

    from models import IndexOp

    make.challenge(title="焊缝检测难题", description="船体焊缝缺陷机器视觉检测")
    make.postdoc(research_interests="焊缝缺陷 机器视觉")
    make.challenge(title="电池难题", description="锂电池正极材料衰减")
    runtime.view()
    with runtime.session() as s:
        head = s.scalar(select(func.max(IndexOp.id)))
    assert [runtime.models.current().indexes[n].watermark for n in IndexName] == [head, head]


def test_cached_retrievals_never_outlive_a_change(
    client: TestClient, make: Factory, runtime: Runtime
) -> None:
    """A repeated ranking is served from the retrieval cache; any write to the index forgets it."""
    _, challenge = seed(make)
    index = runtime.models.current().indexes[IndexName.postdocs]
    first = ranked_ids(client, challenge["id"])
    cached = dict(index.cache.entries())
    assert len(cached) == 1
    assert ranked_ids(client, challenge["id"]) == first
    ((key, cands),) = index.cache.entries()
    assert cands is cached[key]  # the same arrays: not scored again
    assert not cands.dense.flags.writeable  # shared between requests: nobody may change them
    newcomer = make.postdoc(
        research_interests="焊缝缺陷 机器视觉 船体焊缝检测", publications=[{"title": "船体焊缝缺陷检测"}]
    )
    again = ranked_ids(client, challenge["id"])
    assert newcomer["id"] in [pid for pid, _ in again]
    assert dict(index.cache.entries())[key] is not cands
    client.delete(f"/postdocs/{newcomer['id']}")
    assert ranked_ids(client, challenge["id"]) == first


def test_a_saved_bm25_index_is_not_used_once_sql_tokens_changed(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    """Tokens changed behind the saved index's back (another process, a restore): rebuilt."""
    people, _ = seed(make)
    runtime.save_snapshots()
    with runtime.session() as s:  # same ids, same count: only the digest can tell
        doc = s.scalars(select(Document).where(Document.owner_id == people[2]["id"])).first()
        assert doc is not None
        doc.tokens = "焊缝 缺陷 机器 视觉 船体 检测"
        s.commit()
    second = build_runtime(settings)
    assert not bm25_is_mapped(second, IndexName.postdocs)  # rebuilt from SQL
    assert bm25_is_mapped(second, IndexName.challenges)  # unchanged: mapped
    lexical = second.models.current().indexes[IndexName.postdocs].lexical_index
    scores = lexical.aligned(lexical.scores(["船体"]), np.array([doc.id]))
    assert scores[0] > 0  # the changed tokens are what BM25 now holds
    second.close()


def test_an_unreadable_saved_bm25_index_is_rebuilt(
    settings: Settings, runtime: Runtime, make: Factory
) -> None:
    seed(make)
    runtime.save_snapshots()
    root = runtime.models.current().indexes[IndexName.postdocs].lexical_root
    manifest = json.loads((root / "postdocs.json").read_text())
    for path in (root / manifest["folder"]).iterdir():
        path.write_bytes(b"garbage")
    second = build_runtime(settings)
    assert not bm25_is_mapped(second, IndexName.postdocs)
    assert second.models.current().indexes[IndexName.postdocs].lexical_index.size == len(
        sql_doc_ids(second, IndexName.postdocs)
    )
    second.close()


def test_the_retrieval_cache_keeps_to_its_budget_of_scored_documents(
    client: TestClient, make: Factory, runtime: Runtime
) -> None:
    _, first = seed(make)
    second = make.challenge(title="锂电池衰减诊断", description="锂电池 正极材料 电解液 衰减")
    index = runtime.models.current().indexes[IndexName.postdocs]
    ranked_ids(client, first["id"])
    ((_, cands),) = index.cache.entries()
    index.cache.rows = len(cands.doc_ids) + 64  # room for about one query's candidates
    ranked_ids(client, second["id"])
    kept = [c for _, c in index.cache.entries()]
    assert kept and all(c is not cands for c in kept)  # the older one made room
    assert index.cache.used == sum(len(c.doc_ids) + 64 for c in kept) <= index.cache.rows
