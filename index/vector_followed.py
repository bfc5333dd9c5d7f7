"""The query side of Milvus: an API process reads the collection the follower feeds, never writes it.

``FollowedVectorIndex`` is the vector backend of a ``SearchIndex`` on Milvus. The follower
(index/milvus_feed.py) records in ``index_feeds`` which collection it feeds and up to which
outbox op id; the API process replays the outbox on its own too (for owners and BM25), and the
vectors of documents changed after the follower's watermark go to a small local *overlay*
(changed: its vector; removed: a tombstone). Searches merge Milvus's hits, minus every id the
overlay holds, with the overlay's: a request sees the writes this process has replayed even
before the follower has fed them (read-your-writes), and nothing is written to Milvus.
An overlay entry is dropped once the follower's watermark passes the op that made it.

``MilvusLink`` is how a ``SearchIndex`` reaches Milvus: it reads the feed row, and when this
process feeds too (``JIEBANG_MILVUS_FEED=here``) it steps the feeder first.
"""

from __future__ import annotations

import numpy as np

from index import store
from index.encoder import Encoder
from index.milvus_feed import MilvusFeeder, SessionFactory, feeder_holder, model_key
from index.vector_base import Hits, as_ids, merge_hits, searched
from index.vector_flat import FlatVectorIndex
from index.vector_milvus import MilvusVectorIndex
from models import IndexName

__all__ = ["FollowedVectorIndex", "IndexNotFed", "MilvusLink"]


class IndexNotFed(RuntimeError):
    """No follower has fed this index into Milvus yet (start ``jiebang follow``)."""


class FollowedVectorIndex:
    """A follower-fed Milvus collection (read only) plus this process's overlay of newer changes."""

    kind = "milvus"

    def __init__(self, remote: MilvusVectorIndex, feed_watermark: int) -> None:
        self.dim = remote.dim
        self.remote = remote
        self.feed_watermark = feed_watermark
        self._overlay = FlatVectorIndex(self.dim)
        self._through: dict[int, int] = {}  # overlaid or removed id -> last op id that changed it
        self._removed: set[int] = set()
        self._note = 0

    # ------------------------------------------------------------- following
    def note(self, through: int) -> None:
        """The op id up to which the changes about to be applied go (tags overlay entries)."""
        self._note = through

    def behind(self, collection: str, watermark: int) -> bool:
        """Whether the feed moved past what this index knows (call ``follow`` under a write lock)."""
        return collection != self.remote.collection or watermark > self.feed_watermark

    def follow(self, collection: str, watermark: int) -> None:
        """Read ``collection`` from now on, and drop overlay entries the follower has fed."""
        if collection != self.remote.collection:
            self.remote = MilvusVectorIndex(self.dim, self.remote.uri, collection)
        self.remote.refresh()
        self.feed_watermark = watermark
        fed = np.array([i for i, op in self._through.items() if op <= watermark], dtype=np.int64)
        self._overlay.remove(fed)
        for doc_id in fed.tolist():
            del self._through[doc_id]
            self._removed.discard(doc_id)

    @property
    def overlay_size(self) -> int:
        return len(self._through)

    # ------------------------------------------------------------- interface
    @property
    def size(self) -> int:
        masked = self._masked()
        in_remote = int(np.isin(masked, self.remote.ids_among(masked)).sum()) if masked.size else 0
        return self.remote.size - in_remote + self._overlay.size

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = as_ids(ids)
        self._overlay.upsert(ids, vectors)
        for doc_id in ids.tolist():
            self._through[doc_id] = self._note
            self._removed.discard(doc_id)

    def remove(self, ids: np.ndarray) -> None:
        ids = as_ids(ids)
        self._overlay.remove(ids)
        for doc_id in ids.tolist():
            self._through[doc_id] = self._note
            self._removed.add(doc_id)

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> Hits:
        return searched(self._search, queries, k, allowed)

    def _search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None) -> Hits:
        masked = self._masked()
        scores, ids = self.remote.search(queries, k + len(masked), allowed)
        stale = np.isin(ids, masked)
        scores, ids = np.where(stale, -np.inf, scores).astype(np.float32), np.where(stale, -1, ids)
        return merge_hits([(scores, ids), self._overlay.search(queries, k, allowed)], k)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = as_ids(ids)
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        local = np.isin(ids, self._masked())
        gone = [i for i in ids[local].tolist() if i in self._removed]
        if gone:
            raise KeyError(f"ids not in the index: {gone[:5]}")
        if local.any():
            out[local] = self._overlay.vectors(ids[local])
        if (~local).any():
            out[~local] = self.remote.vectors(ids[~local])
        return out

    def ids(self) -> np.ndarray:
        remote = self.remote.ids()
        return np.sort(np.concatenate([remote[~np.isin(remote, self._masked())], self._overlay.ids()]))

    def save(self, path: object) -> None:
        """Nothing to snapshot: the follower's feed row is the state (kept for the interface)."""

    def _masked(self) -> np.ndarray:
        return np.fromiter(self._through, dtype=np.int64, count=len(self._through))


class MilvusLink:
    """One index's way to Milvus: the feed row it follows and, when this process feeds, the feeder."""

    def __init__(
        self, name: IndexName, encoder: Encoder, uri: str, *, feed_here: bool, lease_seconds: float
    ) -> None:
        self.name = name
        self.uri = uri
        self.dim = encoder.dim
        self.key = model_key(encoder)
        self.feeder = (
            MilvusFeeder(name, encoder, uri, holder=feeder_holder(), lease_seconds=lease_seconds)
            if feed_here
            else None
        )

    def feed(self, sessions: SessionFactory) -> None:
        """Let this process's feeder (if any) apply the ops it has not fed yet."""
        if self.feeder is not None:
            self.feeder.step(sessions)

    def rebuild(self, sessions: SessionFactory) -> None:
        if self.feeder is None:
            raise IndexNotFed(f"{self.name}: Milvus is fed by the follower: run `jiebang follow --rebuild`")
        self.feeder.rebuild(sessions)

    def feed_state(self, sessions: SessionFactory) -> tuple[str, int]:
        """(collection, watermark) the follower recorded; ``IndexNotFed`` before it fed anything."""
        with sessions() as session:
            row = store.feed_row(session, self.name, self.key)
            if row is None or not row.collection:
                raise IndexNotFed(f"{self.name}: no follower has fed Milvus yet (run `jiebang follow`)")
            return row.collection, row.watermark

    def open(self, sessions: SessionFactory) -> FollowedVectorIndex:
        """Feed (when this process feeds), then follow the recorded collection."""
        self.feed(sessions)
        collection, watermark = self.feed_state(sessions)
        return FollowedVectorIndex(MilvusVectorIndex(self.dim, self.uri, collection), watermark)
