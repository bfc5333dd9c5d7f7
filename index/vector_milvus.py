"""Milvus backend (pymilvus): the vectors live in a Milvus collection instead of this process.

The URI picks the engine: a local file path (``…/milvus.db``) runs milvus-lite in-process (tests,
small installs; one process per data file), ``http://host:19530`` a Milvus server or cluster.
SQL stays the source of truth: the collection is fed from the outbox through ``upsert`` /
``remove`` like any other backend (idempotent: an upsert replaces the row of that id), and a
snapshot is only a pointer (URI, collection, count) that the next open checks before using it —
any disagreement means a rebuild into a new collection, never a wrong score.

Every collection of one build has a unique name (``<prefix>_<uuid>``), so a rebuild never drops
what a serving index (in this or another process) still reads. Search is exact (``FLAT``, inner
product) on milvus-lite; a server may use any index type, the rankers re-score what it returns.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import numpy as np

from index.vector_base import Hits, as_ids, as_vectors, empty_hits, searched

__all__ = ["MilvusVectorIndex", "collection_prefix", "drop_collections", "milvus_available"]

_BATCH = 2000  # rows per upsert / get call
_MAX_TOPK = 16_384  # Milvus refuses larger limits
_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def milvus_available() -> bool:
    """Whether pymilvus (and for file URIs, milvus-lite) can be imported here."""
    try:
        import pymilvus  # noqa: F401
    except ImportError:
        return False
    return True


def _client(uri: str) -> Any:
    """One client per URI and process (milvus-lite allows one process per data file)."""
    from pymilvus import MilvusClient

    with _clients_lock:
        if uri not in _clients:
            if "://" not in uri:
                Path(uri).parent.mkdir(parents=True, exist_ok=True)
            _clients[uri] = MilvusClient(uri)
        return _clients[uri]


def collection_prefix(name: str, key: str) -> str:
    """The prefix of every collection of one index and model (``key``: a model hash)."""
    return f"jiebang_{name}_{key[:10]}"


def drop_collections(uri: str, prefix: str, *, keep: set[str]) -> list[str]:
    """Drop the collections named ``<prefix>_…`` except those in ``keep``; returns the dropped."""
    client = _client(uri)
    doomed = [c for c in client.list_collections() if c.startswith(f"{prefix}_") and c not in keep]
    for name in doomed:
        client.drop_collection(name)
    return doomed


def _collection_name(prefix: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_]", "_", prefix)
    return f"{clean}_{uuid.uuid4().hex[:12]}"


class MilvusVectorIndex:
    """Vectors keyed by ``documents.id`` in one Milvus collection."""

    kind = "milvus"

    def __init__(self, dim: int, uri: str, collection: str) -> None:
        self.dim = dim
        self.uri = uri
        self.collection = collection
        self._client = _client(uri)
        self._count: int | None = None
        self._lock = threading.Lock()

    @classmethod
    def create(cls, dim: int, uri: str, prefix: str) -> MilvusVectorIndex:
        """An empty, new collection named after ``prefix``."""
        from pymilvus import DataType, MilvusClient

        index = cls(dim, uri, _collection_name(prefix))
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        params = index._client.prepare_index_params()
        params.add_index("vector", index_type="FLAT", metric_type="IP")
        index._client.create_collection(
            index.collection, schema=schema, index_params=params, consistency_level="Strong"
        )
        index._count = 0
        return index

    @classmethod
    def reopen(cls, dim: int, uri: str, collection: str) -> MilvusVectorIndex | None:
        """The existing ``collection`` (None when it is unnamed or gone)."""
        if not collection or not _client(uri).has_collection(collection):
            return None
        return cls(dim, uri, collection)

    @property
    def size(self) -> int:
        with self._lock:
            if self._count is None:
                rows = self._client.query(self.collection, filter="", output_fields=["count(*)"])
                self._count = int(rows[0]["count(*)"])
            return self._count

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Insert or replace the rows of these ids."""
        ids, vectors = as_ids(ids), as_vectors(vectors)
        for start in range(0, len(ids), _BATCH):
            rows = [
                {"id": int(i), "vector": v.tolist()}
                for i, v in zip(ids[start : start + _BATCH], vectors[start : start + _BATCH], strict=True)
            ]
            self._client.upsert(self.collection, rows)
        self._forget_count(len(ids))

    def remove(self, ids: np.ndarray) -> None:
        ids = as_ids(ids)
        for start in range(0, len(ids), _BATCH):
            self._client.delete(self.collection, ids=ids[start : start + _BATCH].tolist())
        self._forget_count(len(ids))

    def _forget_count(self, changed: int) -> None:
        if changed:
            self.refresh()

    def refresh(self) -> None:
        """Count the rows again on the next ``size`` (another process wrote the collection)."""
        with self._lock:
            self._count = None

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits:
        """Top-``k`` (scores, ids) per query row by inner product; ``allowed`` filters ids."""
        return searched(self._search, queries, min(k, self.size, _MAX_TOPK), allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> Hits:
        expr = ""
        if allowed is not None:
            allowed = as_ids(allowed)
            if allowed.size == 0:
                return empty_hits(len(queries), k)
            expr = f"id in [{','.join(map(str, allowed.tolist()))}]"
        found = self._client.search(
            self.collection,
            data=queries.tolist(),
            limit=k,
            filter=expr,
            output_fields=["id"],
            search_params={"metric_type": "IP"},
        )
        scores, ids = empty_hits(len(queries), k)
        for row, hits in enumerate(found):
            for col, hit in enumerate(list(hits)[:k]):
                scores[row, col] = float(hit["distance"])
                ids[row, col] = int(hit["id"])
        return scores, ids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """Stored vectors, in the order of ``ids``; ``KeyError`` for an id not in the collection."""
        ids = as_ids(ids)
        found: dict[int, list[float]] = {}
        for start in range(0, len(ids), _BATCH):
            part = ids[start : start + _BATCH].tolist()
            for row in self._client.get(self.collection, ids=part, output_fields=["vector"]):
                found[int(row["id"])] = row["vector"]
        missing = [i for i in ids.tolist() if i not in found]
        if missing:
            raise KeyError(f"ids not in the index: {missing[:5]}")
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        for row, doc_id in enumerate(ids.tolist()):
            out[row] = found[doc_id]
        return out

    def ids_among(self, ids: np.ndarray) -> np.ndarray:
        """Those of ``ids`` the collection holds."""
        ids = as_ids(ids)
        found: list[int] = []
        for start in range(0, len(ids), _BATCH):
            part = ids[start : start + _BATCH].tolist()
            found.extend(
                int(r["id"]) for r in self._client.get(self.collection, ids=part, output_fields=["id"])
            )
        return np.array(sorted(found), dtype=np.int64)

    def ids(self) -> np.ndarray:
        """Every id in the collection (read in pages)."""
        iterator = self._client.query_iterator(
            self.collection, batch_size=_MAX_TOPK, filter="id >= 0", output_fields=["id"]
        )
        out: list[int] = []
        try:
            while page := iterator.next():
                out.extend(int(row["id"]) for row in page)
        finally:
            iterator.close()
        return np.array(sorted(out), dtype=np.int64)

    def save(self, path: Path) -> None:
        """The snapshot of a Milvus index is a pointer: URI, collection, dimension, count."""
        meta = {"uri": self.uri, "collection": self.collection, "dim": self.dim, "count": self.size}
        path.write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, uri: str) -> MilvusVectorIndex:
        """Reopen the collection a snapshot points to; ``ValueError`` when it cannot be used."""
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a Milvus snapshot: {exc}") from exc
        if not isinstance(meta, dict) or meta.get("uri") != uri:
            raise ValueError(
                f"snapshot of another Milvus ({meta.get('uri') if isinstance(meta, dict) else meta})"
            )
        index = cls(int(meta["dim"]), uri, str(meta["collection"]))
        if not index._client.has_collection(index.collection):
            raise ValueError(f"Milvus collection {index.collection} is gone")
        return index

    def drop(self) -> None:
        """Delete the collection (tests, and collections no snapshot points to any more)."""
        self._client.drop_collection(self.collection)
