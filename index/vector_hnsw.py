"""Approximate FAISS backend: an HNSW graph over float16 vectors, one node per distinct vector."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import faiss
import numpy as np

from index.vector_base import Hits, VectorIndex, as_ids, as_vectors, searched

__all__ = ["COMPACT_DEAD_SHARE", "HNSW_EF_CONSTRUCTION", "HNSW_EF_SEARCH", "HNSW_M", "HnswVectorIndex"]

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 128  # raised to k when more neighbours are asked for
COMPACT_DEAD_SHARE = 0.2


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
        ids, vectors = as_ids(ids), as_vectors(vectors)
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
        self._bury(as_ids(ids))
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

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits:
        """Approximate top-``k`` (scores, ids) per query row: the best nodes, expanded to documents."""
        return searched(self._search, queries, min(k, self.size), allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> Hits:
        keep: list[faiss.IDSelector] = []  # selectors must outlive the search call
        if allowed is not None:
            allowed = as_ids(allowed)
            labels = self._label_by_id[allowed[allowed < len(self._label_by_id)]]
            keep.append(faiss.IDSelectorBatch(as_ids(np.unique(labels[labels >= 0]))))
        elif self._dead_count:
            keep.append(faiss.IDSelectorBatch(as_ids(np.flatnonzero(self._dead))))
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
        ids = as_ids(ids)
        if ids.size == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        labels = self._label_by_id[ids]
        if (labels < 0).any():
            raise KeyError(f"ids not in the index: {ids[labels < 0][:5].tolist()}")
        return self._reconstruct(labels)

    def _reconstruct(self, labels: np.ndarray) -> np.ndarray:
        return self._index.reconstruct_batch(as_ids(labels))

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
