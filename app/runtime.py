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
    engine = make_engine(settings.db_url)
    upgrade(engine)
    encoder = make_encoder(
        settings.model,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        batch_size=settings.encode_batch_size,
        threads=settings.torch_threads,
        backend=settings.encoder_backend,
    )
    runtime = Runtime(settings, engine, make_sessionmaker(engine), encoder)
    for name in IndexName:
        runtime.indexes[name] = SearchIndex(
            name,
            encoder,
            settings.index_dir / _safe(encoder.model_id),
            lexical_sync_max_docs=settings.lexical_sync_rebuild_max_docs,
            snapshot_every_ops=settings.snapshot_every_ops,
            vector_kind=settings.vector_index,
            hnsw_threshold=settings.hnsw_threshold,
        )
    if open_indexes:
        runtime.open_indexes(progress=progress)
    return runtime


def _safe(model_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model_id)[-120:]
