"""The Milvus follower: the one process that feeds an index's vectors into Milvus from the outbox.

SQL stays the source of truth. A ``MilvusFeeder`` holds the feeding lease of its index in
``index_feeds`` (one conditional UPDATE, so two processes never both feed; a holder that stops
renewing loses it after ``lease_seconds``), replays the outbox into its collection and records
the collection and its watermark in that row after every batch. Replaying is idempotent (an
upsert replaces the row of an id, removing a missing id does nothing), so a follower killed
between applying and recording replays a few ops again and a restarted one carries on from the
recorded watermark. When it opens, a collection that is gone or disagrees with SQL after the
replay is rebuilt into a new collection; the row then names the new one, API processes switch
to it on their next sync (index/vector_followed.py), and older collections of that index are
dropped, the one just replaced excepted (a process may still be reading it).

It runs in ``jiebang follow`` (``JIEBANG_MILVUS_FEED=follower``: API processes only query) or
inside the API process (``here``, the default, required for milvus-lite, whose data file one
process opens): then the lease still lets only one of several processes feed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import numpy as np
from sqlalchemy.orm import Session

from index import store
from index.embeddings import document_changes, document_vectors
from index.encoder import Encoder, embedding_key
from index.outbox import OutboxFollower
from index.text import sha256
from index.vector_milvus import MilvusVectorIndex, collection_prefix, drop_collections
from models import IndexName
from models.base import utcnow

__all__ = ["MilvusFeeder", "SessionFactory", "feeder_holder", "follow_outbox", "model_key", "run_follower"]

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]
_BATCH = 5000
_CHUNK = 50_000


def feeder_holder() -> str:
    """A name for this process in the lease: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def model_key(encoder: Encoder) -> str:
    """The key of one model's feed rows and collections: sha256 of its embedding key."""
    return sha256(embedding_key(encoder))


class MilvusFeeder:
    """Feeds one index's vectors into a Milvus collection while it holds the lease."""

    def __init__(
        self, name: IndexName, encoder: Encoder, uri: str, *, holder: str, lease_seconds: float
    ) -> None:
        self.name = name
        self.encoder = encoder
        self.uri = uri
        self.holder = holder
        self.key = model_key(encoder)
        self.prefix = collection_prefix(name, self.key)
        self.lease = timedelta(seconds=lease_seconds)
        self.index: MilvusVectorIndex | None = None  # set while this process feeds
        self._outbox = OutboxFollower()
        self._renewed = -float("inf")
        self._lock = threading.Lock()

    @property
    def watermark(self) -> int:
        return self._outbox.watermark

    def step(self, sessions: SessionFactory) -> int:
        """Claim or renew the lease; open (or rebuild) the collection when first holding it;
        apply the new ops. Returns how many ops were applied (0 without the lease)."""
        with self._lock:
            if not self._hold(sessions):
                self.index = None
                return 0
            if self.index is None:
                return self._open(sessions)
            return self._replay(sessions)

    def rebuild(self, sessions: SessionFactory) -> None:
        """Feed every document into a new collection and record it (holding the lease)."""
        with self._lock:
            if self._hold(sessions):
                self._rebuild(sessions)

    # ----------------------------------------------------------------- lease
    def _hold(self, sessions: SessionFactory) -> bool:
        now = time.monotonic()
        if self.index is not None and now - self._renewed < self.lease.total_seconds() / 3:
            return True
        with sessions() as session:
            held = store.claim_feed(session, self.name, self.key, self.holder, utcnow(), self.lease)
            session.commit()
        if held:
            self._renewed = now
        return held

    def _record(self, sessions: SessionFactory) -> None:
        assert self.index is not None
        with sessions() as session:
            kept = store.record_feed(
                session,
                self.name,
                self.key,
                self.holder,
                collection=self.index.collection,
                watermark=self.watermark,
            )
            session.commit()
        if not kept:
            log.warning("%s: lost the Milvus feeding lease to another process", self.name)
            self.index = None

    # ---------------------------------------------------------------- feeding
    def _open(self, sessions: SessionFactory) -> int:
        """Carry on from the recorded collection and watermark, or rebuild."""
        with sessions() as session:
            row = store.feed_row(session, self.name, self.key)
            collection, watermark = (row.collection, row.watermark) if row else ("", 0)
        self.index = MilvusVectorIndex.reopen(self.encoder.dim, self.uri, collection)
        if self.index is not None:
            self._outbox.reset(watermark)
            applied = self._replay(sessions)
            if self.index is not None and self._agrees(sessions):
                return applied
            log.warning("%s: Milvus collection %s disagrees with SQL; rebuilding", self.name, collection)
        return self._rebuild(sessions)

    def _agrees(self, sessions: SessionFactory) -> bool:
        assert self.index is not None
        with sessions() as session:
            ids, _, _ = store.all_documents(session, self.name)
        return bool(np.array_equal(self.index.ids(), ids))

    def _rebuild(self, sessions: SessionFactory) -> int:
        with sessions() as session:
            head = store.max_op_id(session)
            ids, _, shas = store.all_documents(session, self.name)
            fresh = MilvusVectorIndex.create(self.encoder.dim, self.uri, self.prefix)
            for start in range(0, len(ids), _CHUNK):
                part = slice(start, start + _CHUNK)
                fresh.upsert(ids[part], document_vectors(session, self.encoder, self.name, shas[part]))
            session.commit()  # embeddings encoded on the way
        replaced = self.index.collection if self.index is not None else ""
        self.index = fresh
        self._outbox.reset(head)
        self._record(sessions)
        drop_collections(self.uri, self.prefix, keep={fresh.collection, replaced})
        return len(ids)

    def _replay(self, sessions: SessionFactory) -> int:
        def record() -> None:
            if self.index is not None:
                self._record(sessions)

        return self._outbox.replay(sessions, self.name, self._apply, batch=_BATCH, after_batch=record)

    def _apply(self, session: Session, doc_ids: set[int], through: int) -> None:
        if self.index is None:  # lost the lease during this replay
            return
        changes = document_changes(session, self.encoder, self.name, doc_ids)
        self.index.remove(changes.gone)
        self.index.upsert(changes.present, changes.vectors)


def follow_outbox(
    feeders: list[MilvusFeeder],
    sessions: SessionFactory,
    *,
    interval: float,
    rounds: int | None = None,
    on_step: Callable[[MilvusFeeder, int], None] | None = None,
) -> None:
    """The follower's loop: step every feeder, then sleep ``interval`` seconds; ``rounds``
    bounds it (None: until interrupted). ``on_step`` sees each feeder and the ops it applied."""
    done = 0
    while rounds is None or done < rounds:
        for feeder in feeders:
            applied = feeder.step(sessions)
            if on_step is not None:
                on_step(feeder, applied)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(interval)


def run_follower(
    sessions: SessionFactory,
    encoder: Encoder,
    uri: str,
    *,
    lease_seconds: float,
    interval: float,
    rebuild: bool = False,
    rounds: int | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """``jiebang follow``: one feeder per index under one holder name, rebuilt first if asked."""
    holder = feeder_holder()
    feeders = [MilvusFeeder(n, encoder, uri, holder=holder, lease_seconds=lease_seconds) for n in IndexName]
    for feeder in feeders if rebuild else []:
        feeder.rebuild(sessions)

    def report(feeder: MilvusFeeder, applied: int) -> None:
        if applied:
            echo(f"{feeder.name}: {applied} ops fed, watermark {feeder.watermark}")

    follow_outbox(feeders, sessions, interval=interval, rounds=rounds, on_step=report)
