"""The process-wide runtime: settings, database, encoder and the in-memory indexes."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.migrate import upgrade
from index.encoder import Encoder, make_encoder
from index.search_index import SearchIndex
from index.text import TextOptions, configure
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


def build_runtime(settings: Settings, *, open_indexes: bool = True, progress: bool = False) -> Runtime:
    """Migrate the database, load the encoder and open (or rebuild) the indexes."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    configure(text_options(settings))
    engine = make_engine(settings.db_url)
    upgrade(engine)
    encoder = make_encoder(
        settings.model,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        batch_size=settings.encode_batch_size,
        threads=settings.torch_threads,
    )
    runtime = Runtime(settings, engine, make_sessionmaker(engine), encoder)
    for name in IndexName:
        runtime.indexes[name] = SearchIndex(
            name,
            encoder,
            settings.index_dir / _safe(encoder.model_id),
            lexical_sync_max_docs=settings.lexical_sync_rebuild_max_docs,
            snapshot_every_ops=settings.snapshot_every_ops,
        )
    if open_indexes:
        runtime.open_indexes(progress=progress)
    return runtime


def text_options(settings: Settings) -> TextOptions:
    return TextOptions(
        t2s=settings.text_t2s,
        glossary=settings.text_glossary,
        cjk_bigrams=settings.text_cjk_bigrams,
        zh_stopwords=settings.text_zh_stopwords,
    )


def _safe(model_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model_id)[-120:]
