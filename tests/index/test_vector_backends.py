"""One contract for every vector backend: exact flat, memory-mapped flat, HNSW and milvus-lite.

Each test runs against each backend; milvus-lite runs in-process from a file under tmp_path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from index.vector import (
    FlatVectorIndex,
    HnswVectorIndex,
    MappedFlatVectorIndex,
    VectorIndex,
    load_vector_index,
)
from index.vector_milvus import MilvusVectorIndex, milvus_available

DIM = 16
Make = Callable[[np.ndarray, np.ndarray], VectorIndex]


def unit(n: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _flat(tmp: Path, ids: np.ndarray, x: np.ndarray) -> VectorIndex:
    index = FlatVectorIndex(DIM)
    index.upsert(ids, x)
    return index


def _mapped(tmp: Path, ids: np.ndarray, x: np.ndarray) -> VectorIndex:
    _flat(tmp, ids, x).save(tmp / "base.faiss")
    return MappedFlatVectorIndex.load(tmp / "base.faiss")


def _hnsw(tmp: Path, ids: np.ndarray, x: np.ndarray) -> VectorIndex:
    index = HnswVectorIndex(DIM)
    index.upsert(ids, x)
    return index


def _milvus(tmp: Path, ids: np.ndarray, x: np.ndarray) -> VectorIndex:
    index = MilvusVectorIndex.create(DIM, str(tmp / "milvus.db"), "contract")
    index.upsert(ids, x)
    return index


BACKENDS = {"flat": _flat, "mapped": _mapped, "hnsw": _hnsw, "milvus": _milvus}
TOL = {"flat": 1e-5, "mapped": 1e-5, "hnsw": 1e-3, "milvus": 1e-5}  # HNSW stores float16


@pytest.fixture(params=list(BACKENDS), ids=list(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make(backend: str, tmp_path: Path) -> Make:
    if backend == "milvus" and not milvus_available():
        pytest.skip("pymilvus / milvus-lite not installed (pip install 'jiebang[milvus]')")
    return lambda ids, x: BACKENDS[backend](tmp_path, ids, x)


IDS = np.arange(200, dtype=np.int64) * 3 + 5
X = unit(200, 0)


def exact_top(queries: np.ndarray, k: int, ids: np.ndarray = IDS, x: np.ndarray = X) -> np.ndarray:
    return ids[np.argsort(-(queries @ x.T), axis=1, kind="stable")[:, :k]]


def test_search_finds_the_exact_top_10(make: Make, backend: str) -> None:
    index = make(IDS, X)
    queries = unit(5, 1)
    scores, found = index.search(queries, 10)
    assert index.size == 200
    assert found.tolist() == exact_top(queries, 10).tolist()
    expected = np.take_along_axis(queries @ X.T, np.argsort(-(queries @ X.T), axis=1)[:, :10], axis=1)
    assert np.abs(scores - expected).max() < TOL[backend]


def test_vectors_and_ids_round_trip(make: Make, backend: str) -> None:
    index = make(IDS, X)
    assert index.ids().tolist() == IDS.tolist()
    assert np.abs(index.vectors(IDS[[7, 0, 199]]) - X[[7, 0, 199]]).max() < TOL[backend]


def test_upsert_replaces_and_remove_deletes(make: Make, backend: str) -> None:
    index = make(IDS, X)
    replaced = unit(1, 9)
    index.upsert(IDS[[3]], replaced)
    index.remove(IDS[[10, 11]])
    assert index.size == 198
    assert sorted(index.ids().tolist()) == sorted(set(IDS.tolist()) - {int(IDS[10]), int(IDS[11])})
    assert np.abs(index.vectors(IDS[[3]]) - replaced).max() < TOL[backend]
    _, found = index.search(replaced, 1)
    assert found[0, 0] == IDS[3]
    _, hits = index.search(X[[10]], 198)
    assert int(IDS[10]) not in hits[0].tolist() and int(IDS[11]) not in hits[0].tolist()


def test_allowed_ids_restrict_the_search(make: Make) -> None:
    index = make(IDS, X)
    allowed = IDS[[1, 50, 120]]
    scores, found = index.search(unit(2, 3), 5, allowed)
    kept = found[found >= 0]
    assert set(kept.tolist()) == set(allowed.tolist())
    assert np.isinf(scores[found < 0]).all() or (scores[found < 0] < -1e30).all()


def test_k_zero_and_k_above_the_size(make: Make) -> None:
    index = make(IDS[:4], X[:4])
    assert index.search(X[:2], 0)[1].shape == (2, 0)
    assert sorted(index.search(X[:1], 50)[1][0].tolist()) == sorted(IDS[:4].tolist())


def test_save_and_load_give_the_same_results(make: Make, backend: str, tmp_path: Path) -> None:
    index = make(IDS, X)
    index.remove(IDS[[0]])
    path = tmp_path / "snapshot.bin"
    index.save(path)
    kind = {"mapped": "flat"}.get(backend, backend)
    loaded = load_vector_index(
        path, kind, hnsw_threshold=10**9, mmap=backend == "mapped", milvus_uri=str(tmp_path / "milvus.db")
    )
    queries = unit(3, 4)
    assert loaded.size == 199
    assert loaded.search(queries, 10)[1].tolist() == index.search(queries, 10)[1].tolist()
