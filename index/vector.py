"""FAISS vector index keyed by database ids, behind a small interface and a factory.

``FlatVectorIndex`` is exact inner-product search (vectors are L2-normalised, so the score is
the cosine similarity). Approximate backends (HNSW / IVF) plug in behind the same interface.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import faiss
import numpy as np


class VectorIndex(Protocol):
    dim: int

    @property
    def size(self) -> int: ...
    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...
    def remove(self, ids: np.ndarray) -> None: ...
    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]: ...
    def vectors(self, ids: np.ndarray) -> np.ndarray: ...
    def ids(self) -> np.ndarray: ...
    def save(self, path: Path) -> None: ...


class FlatVectorIndex:
    """Exact search: ``IndexIDMap2(IndexFlatIP)``; ids are ``documents.id``."""

    def __init__(self, dim: int, index: faiss.Index | None = None) -> None:
        self.dim = dim
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors, replacing any stored under the same ids."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if ids.size == 0:
            return
        self.remove(ids)
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)

    def remove(self, ids: np.ndarray) -> None:
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if ids.size and self.size:
            self._index.remove_ids(faiss.IDSelectorBatch(ids))

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` (scores, ids) per query row; ``allowed`` restricts the ids searched."""
        k = min(k, self.size)
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if k == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        params = None
        if allowed is not None:
            params = faiss.SearchParameters(
                sel=faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            )
        scores, ids = self._index.search(queries, k, params=params)
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if ids.size == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._index.reconstruct_batch(ids)

    def ids(self) -> np.ndarray:
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> FlatVectorIndex:
        index = faiss.read_index(str(path))
        return cls(index.d, index)


def make_vector_index(kind: str, dim: int) -> FlatVectorIndex:
    """Factory by backend name (only ``flat`` for now)."""
    if kind != "flat":
        raise ValueError(f"unknown vector index kind {kind!r}")
    return FlatVectorIndex(dim)
