"""The process-wide runtime: settings, database, encoder and the in-memory indexes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.migrate import upgrade
from index.encoder import Encoder, make_encoder
from index.models import prefixes_for
from index.search_index import SearchIndex
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
    _swap_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def session(self) -> Session:
        return self.sessions()

    def index(self, name: IndexName) -> SearchIndex:
        return self.indexes[name]

    def sync(self) -> None:
        """Bring this process's indexes up to date with the outbox (read-your-writes)."""
        for index in self.indexes.values():
            index.sync(self.sessions)

    def open_indexes(self, *, progress: bool = False) -> None:
        for index in self.indexes.values():
            index.open(self.sessions, progress=progress)

    def rebuild_indexes(self, *, progress: bool = False) -> None:
        for index in self.indexes.values():
            index.rebuild(self.sessions, progress=progress)

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
        thread = threading.Thread(
            target=self._reencode, args=(settings, before_swap), name="jiebang-reencode", daemon=True
        )
        thread.start()
        return thread

    def _reencode(self, settings: Settings, before_swap: Callable[[], object] | None) -> None:
        try:
            encoder = encoder_for(settings)
            fresh = indexes_for(settings, encoder)
            for index in fresh.values():
                index.rebuild(self.sessions)
            if before_swap is not None:
                before_swap()
            for index in fresh.values():
                index.sync(self.sessions)
        except Exception as exc:  # keep serving the old model whatever went wrong
            log.exception("re-encoding with %s failed; keeping %s", settings.model, self.encoder.model_id)
            self.reencode_error = f"{type(exc).__name__}: {exc}"
            return
        with self._swap_lock:
            self.indexes = fresh
            self.encoder = encoder
            self.settings = settings
            self.reencode_error = None
        log.info("now serving %s", encoder.model_id)


def build_runtime(settings: Settings, *, open_indexes: bool = True, progress: bool = False) -> Runtime:
    """Migrate the database, load the encoder and open (or rebuild) the indexes."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    configure(text_options(settings))
    set_faiss_threads(settings.faiss_threads)
    engine = make_engine(settings.db_url)
    upgrade(engine)
    encoder = encoder_for(settings)
    runtime = Runtime(settings, engine, make_sessionmaker(engine), encoder, indexes_for(settings, encoder))
    if open_indexes:
        runtime.open_indexes(progress=progress)
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
