"""Exact FAISS backend: ``IndexIDMap2(IndexFlatIP)`` over float32 vectors.

``MappedFlatVectorIndex`` opens a saved flat snapshot memory-mapped and read-only
(``IO_FLAG_MMAP_IFC``), so every worker on a host that opens the same snapshot shares one copy of
the vectors through the page cache. A mapped FAISS index must never be written (FAISS aborts the
process), so changes go to a small owned delta index and removals to a tombstone list; searches
merge both.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.vector_base import Hits, as_ids, as_vectors, merge_hits, searched

__all__ = ["FlatVectorIndex", "MappedFlatVectorIndex"]


class FlatVectorIndex:
    """Exact search: ``IndexIDMap2(IndexFlatIP)``; ids are ``documents.id``."""

    kind = "flat"

    def __init__(self, dim: int, index: faiss.Index | None = None) -> None:
        self.dim = dim
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors, replacing any stored under the same ids."""
        ids = as_ids(ids)
        if ids.size == 0:
            return
        self.remove(ids)
        self._index.add_with_ids(as_vectors(vectors), ids)

    def remove(self, ids: np.ndarray) -> None:
        ids = as_ids(ids)
        if ids.size and self.size:
            self._index.remove_ids(faiss.IDSelectorBatch(ids))

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits:
        """Top-``k`` (scores, ids) per query row; ``allowed`` restricts the ids searched."""
        return searched(self._search, queries, min(k, self.size), allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> Hits:
        params = None
        if allowed is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(as_ids(allowed)))  # type: ignore[call-arg]
        scores, ids = self._index.search(queries, k, params=params)
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = as_ids(ids)
        if ids.size == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._index.reconstruct_batch(ids)

    def ids(self) -> np.ndarray:
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)  # type: ignore[attr-defined]

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> FlatVectorIndex:
        index = faiss.read_index(str(path))
        return cls(index.d, index)


class MappedFlatVectorIndex:
    """A saved flat index, memory-mapped read-only, plus an owned delta and tombstones.

    ``_base`` is never written. A vector upserted again lives in ``_delta`` and its base copy is
    a tombstone (``_buried``), so each id is live in exactly one of the two.
    """

    kind = "flat"

    def __init__(self, base: faiss.Index) -> None:
        self.dim = int(base.d)
        self._base = base
        self._base_ids = np.sort(faiss.vector_to_array(base.id_map).astype(np.int64))  # type: ignore[attr-defined]
        self._buried = np.zeros(len(self._base_ids), dtype=bool)
        self._delta = FlatVectorIndex(self.dim)

    @classmethod
    def load(cls, path: Path) -> MappedFlatVectorIndex:
        return cls(faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY))

    @property
    def size(self) -> int:
        return len(self._base_ids) - int(self._buried.sum()) + self._delta.size

    def _base_rows(self, ids: np.ndarray) -> np.ndarray:
        """Positions in ``_base_ids`` of those ``ids`` that are live in the base."""
        rows = np.searchsorted(self._base_ids, ids)
        rows = rows[rows < len(self._base_ids)]
        rows = rows[np.isin(self._base_ids[rows], ids)]
        return rows[~self._buried[rows]]

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors to the delta, burying any base copy under the same ids."""
        ids = as_ids(ids)
        self._buried[self._base_rows(ids)] = True
        self._delta.upsert(ids, vectors)

    def remove(self, ids: np.ndarray) -> None:
        ids = as_ids(ids)
        self._buried[self._base_rows(ids)] = True
        self._delta.remove(ids)

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits:
        """Top-``k`` over base and delta, merged by score."""
        return searched(self._search, queries, min(k, self.size), allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> Hits:
        buried = self._base_ids[self._buried]
        keep: list[faiss.IDSelector] = []  # selectors must outlive the search call
        if allowed is not None:
            live = np.setdiff1d(np.intersect1d(self._base_ids, as_ids(allowed)), buried)
            keep.append(faiss.IDSelectorBatch(live))
        else:
            live_count = len(self._base_ids) - len(buried)
            if len(buried):  # few tombstones: exclude them instead of listing the live ids
                keep.append(faiss.IDSelectorBatch(buried))
                keep.append(faiss.IDSelectorNot(keep[0]))
        count = len(live) if allowed is not None else live_count
        hits = [self._delta.search(queries, k, allowed)]
        if count:
            params = faiss.SearchParameters(sel=keep[-1]) if keep else None  # type: ignore[call-arg]
            hits.append(self._base.search(queries, min(k, count), params=params))
        return merge_hits(hits, k)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = as_ids(ids)
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        in_delta = np.isin(ids, self._delta.ids())
        if in_delta.any():
            out[in_delta] = self._delta.vectors(ids[in_delta])
        if (~in_delta).any():
            out[~in_delta] = self._base.reconstruct_batch(ids[~in_delta])
        return out

    def ids(self) -> np.ndarray:
        return np.concatenate([self._base_ids[~self._buried], self._delta.ids()])

    def save(self, path: Path) -> None:
        """A plain flat file of every live vector (readable by ``FlatVectorIndex.load`` too)."""
        whole = FlatVectorIndex(self.dim)
        ids = np.sort(self.ids())
        for start in range(0, len(ids), 50_000):
            part = ids[start : start + 50_000]
            whole.upsert(part, self.vectors(part))
        whole.save(path)
