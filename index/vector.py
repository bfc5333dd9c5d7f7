"""FAISS vector indexes keyed by database ids, behind a small interface and a factory.

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

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

__all__ = [
    "AdaptiveVectorIndex",
    "FlatVectorIndex",
    "HnswVectorIndex",
    "VectorIndex",
    "load_vector_index",
    "make_vector_index",
    "set_faiss_threads",
]

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 128  # raised to k when more neighbours are asked for
COMPACT_DEAD_SHARE = 0.2
_Hits = tuple[np.ndarray, np.ndarray]  # (scores, ids), one row per query
_Search = Callable[[np.ndarray, int, "np.ndarray | None"], _Hits]


class VectorIndex(Protocol):
    dim: int

    @property
    def size(self) -> int: ...
    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...
    def remove(self, ids: np.ndarray) -> None: ...
    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> _Hits: ...
    def vectors(self, ids: np.ndarray) -> np.ndarray: ...
    def ids(self) -> np.ndarray: ...
    def save(self, path: Path) -> None: ...


def _as_ids(ids: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(ids, dtype=np.int64)


def _as_vectors(vectors: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(vectors, dtype=np.float32)


def _searched(search: _Search, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> _Hits:
    """``search`` over float32 queries, or no hits at all when ``k`` is 0."""
    queries = _as_vectors(queries)
    if k == 0:
        return np.zeros((len(queries), 0), dtype=np.float32), np.zeros((len(queries), 0), dtype=np.int64)
    return search(queries, k, allowed)


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
        ids = _as_ids(ids)
        if ids.size == 0:
            return
        self.remove(ids)
        self._index.add_with_ids(_as_vectors(vectors), ids)

    def remove(self, ids: np.ndarray) -> None:
        ids = _as_ids(ids)
        if ids.size and self.size:
            self._index.remove_ids(faiss.IDSelectorBatch(ids))

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> _Hits:
        """Top-``k`` (scores, ids) per query row; ``allowed`` restricts the ids searched."""
        return _searched(self._search, queries, min(k, self.size), allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> _Hits:
        params = None
        if allowed is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(_as_ids(allowed)))
        scores, ids = self._index.search(queries, k, params=params)
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = _as_ids(ids)
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


class HnswVectorIndex:
    """Approximate search: ``IndexHNSWSQ`` (float16); one graph node per *distinct* vector.

    Identical texts (a paper shared by co-authors, a copied roster) have identical vectors; HNSW
    prunes such duplicates from its neighbour lists and then cannot reach them, so each distinct
    vector is one node (``label``) and the documents holding it are its members.
    ``_label_by_id[doc id]`` is a document's node (-1 when absent); ``_members[label]`` the
    documents on a node; ``_keys[label]`` a digest of the vector; ``_dead`` marks empty nodes.
    """

    kind = "hnsw"

    def __init__(self, dim: int, *, m: int = HNSW_M, ef_construction: int = HNSW_EF_CONSTRUCTION) -> None:
        self.dim = dim
        self._m = m
        self._ef_construction = ef_construction
        self._reset()

    def _reset(self) -> None:
        self._index = self._empty_graph()
        self._members: list[list[int]] = []
        self._keys: list[bytes] = []
        self._label_of_key: dict[bytes, int] = {}
        self._dead = np.zeros(0, dtype=bool)
        self._label_by_id = np.full(getattr(self, "_label_by_id", np.zeros(0)).shape[0], -1, dtype=np.int64)
        self._dead_count = 0
        self._size = 0

    def _empty_graph(self) -> faiss.Index:
        fp16 = faiss.ScalarQuantizer.QT_fp16
        index = faiss.IndexHNSWSQ(self.dim, fp16, self._m, faiss.METRIC_INNER_PRODUCT)  # type: ignore[arg-type]
        index.hnsw.efConstruction = self._ef_construction
        return index

    @property
    def size(self) -> int:
        return self._size

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors, replacing any stored under the same ids; a known vector joins its node."""
        ids, vectors = _as_ids(ids), _as_vectors(vectors)
        if ids.size == 0:
            return
        self._bury(ids)
        self._grow_map(int(ids.max()))
        fresh: dict[bytes, int] = {}  # key -> row of ``vectors`` that creates the node
        for row, doc_id in enumerate(ids.tolist()):
            key = hashlib.blake2b(vectors[row].tobytes(), digest_size=16).digest()
            label = self._label_of_key.get(key)
            if label is None:
                label = len(self._members)
                self._label_of_key[key] = label
                self._members.append([])
                self._keys.append(key)
                fresh[key] = row
            self._members[label].append(doc_id)
            self._label_by_id[doc_id] = label
        self._size += len(ids)
        if fresh:
            self._index.add(vectors[list(fresh.values())])
            self._dead = np.concatenate([self._dead, np.zeros(len(fresh), dtype=bool)])
        self._compact_if_needed()

    def remove(self, ids: np.ndarray) -> None:
        self._bury(_as_ids(ids))
        self._compact_if_needed()

    def _bury(self, ids: np.ndarray) -> None:
        known = ids[ids < len(self._label_by_id)]
        for doc_id, label in zip(known.tolist(), self._label_by_id[known].tolist(), strict=True):
            if label < 0:
                continue
            members = self._members[label]
            members.remove(doc_id)
            self._label_by_id[doc_id] = -1
            self._size -= 1
            if not members:
                self._dead[label] = True
                self._dead_count += 1
                del self._label_of_key[self._keys[label]]

    def _grow_map(self, max_id: int) -> None:
        if max_id >= len(self._label_by_id):
            grown = np.full(max(max_id + 1, 2 * len(self._label_by_id)), -1, dtype=np.int64)
            grown[: len(self._label_by_id)] = self._label_by_id
            self._label_by_id = grown

    def _compact_if_needed(self) -> None:
        if self._dead_count and self._dead_count >= COMPACT_DEAD_SHARE * len(self._members):
            live = np.flatnonzero(~self._dead)
            vectors = self._reconstruct(live)
            members = [self._members[label] for label in live.tolist()]
            self._reset()
            for vector, docs in zip(vectors, members, strict=True):
                self.upsert(np.array(docs, dtype=np.int64), np.repeat(vector[None, :], len(docs), axis=0))

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> _Hits:
        """Approximate top-``k`` (scores, ids) per query row: the best nodes, expanded to documents."""
        return _searched(self._search, queries, min(k, self.size), allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> _Hits:
        keep: list[faiss.IDSelector] = []  # selectors must outlive the search call
        if allowed is not None:
            allowed = _as_ids(allowed)
            labels = self._label_by_id[allowed[allowed < len(self._label_by_id)]]
            keep.append(faiss.IDSelectorBatch(_as_ids(np.unique(labels[labels >= 0]))))
        elif self._dead_count:
            keep.append(faiss.IDSelectorBatch(_as_ids(np.flatnonzero(self._dead))))
            keep.append(faiss.IDSelectorNot(keep[0]))
        nodes = min(k, len(self._members) - self._dead_count)
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, nodes))  # type: ignore[attr-defined]
        if keep:
            params.sel = keep[-1]
        node_scores, labels = self._index.search(queries, nodes, params=params)
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        allowed_set = None if allowed is None else set(allowed.tolist())
        for q in range(len(queries)):
            filled = 0
            for score, label in zip(node_scores[q].tolist(), labels[q].tolist(), strict=True):
                if label < 0 or filled == k:
                    break
                members = self._members[label]
                if allowed_set is not None:
                    members = [doc for doc in members if doc in allowed_set]
                take = members[: k - filled]
                scores[q, filled : filled + len(take)] = score
                ids[q, filled : filled + len(take)] = take
                filled += len(take)
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = _as_ids(ids)
        if ids.size == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        labels = self._label_by_id[ids]
        if (labels < 0).any():
            raise KeyError(f"ids not in the index: {ids[labels < 0][:5].tolist()}")
        return self._reconstruct(labels)

    def _reconstruct(self, labels: np.ndarray) -> np.ndarray:
        return self._index.reconstruct_batch(_as_ids(labels))

    def ids(self) -> np.ndarray:
        return np.flatnonzero(self._label_by_id >= 0).astype(np.int64)

    def save(self, path: Path) -> None:
        """One zip file: the graph (streamed), each document's node, the node digests and tombstones."""
        doc_ids = self.ids()
        arrays = {
            "doc_ids": doc_ids,
            "labels": self._label_by_id[doc_ids],
            "keys": np.array(self._keys, dtype="S16"),
            "dead": self._dead,
        }
        with zipfile.ZipFile(path, "w") as archive:
            with archive.open("graph.faiss", "w") as fh:  # streamed: no second copy in memory
                faiss.write_index(self._index, faiss.PyCallbackIOWriter(fh.write))  # type: ignore[attr-defined]
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.save(buffer, array, allow_pickle=False)
                archive.writestr(f"{name}.npy", buffer.getvalue())

    @classmethod
    def load(cls, path: Path) -> HnswVectorIndex:
        with zipfile.ZipFile(path) as archive:
            with archive.open("graph.faiss") as fh:
                graph = faiss.read_index(faiss.PyCallbackIOReader(fh.read))  # type: ignore[attr-defined]
            arrays = {
                name: np.load(io.BytesIO(archive.read(f"{name}.npy")), allow_pickle=False)
                for name in ("doc_ids", "labels", "keys", "dead")
            }
        index = cls(graph.d, m=graph.hnsw.nb_neighbors(1))  # type: ignore[attr-defined]
        index._index, index._dead = graph, arrays["dead"]
        index._keys = [bytes(k) for k in arrays["keys"].tolist()]
        index._members = [[] for _ in index._keys]
        for doc_id, label in zip(arrays["doc_ids"].tolist(), arrays["labels"].tolist(), strict=True):
            index._members[label].append(doc_id)
        index._label_of_key = {key: label for label, key in enumerate(index._keys) if not index._dead[label]}
        index._dead_count = int(index._dead.sum())
        index._size = len(arrays["doc_ids"])
        if index._size:
            index._grow_map(int(arrays["doc_ids"].max()))
            index._label_by_id[arrays["doc_ids"]] = arrays["labels"]
        return index

    @classmethod
    def from_index(cls, source: VectorIndex) -> HnswVectorIndex:
        """An HNSW copy of any index (used to promote a flat index that has grown)."""
        index = cls(source.dim)
        ids = np.sort(source.ids())
        for start in range(0, len(ids), 50_000):
            part = ids[start : start + 50_000]
            index.upsert(part, source.vectors(part))
        return index


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
        if isinstance(self.inner, FlatVectorIndex) and self.inner.size >= self.threshold:
            self.inner = HnswVectorIndex.from_index(self.inner)

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self.inner.upsert(ids, vectors)
        self._promote_if_needed()

    def remove(self, ids: np.ndarray) -> None:
        self.inner.remove(ids)

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> _Hits:
        return self.inner.search(queries, k, allowed)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return self.inner.vectors(ids)

    def ids(self) -> np.ndarray:
        return self.inner.ids()

    def save(self, path: Path) -> None:
        self.inner.save(path)


def make_vector_index(kind: str, dim: int, *, hnsw_threshold: int) -> VectorIndex:
    """Factory by backend name: ``flat`` (exact), ``hnsw`` (approximate) or ``auto`` (by size)."""
    if kind == "flat":
        return FlatVectorIndex(dim)
    if kind == "hnsw":
        return HnswVectorIndex(dim)
    if kind == "auto":
        return AdaptiveVectorIndex(dim, hnsw_threshold)
    raise ValueError(f"unknown vector index kind {kind!r}; use flat, hnsw or auto")


def load_vector_index(path: Path, kind: str, *, hnsw_threshold: int) -> VectorIndex:
    """Read a saved index of either backend (an HNSW file is a zip archive), as ``kind``: a
    flat file becomes HNSW for ``hnsw``; ``auto`` wraps it; ``flat`` keeps what was saved."""
    loaded: VectorIndex = (
        HnswVectorIndex.load(path) if zipfile.is_zipfile(path) else FlatVectorIndex.load(path)
    )
    if kind == "auto":
        return AdaptiveVectorIndex(loaded.dim, hnsw_threshold, loaded)
    if kind == "hnsw" and isinstance(loaded, FlatVectorIndex):
        return HnswVectorIndex.from_index(loaded)
    return loaded


def set_faiss_threads(threads: int) -> None:
    """FAISS's OpenMP thread count for this process (0 leaves the library default)."""
    if threads:
        faiss.omp_set_num_threads(threads)
