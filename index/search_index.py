"""One searchable index (postdoc documents or challenges) held in memory by each process.

State: a FAISS vector index and a BM25 index over ``documents`` rows, plus doc → owner maps.
SQL stays the source of truth. ``sync`` replays the ``index_ops`` outbox (idempotent "bring
document N in line with SQL" operations), so every worker and replica converges on the same
state; ``open`` loads an atomic snapshot, replays newer ops and rebuilds from SQL whenever the
snapshot is missing, corrupt, of another model, or disagrees with SQL.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from tqdm import tqdm

from index.embeddings import chunked, ensure_embeddings, stored_vectors
from index.encoder import Encoder, embedding_key
from index.lexical import LexicalIndex, token_digest
from index.locks import ReadWriteLock
from index.snapshot import SnapshotError, read_snapshot, write_snapshot
from index.text import pipeline_version, tokenize
from index.vector import DEFAULT_HNSW_THRESHOLD, VectorIndex, load_vector_index, make_vector_index
from models import Document, IndexName, IndexOp

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]
GAP_GRACE_SECONDS = 30.0  # an op id skipped this long belongs to a rolled-back transaction
_OPS_BATCH = 5000
_REBUILD_CHUNK = 50_000


@dataclass
class Candidates:
    """Scored documents for one query: parallel arrays."""

    doc_ids: np.ndarray
    owner_ids: np.ndarray
    dense: np.ndarray  # cosine similarity
    bm25: np.ndarray  # raw BM25 score
    best_bm25: float  # best BM25 score of any document in the index for this query

    def lexical(self, scale: float | None = None) -> np.ndarray:
        """BM25 divided by ``scale`` (default: this query's best score in the index), 0 … 1."""
        scale = self.best_bm25 if scale is None else scale
        return self.bm25 / scale if scale > 0 else np.zeros_like(self.bm25)


class SearchIndex:
    def __init__(
        self,
        name: IndexName,
        encoder: Encoder,
        snapshot_dir: Path,
        *,
        lexical_sync_max_docs: int = 50_000,
        snapshot_every_ops: int = 500,
        vector_kind: str = "flat",
        hnsw_threshold: int = DEFAULT_HNSW_THRESHOLD,
        cache_rows: int = 2_000_000,
    ) -> None:
        self.name = name
        self.encoder = encoder
        self.snapshot_dir = snapshot_dir
        self._lexical_sync_max = lexical_sync_max_docs
        self._snapshot_every = snapshot_every_ops
        self._rw = ReadWriteLock()
        self._sync_lock = threading.Lock()
        self._vector_kind = vector_kind
        self._hnsw_threshold = hnsw_threshold
        self._vectors: VectorIndex = self._new_vectors(0)
        self._lexical = LexicalIndex(np.zeros(0, dtype=np.int64), [])
        self._lexical_stale = False
        self._lexical_rebuilding = False
        self._saved_lexical: str | None = None  # digest of the BM25 index last saved
        self._owner_of: dict[int, int] = {}
        self._docs_of: dict[int, set[int]] = {}
        self.watermark = 0  # every op id <= watermark has been applied
        self._seen: set[int] = set()  # applied op ids above the watermark
        self._gap_since: dict[int, float] = {}
        self._ops_since_snapshot = 0
        self.rebuilt_on_open = False
        # Retrieval results of recent queries, valid until the next change of any kind (see
        # ``_mutating``): a challenge's ranking is asked for by HR, the teams route and the
        # enterprise between two changes of the index, and scoring it again gives the same arrays.
        # bounded by scored documents (24 bytes each: ≈ 48 MB for 2,000,000), not by queries,
        # since a filtered query may score every document of 2,000 owners
        self._cache_rows = cache_rows
        self._cached_rows = 0
        self._cache: OrderedDict[tuple[object, ...], Candidates] = OrderedDict()
        self._cache_lock = threading.Lock()

    @contextmanager
    def _mutating(self) -> Iterator[None]:
        """The write lock, for any change of vectors, BM25 or owners: forgets cached retrievals."""
        with self._rw.write():
            with self._cache_lock:
                self._cache.clear()
                self._cached_rows = 0
            yield

    def _new_vectors(self, expected: int) -> VectorIndex:
        kind = self._vector_kind
        if kind == "auto" and expected >= self._hnsw_threshold:
            kind = "hnsw"  # skip building a flat index only to promote it
        return make_vector_index(kind, self.encoder.dim, hnsw_threshold=self._hnsw_threshold)

    # ----------------------------------------------------------------- opening
    def open(self, session_factory: SessionFactory, *, progress: bool = False) -> None:
        """Load the snapshot and replay newer ops, or rebuild from SQL; then build BM25."""
        self.retokenize(session_factory)
        if self._load_snapshot():
            self.sync(session_factory, rebuild_lexical=False)
            with session_factory() as session:
                ids, owners, _ = _all_documents(session, self.name)
            with self._mutating():
                agrees = bool(np.array_equal(np.sort(self._vectors.ids()), ids))
                if agrees:
                    self._set_owners(ids, owners)
            if agrees:
                self._open_lexical(session_factory)
                return
            log.warning("%s snapshot disagrees with SQL after replay; rebuilding", self.name)
        self.rebuild(session_factory, progress=progress)

    def rebuild(self, session_factory: SessionFactory, *, progress: bool = False) -> None:
        """Rebuild vectors (from stored embeddings; encoding only what is missing) and BM25."""
        self.retokenize(session_factory)
        with session_factory() as session:
            head = _max_op_id(session, self.name)
            ids, owners, shas = _all_documents(session, self.name)
            fresh = self._new_vectors(len(ids))
            for start in range(0, len(ids), _REBUILD_CHUNK):  # bounded peak memory
                part = slice(start, start + _REBUILD_CHUNK)
                fresh.upsert(ids[part], self._vectors_for(session, ids[part], shas[part], progress=progress))
            session.commit()
        with self._mutating():
            self._vectors = fresh
            self._set_owners(ids, owners)
            self.watermark, self._seen, self._gap_since = head, set(), {}
        self.rebuilt_on_open = True
        self.sync(session_factory, rebuild_lexical=False)
        self._open_lexical(session_factory)
        self.save_snapshot()

    def retokenize(self, session_factory: SessionFactory) -> int:
        """Re-tokenise documents whose stored tokens another text pipeline version made.

        Vectors do not depend on stored tokens (only on the text and ``embedding_key``), so no
        outbox op is needed: BM25 is rebuilt from SQL after this on open and rebuild.
        """
        version = pipeline_version()
        done = 0
        while True:
            with session_factory() as session:
                rows = session.execute(
                    select(Document.id, Document.text)
                    .where(
                        Document.index_name == self.name,
                        (Document.text_version != version) | Document.text_version.is_(None),
                    )
                    .order_by(Document.id)
                    .limit(_OPS_BATCH)
                ).all()
                if not rows:
                    break
                session.execute(
                    update(Document),
                    [{"id": i, "tokens": " ".join(tokenize(t)), "text_version": version} for i, t in rows],
                )
                session.commit()
            done += len(rows)
        if done:
            log.info("%s: re-tokenised %d documents for text pipeline %s", self.name, done, version)
        return done

    def _vectors_for(
        self, session: Session, ids: np.ndarray, shas: list[str], *, progress: bool
    ) -> np.ndarray:
        found = stored_vectors(session, embedding_key(self.encoder), shas)
        missing = sorted({sha for sha in shas if sha not in found})
        if missing:
            texts = _texts_for(session, self.name, missing)
            bar = tqdm(total=len(missing), desc=f"encoding {self.name}", disable=not progress)
            for part in chunked(missing, 256):
                found.update(ensure_embeddings(session, self.encoder, {s: texts[s] for s in part}))
                bar.update(len(part))
            bar.close()
        out = np.zeros((len(ids), self.encoder.dim), dtype=np.float32)
        for row, sha in enumerate(shas):
            out[row] = found[sha]
        return out

    # ------------------------------------------------------------------ syncing
    def sync(self, session_factory: SessionFactory, *, rebuild_lexical: bool = True) -> int:
        """Apply outbox ops newer than the watermark; returns how many were applied."""
        with self._sync_lock:
            applied = 0
            while True:
                with session_factory() as session:
                    # op ids are shared by every index: read the other index's ops too, so that
                    # they count as seen and are not mistaken for gaps (rolled-back ids)
                    ops = session.execute(
                        select(IndexOp.id, IndexOp.index_name, IndexOp.document_id)
                        .where(IndexOp.id > self.watermark)
                        .order_by(IndexOp.id)
                        .limit(_OPS_BATCH)
                    ).all()
                    fresh = [op for op in ops if op[0] not in self._seen]
                    mine = {doc_id for _, name, doc_id in fresh if name == self.name}
                    if mine:
                        self._apply(session, mine)
                        session.commit()
                self._advance([op_id for op_id, _, _ in fresh])
                applied += sum(name == self.name for _, name, _ in fresh)
                if len(ops) < _OPS_BATCH or not fresh:  # not fresh: waiting on a gap
                    break
            self._ops_since_snapshot += applied
        if applied:
            self._lexical_stale = True
        if rebuild_lexical and self._lexical_stale:
            self._refresh_lexical(session_factory)
        if self._ops_since_snapshot >= self._snapshot_every:
            self.save_snapshot()
        return applied

    def _apply(self, session: Session, doc_ids: set[int]) -> None:
        rows = []
        for part in chunked(sorted(doc_ids)):
            rows.extend(
                session.execute(
                    select(Document.id, Document.owner_id, Document.text_sha256).where(
                        Document.id.in_(part), Document.index_name == self.name
                    )
                ).all()
            )
        present = np.array([r[0] for r in rows], dtype=np.int64)
        shas = [r[2] for r in rows]
        vectors = self._vectors_for(session, present, shas, progress=False)
        gone = np.array(sorted(doc_ids - set(present.tolist())), dtype=np.int64)
        with self._mutating():
            self._vectors.remove(gone)
            self._vectors.upsert(present, vectors)
            for doc_id in gone.tolist():
                self._forget(doc_id)
            for doc_id, owner_id, _ in rows:
                self._forget(doc_id)
                self._owner_of[doc_id] = owner_id
                self._docs_of.setdefault(owner_id, set()).add(doc_id)

    def _forget(self, doc_id: int) -> None:
        owner = self._owner_of.pop(doc_id, None)
        if owner is not None:
            docs = self._docs_of.get(owner)
            if docs is not None:
                docs.discard(doc_id)
                if not docs:
                    del self._docs_of[owner]

    def _advance(self, op_ids: Iterable[int]) -> None:
        """Move the watermark over contiguous applied ids; skip gaps older than the grace."""
        self._seen.update(op_ids)
        now = time.monotonic()
        while self._seen:
            nxt = self.watermark + 1
            if nxt in self._seen:
                self._seen.discard(nxt)
                self._gap_since.pop(nxt, None)
                self.watermark = nxt
            elif now - self._gap_since.setdefault(nxt, now) > GAP_GRACE_SECONDS:
                del self._gap_since[nxt]
                self.watermark = nxt
            else:
                break

    def _set_owners(self, ids: np.ndarray, owners: np.ndarray) -> None:
        self._owner_of = dict(zip(ids.tolist(), owners.tolist(), strict=True))
        self._docs_of = {}
        for doc_id, owner in self._owner_of.items():
            self._docs_of.setdefault(owner, set()).add(doc_id)

    # ------------------------------------------------------------------ lexical
    def _refresh_lexical(self, session_factory: SessionFactory) -> None:
        """Rebuild BM25 now when small; in a background thread when large."""
        if len(self._owner_of) <= self._lexical_sync_max:
            self._rebuild_lexical(session_factory)
        elif not self._lexical_rebuilding:
            self._lexical_rebuilding = True
            threading.Thread(target=self._rebuild_lexical, args=(session_factory,), daemon=True).start()

    def _rebuild_lexical(self, session_factory: SessionFactory) -> None:
        self._lexical_stale = False
        try:
            with session_factory() as session:
                lexical = LexicalIndex.from_token_strings(_token_rows(session, self.name))
            with self._mutating():
                self._lexical = lexical
        finally:
            self._lexical_rebuilding = False

    def _lexical_root(self) -> Path:
        # BM25 depends on the stored tokens only, not on the model: shared by every model's indexes
        return self.snapshot_dir.parent / "lexical"

    def _open_lexical(self, session_factory: SessionFactory) -> None:
        """Load the saved BM25 index when SQL holds exactly the rows it was built from (one
        streamed pass over the tokens, no building); otherwise build it."""
        root = self._lexical_root()
        manifest = LexicalIndex.saved(root, str(self.name))
        if manifest is not None:
            with session_factory() as session:
                count = session.scalar(
                    select(func.count()).select_from(Document).where(Document.index_name == self.name)
                )
                matches = count == manifest["count"] and token_digest(_token_rows(session, self.name)) == (
                    manifest["digest"],
                    count,
                )
            if matches:
                try:
                    lexical = LexicalIndex.load(root, manifest)
                except (OSError, ValueError, KeyError) as exc:
                    log.warning("%s: saved BM25 index not usable (%s); rebuilding", self.name, exc)
                else:
                    with self._mutating():
                        self._lexical = lexical
                        self._lexical_stale = False
                    self._saved_lexical = lexical.digest
                    return
        self._rebuild_lexical(session_factory)

    def _save_lexical(self) -> None:
        lexical = self._lexical
        if self._lexical_stale or lexical.digest is None or lexical.digest == self._saved_lexical:
            return
        try:
            lexical.save(self._lexical_root(), str(self.name))
        except OSError as exc:  # e.g. another process sharing this data dir cleaned up first
            log.warning("%s: BM25 index not saved (%s); it is rebuilt on the next start", self.name, exc)
            return
        self._saved_lexical = lexical.digest

    # ------------------------------------------------------------------ queries
    @property
    def size(self) -> int:
        return self._vectors.size

    def owners(self) -> set[int]:
        with self._rw.read():
            return set(self._docs_of)

    def documents_of(self, owner_id: int) -> list[int]:
        with self._rw.read():
            return sorted(self._docs_of.get(owner_id, ()))

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
            out: list[Candidates | None] = [self._cached(key) for key in keys]
            todo = [i for i, found in enumerate(out) if found is None]
            for i, cands in zip(
                todo,
                self._retrieve(query_vectors[todo], [query_tokens[i] for i in todo], k, owner_key),
                strict=True,
            ):
                out[i] = cands
                self._remember(keys[i], cands)
        return [c for c in out if c is not None]

    def _cached(self, key: tuple[object, ...]) -> Candidates | None:
        with self._cache_lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
            return found

    def _remember(self, key: tuple[object, ...], cands: Candidates) -> None:
        size = _cache_cost(cands)
        if size > self._cache_rows:
            return
        for array in (cands.doc_ids, cands.owner_ids, cands.dense, cands.bm25):
            array.flags.writeable = False  # shared by every request that hits the cache
        with self._cache_lock:
            if key in self._cache:  # two requests scored it at once
                return
            self._cache[key] = cands
            self._cached_rows += size
            while self._cached_rows > self._cache_rows:
                _, old = self._cache.popitem(last=False)
                self._cached_rows -= _cache_cost(old)

    def _retrieve(
        self, query_vectors: np.ndarray, query_tokens: list[list[str]], k: int, owners: frozenset[int] | None
    ) -> list[Candidates]:
        """Score ``query_vectors`` / ``query_tokens`` (caller holds the read lock)."""
        if not query_tokens:
            return []
        lexical = self._lexical
        if owners is not None:
            fixed = self._docs_for_owners(owners)
            dense_ids: list[np.ndarray | None] = [None] * len(query_tokens)
        else:
            dense_ids = self._dense_top(query_vectors, k)
        out = []
        for vector, tokens, from_dense in zip(query_vectors, query_tokens, dense_ids, strict=True):
            bm25 = lexical.scores(tokens)
            best = float(bm25.max()) if bm25.size else 0.0
            doc_ids = fixed if owners is not None else self._top_docs(from_dense, lexical, bm25, k)
            dense = self._vectors.vectors(doc_ids) @ vector.astype(np.float32)
            owner_ids = np.array([self._owner_of[d] for d in doc_ids.tolist()], dtype=np.int64)
            raw = lexical.aligned(bm25, doc_ids)
            out.append(Candidates(doc_ids, owner_ids, dense.astype(np.float32), raw, best))
        return out

    def _dense_top(self, query_vectors: np.ndarray, k: int) -> list[np.ndarray | None]:
        """The dense top-``k`` ids of each query (None for an all-zero vector), one search."""
        readable = [i for i, v in enumerate(query_vectors) if np.any(v)]
        found: list[np.ndarray | None] = [None] * len(query_vectors)
        if readable:
            _, ids = self._vectors.search(query_vectors[readable], k)
            for row, i in enumerate(readable):
                found[i] = ids[row]
        return found

    def _docs_for_owners(self, owners: Iterable[int]) -> np.ndarray:
        ids = [d for o in owners for d in self._docs_of.get(o, ())]
        return np.array(sorted(ids), dtype=np.int64)

    def _top_docs(
        self, dense_ids: np.ndarray | None, lexical: LexicalIndex, bm25: np.ndarray, k: int
    ) -> np.ndarray:
        picked: set[int] = set()
        if dense_ids is not None:
            picked.update(int(i) for i in dense_ids if i >= 0)
        positive = np.flatnonzero(bm25 > 0)
        if positive.size:
            top = _top_k_positions(positive, bm25[positive], k)
            picked.update(int(i) for i in lexical.ids[top] if int(i) in self._owner_of)
        return np.array(sorted(picked), dtype=np.int64)

    # ---------------------------------------------------------------- snapshots
    def _paths(self) -> tuple[Path, Path]:
        return self.snapshot_dir, self.snapshot_dir / f"{self.name}.manifest.json"

    def save_snapshot(self) -> None:
        """Atomically write the vector index and its manifest (model, watermark, count, sha)."""
        directory, manifest = self._paths()
        with self._rw.read():
            write_snapshot(
                directory,
                manifest,
                self._vectors,
                model_id=embedding_key(self.encoder),
                watermark=self.watermark,
                name=str(self.name),
            )
        self._ops_since_snapshot = 0
        self._save_lexical()

    def _load_vectors(self, path: Path) -> VectorIndex:
        return load_vector_index(path, self._vector_kind, hnsw_threshold=self._hnsw_threshold)

    def _load_snapshot(self) -> bool:
        directory, manifest = self._paths()
        try:
            vectors, meta = read_snapshot(
                directory, manifest, model_id=embedding_key(self.encoder), load=self._load_vectors
            )
        except SnapshotError as exc:
            log.info("%s snapshot not used: %s", self.name, exc)
            return False
        with self._mutating():
            self._vectors = vectors
            self.watermark, self._seen, self._gap_since = int(meta["watermark"]), set(), {}
        return True


def _cache_cost(cands: Candidates) -> int:
    """What a cached retrieval counts against the cache's budget of scored documents: its rows
    plus 64 for its key (a 384-d query vector is 1.5 KB, 64 rows' worth), so that even queries
    that matched nothing cannot pile up without bound."""
    return len(cands.doc_ids) + 64


def _top_k_positions(positions: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best positions, ties going to the earlier position (as a stable sort would),
    found in O(n) rather than by sorting every positive score."""
    if len(positions) <= k:
        return positions
    kth = np.partition(values, len(values) - k)[len(values) - k]
    above = positions[values > kth]
    return np.concatenate([above, positions[values == kth][: k - len(above)]])


def _max_op_id(session: Session, name: IndexName) -> int:
    del name  # op ids are shared by every index: the head is the latest of all
    value = session.scalar(select(func.max(IndexOp.id)))
    return int(value or 0)


def _all_documents(session: Session, name: IndexName) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rows = session.execute(
        select(Document.id, Document.owner_id, Document.text_sha256)
        .where(Document.index_name == name)
        .order_by(Document.id)
    ).all()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    owners = np.array([r[1] for r in rows], dtype=np.int64)
    return ids, owners, [r[2] for r in rows]


def _token_rows(session: Session, name: IndexName) -> Iterator[tuple[int, str]]:
    """(document id, token string) of every document of ``name``, in id order, streamed."""
    rows = session.execute(
        select(Document.id, Document.tokens).where(Document.index_name == name).order_by(Document.id),
        execution_options={"yield_per": 5000},  # stream: never all token strings at once
    )
    yield from ((doc_id, tokens) for doc_id, tokens in rows)


def _texts_for(session: Session, name: IndexName, shas: list[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for part in chunked(shas):
        rows = session.execute(
            select(Document.text_sha256, Document.text).where(
                Document.index_name == name, Document.text_sha256.in_(part)
            )
        )
        texts.update({sha: text for sha, text in rows})
    return texts
