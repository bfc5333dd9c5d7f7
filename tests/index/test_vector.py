"""Vector index backends: exact flat, approximate HNSW (recall against exact), adaptive promotion."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.config import Settings
from index.retrieval import top_k_positions
from index.vector import (
    AdaptiveVectorIndex,
    FlatVectorIndex,
    HnswVectorIndex,
    load_vector_index,
    make_vector_index,
)

DIM = 64
THRESHOLD = Settings().hnsw_threshold


def embeddings(n: int, seed: int = 0) -> np.ndarray:
    """Unit vectors with low intrinsic dimension, as sentence embeddings have."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12)) @ rng.normal(size=(12, DIM)) + 0.4 * rng.normal(size=(n, DIM))
    x = x.astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def recall(approx: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(e)) / len(e) for a, e in zip(approx, exact, strict=True)]))


def test_hnsw_recall_at_10_against_exact_is_at_least_095() -> None:
    x = embeddings(20_000)
    ids = np.arange(20_000, dtype=np.int64) * 7 + 1
    flat, hnsw = FlatVectorIndex(DIM), HnswVectorIndex(DIM)
    flat.upsert(ids, x)
    hnsw.upsert(ids, x)
    queries = embeddings(300, seed=1)
    _, exact = flat.search(queries, 10)
    _, approx = hnsw.search(queries, 10)
    assert recall(approx, exact) >= 0.95
    _, exact_wide = flat.search(queries[:50], 1000)
    _, approx_wide = hnsw.search(queries[:50], 1000)
    assert recall(approx_wide, exact_wide) >= 0.95


def test_hnsw_vectors_are_float16_close_to_the_originals() -> None:
    x = embeddings(500)
    index = HnswVectorIndex(DIM)
    index.upsert(np.arange(500), x)
    assert np.abs(index.vectors(np.array([3, 499, 0])) - x[[3, 499, 0]]).max() < 1e-3


def test_hnsw_replace_and_remove_leave_tombstones_out_of_search() -> None:
    x = embeddings(300)
    index = HnswVectorIndex(DIM)
    index.upsert(np.arange(300), x)
    index.remove(np.array([5]))
    index.upsert(np.array([6]), x[7:8])  # document 6 now has document 7's text
    assert index.size == 299
    assert 5 not in set(index.ids().tolist())
    _, hits = index.search(x[5:8], 2)
    assert 5 not in set(hits.ravel().tolist())
    assert set(hits[2].tolist()) == {6, 7}
    np.testing.assert_allclose(index.vectors(np.array([6])), index.vectors(np.array([7])), atol=1e-6)
    with pytest.raises(KeyError):
        index.vectors(np.array([5]))


def test_hnsw_compacts_when_a_fifth_is_tombstones() -> None:
    x = embeddings(100)
    index = HnswVectorIndex(DIM)
    index.upsert(np.arange(100), x)
    index.remove(np.arange(20))
    assert index.size == 80
    assert len(index._members) == 80  # rebuilt without the dead nodes
    _, hits = index.search(x[20:21], 1)
    assert hits[0, 0] == 20


def test_hnsw_save_and_load_round_trip(tmp_path: Path) -> None:
    x = embeddings(400)
    index = HnswVectorIndex(DIM)
    index.upsert(np.arange(400) + 10, x)
    index.remove(np.array([11, 12]))
    path = tmp_path / "v.idx"
    index.save(path)
    loaded = load_vector_index(path, "flat", hnsw_threshold=THRESHOLD)
    assert isinstance(loaded, HnswVectorIndex)
    assert loaded.size == 398
    assert np.array_equal(np.sort(loaded.ids()), np.sort(index.ids()))
    np.testing.assert_array_equal(loaded.search(x[:20], 5)[1], index.search(x[:20], 5)[1])


def test_adaptive_index_promotes_to_hnsw_at_the_threshold(tmp_path: Path) -> None:
    x = embeddings(300)
    index = make_vector_index("auto", DIM, hnsw_threshold=200)
    assert isinstance(index, AdaptiveVectorIndex)
    index.upsert(np.arange(150), x[:150])
    assert index.kind == "flat"
    index.upsert(np.arange(150, 300), x[150:])
    assert index.kind == "hnsw"
    assert index.size == 300
    index.save(tmp_path / "a.idx")
    reloaded = load_vector_index(tmp_path / "a.idx", "auto", hnsw_threshold=200)
    assert isinstance(reloaded, AdaptiveVectorIndex) and reloaded.kind == "hnsw"


def test_flat_snapshot_loads_as_auto_and_is_promoted_when_large(tmp_path: Path) -> None:
    flat = FlatVectorIndex(DIM)
    flat.upsert(np.arange(300), embeddings(300))
    flat.save(tmp_path / "f.idx")
    assert isinstance(
        load_vector_index(tmp_path / "f.idx", "flat", hnsw_threshold=THRESHOLD), FlatVectorIndex
    )
    promoted = load_vector_index(tmp_path / "f.idx", "auto", hnsw_threshold=100)
    assert isinstance(promoted, AdaptiveVectorIndex) and promoted.kind == "hnsw"
    assert promoted.size == 300


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="flat, hnsw, auto or milvus"):
        make_vector_index("ivf", DIM, hnsw_threshold=THRESHOLD)


def test_top_k_positions_match_a_stable_sort() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        values = rng.integers(1, 6, size=200).astype(np.float32)  # many ties
        positions = np.sort(rng.choice(10_000, size=200, replace=False))
        k = int(rng.integers(1, 250))
        expected = positions[np.argsort(-values, kind="stable")[:k]]
        assert set(top_k_positions(positions, values, k).tolist()) == set(expected.tolist())


def test_hnsw_finds_every_copy_of_duplicated_vectors() -> None:
    """Identical texts (co-authored papers, copied rosters) share one node and are all found."""
    distinct = embeddings(2000)
    copies = 20
    x = np.tile(distinct, (copies, 1))
    ids = np.arange(len(x), dtype=np.int64)
    flat, hnsw = FlatVectorIndex(DIM), HnswVectorIndex(DIM)
    flat.upsert(ids, x)
    hnsw.upsert(ids, x)
    assert hnsw.size == 40_000 and len(hnsw._members) == 2000
    queries = embeddings(100, seed=5)
    for k in (10, 200):
        exact, _ = flat.search(queries, k)
        approx, found = hnsw.search(queries, k)
        kth = exact[:, -1:]
        assert float(np.mean((approx >= kth - 1e-3).sum(axis=1) / k)) >= 0.95
        assert (found >= 0).all()
    hnsw.remove(ids[:2000])  # one copy of each vector gone: nodes stay, with 19 members
    assert hnsw.size == 38_000 and hnsw._dead_count == 0
