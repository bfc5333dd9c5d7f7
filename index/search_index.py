"""One searchable index (postdoc documents or challenges) held in memory by each process.

State: a FAISS vector index and a BM25 index over ``documents`` rows, plus doc → owner maps.
SQL stays the source of truth. ``sync`` replays the ``index_ops`` outbox (idempotent "bring
document N in line with SQL" operations), so every worker and replica converges on the same
state; ``open`` loads an atomic snapshot, replays newer ops and rebuilds from SQL whenever the
snapshot is missing, corrupt, of another model, or disagrees with SQL.

The parts: ``index.store`` (all SQL), ``index.outbox`` (the watermark), ``index.retrieval``
(scoring), ``index.retrieval_cache``, ``index.lexical_channel`` (BM25) and ``index.snapshot``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from index import store
from index.embeddings import document_changes, document_vectors
from index.encoder import Encoder, embedding_key
from index.lexical import LexicalIndex
from index.lexical_channel import LexicalChannel
from index.locks import ReadWriteLock
from index.outbox import OutboxFollower
from index.retrieval import Candidates, OwnerMap, score_queries
from index.retrieval_cache import RetrievalCache
from index.snapshot import SnapshotError, read_snapshot, write_snapshot
from index.text import pipeline_version, tokenize
from index.vector import VectorIndex, load_vector_index, make_vector_index
from index.vector_followed import FollowedVectorIndex, MilvusLink
from models import IndexName

__all__ = ["Candidates", "SearchIndex", "SessionFactory"]

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]
_OPS_BATCH = 5000
_REBUILD_CHUNK = 50_000


class SearchIndex:
    """Vectors, BM25 and owners of one ``IndexName``; every option comes from the settings."""

    def __init__(
        self,
        name: IndexName,
        encoder: Encoder,
        snapshot_dir: Path,
        *,
        lexical_sync_max_docs: int,
        snapshot_every_ops: int,
        vector_kind: str,
        hnsw_threshold: int,
        cache_rows: int,
        vector_mmap: bool = False,
        milvus_uri: str = "",
        milvus_feed_here: bool = True,
        milvus_lease_s: float = 30.0,
    ) -> None:
        self.name = name
        self.encoder = encoder
        self.snapshot_dir = snapshot_dir
        self._snapshot_every = snapshot_every_ops
        self._rw = ReadWriteLock()
        self._sync_lock = threading.Lock()
        self._vector_kind = vector_kind
        self._hnsw_threshold = hnsw_threshold
        self._vector_mmap = vector_mmap
        self._milvus = (
            MilvusLink(name, encoder, milvus_uri, feed_here=milvus_feed_here, lease_seconds=milvus_lease_s)
            if vector_kind == "milvus"
            else None
        )
        # empty until ``open`` or ``rebuild`` (an empty flat index, so no Milvus collection is made)
        self._vectors: VectorIndex = make_vector_index("flat", encoder.dim, hnsw_threshold=hnsw_threshold)
        self._owners = OwnerMap()
        self._outbox = OutboxFollower()
        self._ops_since_snapshot = 0
        self.rebuilt_on_open = False
        self.cache = RetrievalCache(cache_rows)  # forgotten on every change (``_mutating``)
        self._bm25 = LexicalChannel(
            name, self.lexical_root, sync_max_docs=lexical_sync_max_docs, mutating=self._mutating
        )

    @contextmanager
    def _mutating(self) -> Iterator[None]:
        """The write lock, for any change of vectors, BM25 or owners: forgets cached retrievals."""
        with self._rw.write():
            self.cache.clear()
            yield

    def _new_vectors(self, expected: int) -> VectorIndex:
        kind = self._vector_kind
        if kind == "auto" and expected >= self._hnsw_threshold:
            kind = "hnsw"  # skip building a flat index only to promote it
        return make_vector_index(kind, self.encoder.dim, hnsw_threshold=self._hnsw_threshold)

    @property
    def watermark(self) -> int:
        """Every outbox op id up to this one has been applied."""
        return self._outbox.watermark

    @property
    def vector_index(self) -> VectorIndex:
        return self._vectors

    @property
    def lexical_index(self) -> LexicalIndex:
        return self._bm25.current

    @property
    def lexical_root(self) -> Path:
        """Where BM25 is saved: shared by every model's indexes (it depends on tokens only)."""
        return self.snapshot_dir.parent / "lexical"

    # ----------------------------------------------------------------- opening
    def open(self, session_factory: SessionFactory, *, progress: bool = False) -> None:
        """Load the snapshot and replay newer ops, or rebuild from SQL; then build BM25."""
        self.retokenize(session_factory)
        if self._milvus is not None:
            self._open_milvus(session_factory)
            return
        if self._load_snapshot(session_factory):
            self.sync(session_factory, rebuild_lexical=False)
            with session_factory() as session:
                ids, owners, _ = store.all_documents(session, self.name)
            with self._mutating():
                agrees = bool(np.array_equal(np.sort(self._vectors.ids()), ids))
                if agrees:
                    self._owners.reset(ids, owners)
            if agrees:
                self._bm25.open(session_factory)
                return
            log.warning("%s snapshot disagrees with SQL after replay; rebuilding", self.name)
        self.rebuild(session_factory, progress=progress)

    def rebuild(self, session_factory: SessionFactory, *, progress: bool = False) -> None:
        """Rebuild vectors (from stored embeddings; encoding only what is missing) and BM25."""
        self.retokenize(session_factory)
        if self._milvus is not None:  # this process's feeder rebuilds the collection
            self._milvus.rebuild(session_factory)
            self._open_milvus(session_factory)
            self.rebuilt_on_open = True
            return
        with session_factory() as session:
            head = store.max_op_id(session)
            ids, owners, shas = store.all_documents(session, self.name)
            fresh = self._new_vectors(len(ids))
            for start in range(0, len(ids), _REBUILD_CHUNK):  # bounded peak memory
                part = slice(start, start + _REBUILD_CHUNK)
                fresh.upsert(ids[part], self._vectors_for(session, shas[part], progress=progress))
            session.commit()
        with self._mutating():
            self._vectors = fresh
            self._owners.reset(ids, owners)
            self._outbox.reset(head)
        self.rebuilt_on_open = True
        self.sync(session_factory, rebuild_lexical=False)
        self._bm25.open(session_factory)
        self.save_snapshot()

    def _open_milvus(self, session_factory: SessionFactory) -> None:
        """Follow the collection the feeder recorded, replay newer ops into the overlay, take
        the owners from SQL and open BM25 (index/vector_followed.py)."""
        assert self._milvus is not None
        followed = self._milvus.open(session_factory)
        with self._mutating():
            self._vectors = followed
            self._outbox.reset(followed.feed_watermark)
        self.sync(session_factory, rebuild_lexical=False)
        with session_factory() as session:
            ids, owners, _ = store.all_documents(session, self.name)
        with self._mutating():
            self._owners.reset(ids, owners)
        self._bm25.open(session_factory)

    def _follow_feed(self, session_factory: SessionFactory) -> None:
        """Let the feeder run (when it is here), then follow the feed's collection and watermark."""
        assert self._milvus is not None and isinstance(self._vectors, FollowedVectorIndex)
        self._milvus.feed(session_factory)
        collection, watermark = self._milvus.feed_state(session_factory)
        if self._vectors.behind(collection, watermark):
            with self._mutating():
                self._vectors.follow(collection, watermark)

    def retokenize(self, session_factory: SessionFactory) -> int:
        """Re-tokenise documents whose stored tokens another text pipeline version made.

        Vectors do not depend on stored tokens (only on the text and ``embedding_key``), so no
        outbox op is needed: BM25 is rebuilt from SQL after this on open and rebuild.
        """
        version = pipeline_version()
        done = 0
        while True:
            with session_factory() as session:
                rows = store.stale_token_rows(session, self.name, version, _OPS_BATCH)
                if not rows:
                    break
                store.write_tokens(session, {i: " ".join(tokenize(t)) for i, t in rows}, version)
                session.commit()
            done += len(rows)
        if done:
            log.info("%s: re-tokenised %d documents for text pipeline %s", self.name, done, version)
        return done

    def _vectors_for(self, session: Session, shas: list[str], *, progress: bool) -> np.ndarray:
        return document_vectors(session, self.encoder, self.name, shas, progress=progress)

    # ------------------------------------------------------------------ syncing
    def sync(self, session_factory: SessionFactory, *, rebuild_lexical: bool = True) -> int:
        """Apply outbox ops newer than the watermark; returns how many were applied."""
        with self._sync_lock:
            applied = self._outbox.replay(session_factory, self.name, self._apply, batch=_OPS_BATCH)
            if isinstance(self._vectors, FollowedVectorIndex):
                self._follow_feed(session_factory)
            self._ops_since_snapshot += applied
        if applied:
            self._bm25.stale = True
        if rebuild_lexical and self._bm25.stale:
            self._bm25.refresh(session_factory, len(self._owners))
        if self._ops_since_snapshot >= self._snapshot_every:
            self.save_snapshot()
        return applied

    def _apply(self, session: Session, doc_ids: set[int], through: int) -> None:
        changes = document_changes(session, self.encoder, self.name, doc_ids)
        with self._mutating():
            if isinstance(self._vectors, FollowedVectorIndex):
                self._vectors.note(through)
            self._vectors.remove(changes.gone)
            self._vectors.upsert(changes.present, changes.vectors)
            for doc_id in changes.gone.tolist():
                self._owners.forget(doc_id)
            for doc_id, owner_id, _ in changes.rows:
                self._owners.put(doc_id, owner_id)

    def rebuild_lexical(self, session_factory: SessionFactory) -> None:
        """Build BM25 again from SQL's stored tokens now."""
        self._bm25.rebuild(session_factory)

    # ------------------------------------------------------------------ queries
    @property
    def size(self) -> int:
        return self._vectors.size

    def owners(self) -> set[int]:
        with self._rw.read():
            return set(self._owners.docs_of)

    def documents_of(self, owner_id: int) -> list[int]:
        with self._rw.read():
            return sorted(self._owners.docs_of.get(owner_id, ()))

    def vectors_of(self, doc_ids: list[int]) -> np.ndarray:
        with self._rw.read():
            return self._vectors.vectors(np.array(doc_ids, dtype=np.int64))

    def retrieve(
        self,
        query_vector: np.ndarray,
        query_tokens: list[str],
        *,
        k: int,
        owners: Iterable[int] | None = None,
    ) -> Candidates:
        """Score documents for one query: the top-``k`` of each side, or all docs of ``owners``.

        Dense scores are exact cosine similarities and BM25 scores are exact too, whichever
        side retrieved the document.
        """
        return self.retrieve_many(query_vector[None, :], [query_tokens], k=k, owners=owners)[0]

    def retrieve_many(
        self,
        query_vectors: np.ndarray,
        query_tokens: list[list[str]],
        *,
        k: int,
        owners: Iterable[int] | None = None,
    ) -> list[Candidates]:
        """``retrieve`` for several queries (one row of ``query_vectors`` each), under one read
        lock and with one vector search for all of them. Results are cached until the index
        changes; their arrays are read-only."""
        owner_key = None if owners is None else frozenset(owners)
        keys = [
            (vector.astype(np.float32).tobytes(), tuple(tokens), k, owner_key)
            for vector, tokens in zip(query_vectors, query_tokens, strict=True)
        ]
        with self._rw.read():  # no change can start before the results are cached
            out: list[Candidates | None] = [self.cache.get(key) for key in keys]
            todo = [i for i, found in enumerate(out) if found is None]
            query = (query_vectors[todo], [query_tokens[i] for i in todo])
            scored = score_queries(
                self._vectors,
                self._bm25.current,
                self._owners,
                query,
                k=k,
                owners=owner_key,
                pair_terms=getattr(self.encoder, "pair_terms", None),
            )
            for i, cands in zip(todo, scored, strict=True):
                out[i] = cands
                self.cache.put(keys[i], cands)
        return [c for c in out if c is not None]

    # ---------------------------------------------------------------- snapshots
    def _manifest_path(self) -> Path:
        return self.snapshot_dir / f"{self.name}.manifest.json"

    def save_snapshot(self) -> None:
        """Atomically write the vector index and its manifest (model, watermark, count, sha)."""
        with self._rw.read():
            if self._milvus is not None:  # the feed row in SQL is the vectors' state
                self._ops_since_snapshot = 0
                self._bm25.save()
                return
            write_snapshot(
                self.snapshot_dir,
                self._manifest_path(),
                self._vectors,
                model_id=embedding_key(self.encoder),
                watermark=self.watermark,
                name=str(self.name),
            )
        self._ops_since_snapshot = 0
        self._bm25.save()

    def _load_vectors(self, path: Path) -> VectorIndex:
        return load_vector_index(
            path,
            self._vector_kind,
            hnsw_threshold=self._hnsw_threshold,
            mmap=self._vector_mmap,
        )

    def _load_snapshot(self, session_factory: SessionFactory) -> bool:
        """Use the snapshot when it is intact, of this model, and not ahead of SQL's outbox
        (a watermark past the last op, e.g. after a database restore, would skip new ops)."""
        try:
            vectors, meta = read_snapshot(
                self.snapshot_dir,
                self._manifest_path(),
                model_id=embedding_key(self.encoder),
                load=self._load_vectors,
            )
            with session_factory() as session:
                head = store.max_op_id(session)
            if meta["watermark"] > head:
                raise SnapshotError(f"watermark {meta['watermark']} is ahead of the outbox's last op {head}")
        except SnapshotError as exc:
            log.info("%s snapshot not used: %s", self.name, exc)
            return False
        with self._mutating():
            self._vectors = vectors
            self._outbox.reset(int(meta["watermark"]))
        return True
