"""Vector indexes keyed by database ids: the factory, and the backends behind one interface.

Interface: ``index.vector_base.VectorIndex``. One backend per file: ``index.vector_flat``
(exact FAISS, optionally memory-mapped), ``index.vector_hnsw`` (approximate FAISS),
``index.vector_milvus`` (Milvus / milvus-lite). This module adds ``AdaptiveVectorIndex`` and the
factory (``make_vector_index`` / ``load_vector_index``) that picks one by setting.

- ``FlatVectorIndex``: exact inner-product search (vectors are L2-normalised, so the score is the
  cosine similarity) over float32 vectors: ``IndexIDMap2(IndexFlatIP)``.
- ``HnswVectorIndex``: approximate search (HNSW graph) over float16 storage — half the memory of
  float32 and cosines within ~1e-3 of exact. HNSW cannot delete, so a replaced or removed vector
  is a tombstone excluded from every search; the graph is rebuilt when a fifth is tombstones.
- ``AdaptiveVectorIndex`` (kind ``auto``): flat while small, promoted to HNSW once it holds
  ``hnsw_threshold`` vectors (the setting of that name) — below that an exact scan stays within a few
  tens of milliseconds and keeps city-scale rankings exact.

Search picks candidates only: rankers re-score what they retrieve with ``vectors()``, so an
approximate backend can miss a document but never misreport its score by more than float16
rounding.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import faiss
import numpy as np

from index.vector_base import Hits, VectorIndex
from index.vector_flat import FlatVectorIndex, MappedFlatVectorIndex
from index.vector_hnsw import HnswVectorIndex

__all__ = [
    "AdaptiveVectorIndex",
    "FlatVectorIndex",
    "HnswVectorIndex",
    "MappedFlatVectorIndex",
    "VectorIndex",
    "load_vector_index",
    "make_vector_index",
    "set_faiss_threads",
]


class AdaptiveVectorIndex:
    """Flat (exact) below ``threshold`` vectors, HNSW from there on (kind ``auto``)."""

    def __init__(self, dim: int, threshold: int, inner: VectorIndex | None = None):
        self.dim = dim
        self.threshold = threshold
        self.inner: VectorIndex = inner if inner is not None else FlatVectorIndex(dim)
        self._promote_if_needed()

    @property
    def kind(self) -> str:
        return str(getattr(self.inner, "kind", "flat"))

    @property
    def size(self) -> int:
        return self.inner.size

    def _promote_if_needed(self) -> None:
        flat = isinstance(self.inner, FlatVectorIndex | MappedFlatVectorIndex)
        if flat and self.inner.size >= self.threshold:
            self.inner = HnswVectorIndex.from_index(self.inner)

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self.inner.upsert(ids, vectors)
        self._promote_if_needed()

    def remove(self, ids: np.ndarray) -> None:
        self.inner.remove(ids)

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits:
        return self.inner.search(queries, k, allowed)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return self.inner.vectors(ids)

    def ids(self) -> np.ndarray:
        return self.inner.ids()

    def save(self, path: Path) -> None:
        self.inner.save(path)


def make_vector_index(
    kind: str, dim: int, *, hnsw_threshold: int, milvus_uri: str = "", collection: str = "vectors"
) -> VectorIndex:
    """Factory by backend name: ``flat`` (exact), ``hnsw`` (approximate), ``auto`` (by size) or
    ``milvus`` (a new collection named after ``collection`` at ``milvus_uri``)."""
    if kind == "flat":
        return FlatVectorIndex(dim)
    if kind == "hnsw":
        return HnswVectorIndex(dim)
    if kind == "auto":
        return AdaptiveVectorIndex(dim, hnsw_threshold)
    if kind == "milvus":
        from index.vector_milvus import MilvusVectorIndex  # pymilvus only when asked for

        return MilvusVectorIndex.create(dim, _required(milvus_uri), collection)
    raise ValueError(f"unknown vector index kind {kind!r}; use flat, hnsw, auto or milvus")


def _required(uri: str) -> str:
    if not uri:
        raise ValueError("the milvus backend needs a URI (setting milvus_uri)")
    return uri


def load_vector_index(
    path: Path, kind: str, *, hnsw_threshold: int, mmap: bool = False, milvus_uri: str = ""
) -> VectorIndex:
    """Read a saved index as ``kind``: a flat file becomes HNSW for ``hnsw``; ``auto`` wraps it;
    ``flat`` keeps what was saved; ``milvus`` reopens the collection the file points to. With
    ``mmap`` a flat file is memory-mapped read-only (shared by the processes of one host)."""
    if kind == "milvus":
        from index.vector_milvus import MilvusVectorIndex

        return MilvusVectorIndex.load(path, _required(milvus_uri))
    loaded: VectorIndex
    if zipfile.is_zipfile(path):
        loaded = HnswVectorIndex.load(path)
    else:
        loaded = MappedFlatVectorIndex.load(path) if mmap else FlatVectorIndex.load(path)
    if kind == "auto":
        return AdaptiveVectorIndex(loaded.dim, hnsw_threshold, loaded)
    if kind == "hnsw" and not isinstance(loaded, HnswVectorIndex):
        return HnswVectorIndex.from_index(loaded)
    return loaded


def set_faiss_threads(threads: int) -> None:
    """FAISS's OpenMP thread count for this process (0 leaves the library default)."""
    if threads:
        faiss.omp_set_num_threads(threads)
