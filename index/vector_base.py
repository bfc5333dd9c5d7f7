"""The vector index interface every backend implements, and the helpers they share.

A backend holds vectors keyed by ``documents.id``: ``upsert`` / ``remove`` apply outbox ops,
``search`` picks candidates (top-k by inner product = cosine, vectors being unit length), and
``vectors`` returns stored vectors so rankers can re-score exactly what they retrieved. ``save``
writes what a snapshot needs to reopen the index. Backends: ``index.vector_flat`` (exact FAISS),
``index.vector_hnsw`` (approximate FAISS), ``index.vector_milvus`` (Milvus / milvus-lite); the
factory is ``index.vector``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

__all__ = [
    "Hits",
    "SearchFn",
    "VectorIndex",
    "as_ids",
    "as_vectors",
    "empty_hits",
    "merge_hits",
    "searched",
]

Hits = tuple[np.ndarray, np.ndarray]  # (scores, ids), one row per query
SearchFn = Callable[[np.ndarray, int, "np.ndarray | None"], Hits]


class VectorIndex(Protocol):
    dim: int

    @property
    def size(self) -> int: ...
    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...
    def remove(self, ids: np.ndarray) -> None: ...
    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits: ...
    def vectors(self, ids: np.ndarray) -> np.ndarray: ...
    def ids(self) -> np.ndarray: ...
    def save(self, path: Path) -> None: ...


def as_ids(ids: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(ids, dtype=np.int64)


def as_vectors(vectors: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(vectors, dtype=np.float32)


def searched(search: SearchFn, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> Hits:
    """``search`` over float32 queries, or no hits at all when ``k`` is 0."""
    queries = as_vectors(queries)
    if k == 0:
        return empty_hits(len(queries), 0)
    return search(queries, k, allowed)


def empty_hits(rows: int, k: int) -> Hits:
    """``rows`` × ``k`` hits that are all misses: score -inf, id -1."""
    return np.full((rows, k), -np.inf, dtype=np.float32), np.full((rows, k), -1, dtype=np.int64)


def merge_hits(hits: list[Hits], k: int) -> Hits:
    """The best ``k`` per query row of several hit lists over disjoint ids, by score."""
    rows = len(hits[0][0])
    scores = np.concatenate([h[0] for h in hits], axis=1)
    ids = np.concatenate([h[1] for h in hits], axis=1)
    scores[ids < 0] = -np.inf
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    out_scores, out_ids = empty_hits(rows, k)
    width = order.shape[1]
    out_scores[:, :width] = np.take_along_axis(scores, order, axis=1)
    out_ids[:, :width] = np.take_along_axis(ids, order, axis=1)
    return out_scores, out_ids
