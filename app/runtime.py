"""The process: settings, the database and the model manager, built once at start-up.

``Runtime`` is the composition root and nothing more. Requests get a database session from
``sessions`` and a search view from ``view()``; everything about models and indexes belongs to
``models`` (app/model_manager.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.matching.view import SearchView
from app.migrate import upgrade
from app.model_manager import ModelManager, build_view, encoder_for, previous_generation
from app.services.deliveries import EMAIL_ENABLED
from index.text import TextOptions, configure
from index.vector import set_faiss_threads
from models.db import make_engine, make_sessionmaker

__all__ = ["Runtime", "build_runtime", "text_options"]

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings  # as configured (the serving model's are ``models.settings``)
    engine: Engine
    sessions: sessionmaker[Session]
    models: ModelManager

    def session(self) -> Session:
        return self.sessions()

    def view(self) -> SearchView:
        """The serving search view, up to date with the outbox."""
        return self.models.view()

    def save_snapshots(self) -> None:
        self.models.save_snapshots()

    def close(self) -> None:
        self.engine.dispose()


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
    serve it and re-encode with the configured model in the background; otherwise build the
    configured model's indexes now.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    configure(text_options(settings))
    set_faiss_threads(settings.faiss_threads)
    engine = make_engine(settings.db_url)
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    sessions.configure(info={EMAIL_ENABLED: settings.email_enabled})  # notifications queue email
    previous = previous_generation(settings) if open_indexes and reencode_in_background else None
    serving, encoder = previous or (settings, encoder_for(settings))
    runtime = Runtime(
        settings, engine, sessions, ModelManager(serving, sessions, build_view(serving, encoder))
    )
    if open_indexes:
        runtime.models.open(progress=progress)
    if previous is not None:
        log.info("serving %s while re-encoding with %s", serving.model, settings.model)
        runtime.models.switch(
            settings.model, query_prefix=settings.query_prefix, passage_prefix=settings.passage_prefix
        )
    return runtime


def text_options(settings: Settings) -> TextOptions:
    return TextOptions(
        t2s=settings.text_t2s,
        glossary=settings.text_glossary,
        cjk_bigrams=settings.text_cjk_bigrams,
        zh_stopwords=settings.text_zh_stopwords,
    )
