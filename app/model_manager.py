"""The model manager: which model generation serves, and switching to another in the background.

A generation is a ``SearchView``: an encoder, the indexes built with it and the matching options.
Requests take the current view (``view``); a switch re-encodes every document into a fresh
generation in a background thread while the current one keeps serving, then swaps it in whole.
``active_model.json`` in the data directory remembers which model's indexes are complete, so a
restart with a new ``JIEBANG_MODEL`` serves the previous model until the new one is ready.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.matching.view import MatchingOptions, SearchView
from index.encoder import Encoder, embedding_key
from index.factory import make_encoder
from index.models import prefixes_for
from index.search_index import SearchIndex
from index.snapshot import SnapshotError, read_manifest
from models import IndexName

__all__ = [
    "ACTIVE_MODEL_FILE",
    "ModelManager",
    "ReencodeInProgress",
    "build_view",
    "encoder_for",
    "milvus_uri",
    "read_active_model",
    "settle_heap",
]

log = logging.getLogger(__name__)
ACTIVE_MODEL_FILE = "active_model.json"


class ReencodeInProgress(RuntimeError):
    """A model switch was asked for while another one is still re-encoding."""


class ModelManager:
    """Owns the serving generation and the re-encode that replaces it."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session], view: SearchView) -> None:
        self.settings = settings  # the serving model's settings (they change with a switch)
        self._sessions = sessions
        self._view = view
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.target: str | None = None  # the model being re-encoded to, while it runs
        self.done = 0  # indexes of the target model already complete
        self.error: str | None = None

    def current(self) -> SearchView:
        """The serving generation as it is (no outbox replay)."""
        with self._lock:
            return self._view

    def view(self) -> SearchView:
        """The serving generation, brought up to date with the outbox (read-your-writes)."""
        view = self.current()
        for index in view.indexes.values():
            index.sync(self._sessions)
        return view

    def open(self, *, progress: bool = False) -> None:
        """Load every index from its snapshot (replaying newer ops), or rebuild it."""
        view = self.current()
        for index in view.indexes.values():
            index.open(self._sessions, progress=progress)
        write_active_model(self.settings, view.encoder)
        self._settle_heap()

    def rebuild(self, *, progress: bool = False) -> None:
        """Rebuild every index from SQL."""
        view = self.current()
        for index in view.indexes.values():
            index.rebuild(self._sessions, progress=progress)
        write_active_model(self.settings, view.encoder)
        self._settle_heap()

    def save_snapshots(self) -> None:
        """Replay the outbox, then snapshot every index (a restart then replays nothing)."""
        for index in self.view().indexes.values():
            index.save_snapshot()

    def status(self) -> dict[str, object] | None:
        """What ``/health`` shows of a re-encode in progress (or of the last one's failure)."""
        if self.target is None and self.error is None:
            return None
        return {
            "state": "running" if self.target else "failed",
            "target_model": self.target,
            "indexes_done": self.done,
            "indexes_total": len(IndexName),
            "error": self.error,
        }

    def switch(
        self,
        model: str,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        before_swap: Callable[[], object] | None = None,
    ) -> threading.Thread:
        """Re-encode every document with ``model`` in a background thread, then swap.

        The current generation keeps serving until the new indexes are complete; writes made
        meanwhile reach them through the outbox. ``before_swap`` (tests) runs after the
        re-encode and before the swap. A failure is logged and kept in ``error``.
        """
        update = {"model": model, "query_prefix": query_prefix, "passage_prefix": passage_prefix}
        settings = self.settings.model_copy(update=update)
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                raise ReencodeInProgress(f"already re-encoding with {self.target}")
            self.target, self.done, self.error = model, 0, None
            thread = threading.Thread(
                target=self._reencode, args=(settings, before_swap), name="jiebang-reencode", daemon=True
            )
            self._thread = thread
        thread.start()
        return thread

    def _reencode(self, settings: Settings, before_swap: Callable[[], object] | None) -> None:
        try:
            fresh = build_view(settings, encoder_for(settings))
            for index in fresh.indexes.values():
                index.rebuild(self._sessions)
                self.done += 1
            if before_swap is not None:
                before_swap()
            for index in fresh.indexes.values():
                index.sync(self._sessions)
        except Exception as exc:  # keep serving the old model whatever went wrong
            log.exception("re-encoding with %s failed; keeping %s", settings.model, self._view.model_id)
            with self._lock:
                self.error, self.target = f"{type(exc).__name__}: {exc}", None
            return
        with self._lock:
            self._view, self.settings = fresh, settings
            self.error = self.target = None
        write_active_model(settings, fresh.encoder)
        self._settle_heap()
        log.info("now serving %s", fresh.model_id)

    def _settle_heap(self) -> None:
        if self.settings.gc_freeze:
            settle_heap()


def build_view(settings: Settings, encoder: Encoder) -> SearchView:
    """A new, empty generation: one ``SearchIndex`` per index name, with ``encoder``."""
    indexes = {
        name: SearchIndex(
            name,
            encoder,
            settings.index_dir / _safe(encoder.model_id),
            lexical_sync_max_docs=settings.lexical_sync_rebuild_max_docs,
            snapshot_every_ops=settings.snapshot_every_ops,
            vector_kind="milvus" if settings.vector_backend == "milvus" else settings.vector_index,
            hnsw_threshold=settings.hnsw_threshold,
            vector_mmap=settings.vector_mmap,
            milvus_uri=milvus_uri(settings),
            milvus_feed_here=settings.milvus_feed == "here",
            milvus_lease_s=settings.milvus_lease_s,
            cache_rows=settings.retrieval_cache_rows,
        )
        for name in IndexName
    }
    return SearchView(encoder, indexes, MatchingOptions.from_settings(settings))


def milvus_uri(settings: Settings) -> str:
    """The Milvus the settings name (default: milvus-lite in ``<data_dir>/milvus.db``)."""
    return settings.milvus_uri or str(settings.data_dir / "milvus.db")


def encoder_for(settings: Settings) -> Encoder:
    """The configured encoder, with the model preset's prefixes unless prefixes are set."""
    query_prefix, passage_prefix = prefixes_for(
        settings.model, settings.query_prefix, settings.passage_prefix
    )
    return make_encoder(
        settings.model,
        query_prefix=query_prefix,
        passage_prefix=passage_prefix,
        batch_size=settings.encode_batch_size,
        threads=settings.torch_threads,
        query_threads=settings.query_threads,
        backend=settings.encoder_backend,
    )


def write_active_model(settings: Settings, encoder: Encoder) -> None:
    """Remember (atomically, per data_dir) the model whose indexes are complete here."""
    path = settings.data_dir / ACTIVE_MODEL_FILE
    record = {
        "model": settings.model,
        "query_prefix": settings.query_prefix,
        "passage_prefix": settings.passage_prefix,
        "model_id": encoder.model_id,
        "embedding_key": embedding_key(encoder),
    }
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(record, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def read_active_model(data_dir: Path) -> dict[str, str] | None:
    try:
        record = json.loads((data_dir / ACTIVE_MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("model"), str):
        return None
    return {k: str(v) for k, v in record.items()}


def previous_generation(settings: Settings) -> tuple[Settings, Encoder] | None:
    """The model this data_dir's indexes were last complete for, when it differs from the
    configured one and its snapshots are still valid (same embedding key, manifests present)."""
    record = read_active_model(settings.data_dir)
    if record is None or _same_model(settings, record):
        return None
    previous = settings.model_copy(
        update={
            "model": record["model"],
            "query_prefix": record.get("query_prefix", ""),
            "passage_prefix": record.get("passage_prefix", ""),
        }
    )
    try:
        encoder = encoder_for(previous)
    except Exception:  # the previous model is gone: build the configured one synchronously
        log.warning("previous model %s cannot be loaded; building %s now", previous.model, settings.model)
        return None
    for index in build_view(previous, encoder).indexes.values():
        try:
            read_manifest(index.snapshot_dir / f"{index.name}.manifest.json", model_id=embedding_key(encoder))
        except SnapshotError as exc:
            log.warning("previous model %s has no usable %s snapshot (%s)", previous.model, index.name, exc)
            return None
    return previous, encoder


def _same_model(settings: Settings, record: dict[str, str]) -> bool:
    return (record["model"], record.get("query_prefix", ""), record.get("passage_prefix", "")) == (
        settings.model,
        settings.query_prefix,
        settings.passage_prefix,
    )


def settle_heap() -> None:
    """Move every live object out of the garbage collector's sight (``gc.freeze``).

    The indexes are hundreds of thousands of long-lived containers (owner maps, HNSW members,
    ORM and model objects). Python's full collections walked all of them: at 100,000 postdocs
    every few dozen requests one paused for 330 ms, which was the whole p99. Frozen, a full
    collection takes about 5 ms (docs/performance.md). Objects freed later are still freed by
    reference counting; cycles among frozen objects only at the next settling (after a rebuild
    or a model switch: the replaced indexes), which unfreezes, collects once and freezes again.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _safe(model_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model_id)[-120:]
