"""The process-wide runtime: settings, database, encoder and the in-memory indexes."""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.migrate import upgrade
from index.encoder import Encoder, embedding_key, make_encoder
from index.models import prefixes_for
from index.search_index import SearchIndex
from index.snapshot import SnapshotError, read_manifest
from index.text import TextOptions, configure
from index.vector import set_faiss_threads
from models import IndexName
from models.db import make_engine, make_sessionmaker

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    encoder: Encoder
    indexes: dict[IndexName, SearchIndex] = field(default_factory=dict)
    reencode_error: str | None = None
    reencode_target: str | None = None  # the model being re-encoded to, while it runs
    reencode_done: int = 0  # indexes of the target model already complete
    _swap_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _reencoding: threading.Thread | None = field(default=None, repr=False)

    def session(self) -> Session:
        return self.sessions()

    def index(self, name: IndexName) -> SearchIndex:
        return self.indexes[name]

    def view(self) -> tuple[Encoder, dict[IndexName, SearchIndex]]:
        """The encoder and the indexes of one model, taken together (a swap may happen between
        two separate reads of ``encoder`` and ``indexes``)."""
        with self._swap_lock:
            return self.encoder, self.indexes

    def reencode_status(self) -> dict[str, object] | None:
        """What ``/health`` shows of a re-encode in progress (or of the last one's failure)."""
        if self.reencode_target is None and self.reencode_error is None:
            return None
        return {
            "state": "running" if self.reencode_target else "failed",
            "target_model": self.reencode_target,
            "indexes_done": self.reencode_done,
            "indexes_total": len(IndexName),
            "error": self.reencode_error,
        }

    def sync(self) -> None:
        """Bring this process's indexes up to date with the outbox (read-your-writes)."""
        for index in self.indexes.values():
            index.sync(self.sessions)

    def open_indexes(self, *, progress: bool = False) -> None:
        for index in self.indexes.values():
            index.open(self.sessions, progress=progress)
        self._settle_heap()

    def rebuild_indexes(self, *, progress: bool = False) -> None:
        encoder, indexes = self.view()
        for index in indexes.values():
            index.rebuild(self.sessions, progress=progress)
        write_active_model(self.settings, encoder)
        self._settle_heap()

    def _settle_heap(self) -> None:
        if self.settings.gc_freeze:
            settle_heap()

    def save_snapshots(self) -> None:
        for index in self.indexes.values():
            index.save_snapshot()

    def close(self) -> None:
        self.engine.dispose()

    def switch_model(
        self,
        model: str,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        before_swap: Callable[[], object] | None = None,
    ) -> threading.Thread:
        """Re-encode every document with ``model`` in a background thread, then swap.

        The current model's indexes keep serving until the new ones are complete; writes made
        meanwhile reach the new indexes through the outbox. ``before_swap`` (tests) runs after
        the re-encode and before the swap. A failure is logged and kept in ``reencode_error``.
        """
        update = {"model": model, "query_prefix": query_prefix, "passage_prefix": passage_prefix}
        settings = self.settings.model_copy(update=update)
        with self._swap_lock:
            if self._reencoding is not None and self._reencoding.is_alive():
                raise ReencodeInProgress(f"already re-encoding with {self.reencode_target}")
            self.reencode_target, self.reencode_done, self.reencode_error = model, 0, None
            thread = threading.Thread(
                target=self._reencode, args=(settings, before_swap), name="jiebang-reencode", daemon=True
            )
            self._reencoding = thread
        thread.start()
        return thread

    def _reencode(self, settings: Settings, before_swap: Callable[[], object] | None) -> None:
        try:
            encoder = encoder_for(settings)
            fresh = indexes_for(settings, encoder)
            for index in fresh.values():
                index.rebuild(self.sessions)
                self.reencode_done += 1
            if before_swap is not None:
                before_swap()
            for index in fresh.values():
                index.sync(self.sessions)
        except Exception as exc:  # keep serving the old model whatever went wrong
            log.exception("re-encoding with %s failed; keeping %s", settings.model, self.encoder.model_id)
            with self._swap_lock:
                self.reencode_error = f"{type(exc).__name__}: {exc}"
                self.reencode_target = None
            return
        with self._swap_lock:
            self.indexes = fresh
            self.encoder = encoder
            self.settings = settings
            self.reencode_error = None
            self.reencode_target = None
        write_active_model(settings, encoder)
        self._settle_heap()
        log.info("now serving %s", encoder.model_id)


class ReencodeInProgress(RuntimeError):
    """A model switch was asked for while another one is still re-encoding."""


ACTIVE_MODEL_FILE = "active_model.json"


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


def read_active_model(settings: Settings) -> dict[str, str] | None:
    try:
        record = json.loads((settings.data_dir / ACTIVE_MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("model"), str):
        return None
    return {k: str(v) for k, v in record.items()}


def _same_model(settings: Settings, record: dict[str, str]) -> bool:
    return (record["model"], record.get("query_prefix", ""), record.get("passage_prefix", "")) == (
        settings.model,
        settings.query_prefix,
        settings.passage_prefix,
    )


def _previous_model(settings: Settings) -> tuple[Settings, Encoder] | None:
    """The model this data_dir's indexes were last complete for, when it differs from the
    configured one and its snapshots are still valid (same embedding key, manifests present)."""
    record = read_active_model(settings)
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
    for index in indexes_for(previous, encoder).values():
        try:
            read_manifest(index.snapshot_dir / f"{index.name}.manifest.json", model_id=embedding_key(encoder))
        except SnapshotError as exc:
            log.warning("previous model %s has no usable %s snapshot (%s)", previous.model, index.name, exc)
            return None
    return previous, encoder


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


def build_runtime(
    settings: Settings,
    *,
    open_indexes: bool = True,
    progress: bool = False,
    reencode_in_background: bool = False,
) -> Runtime:
    """Migrate the database, load the encoder and open (or rebuild) the indexes.

    With ``reencode_in_background`` (the service), when this data_dir's indexes were last
    complete for another model (``active_model.json``) and that model's snapshots are valid,
    serve it and re-encode with the configured model in
    the background (``switch_model``); otherwise build the configured model's indexes now.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    configure(text_options(settings))
    set_faiss_threads(settings.faiss_threads)
    engine = make_engine(settings.db_url)
    upgrade(engine)
    previous = _previous_model(settings) if open_indexes and reencode_in_background else None
    serving, encoder = previous or (settings, encoder_for(settings))
    runtime = Runtime(serving, engine, make_sessionmaker(engine), encoder, indexes_for(serving, encoder))
    if open_indexes:
        runtime.open_indexes(progress=progress)
        write_active_model(serving, encoder)
    if previous is not None:
        log.info("serving %s while re-encoding with %s", serving.model, settings.model)
        runtime.switch_model(
            settings.model, query_prefix=settings.query_prefix, passage_prefix=settings.passage_prefix
        )
    return runtime


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


def indexes_for(settings: Settings, encoder: Encoder) -> dict[IndexName, SearchIndex]:
    return {
        name: SearchIndex(
            name,
            encoder,
            settings.index_dir / _safe(encoder.model_id),
            lexical_sync_max_docs=settings.lexical_sync_rebuild_max_docs,
            snapshot_every_ops=settings.snapshot_every_ops,
            vector_kind=settings.vector_index,
            hnsw_threshold=settings.hnsw_threshold,
            cache_rows=settings.retrieval_cache_rows,
        )
        for name in IndexName
    }


def text_options(settings: Settings) -> TextOptions:
    return TextOptions(
        t2s=settings.text_t2s,
        glossary=settings.text_glossary,
        cjk_bigrams=settings.text_cjk_bigrams,
        zh_stopwords=settings.text_zh_stopwords,
    )


def _safe(model_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model_id)[-120:]
