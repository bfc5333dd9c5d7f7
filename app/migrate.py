"""Run Alembic migrations from code (the service and CLI upgrade on start).

Several workers or replicas may start at once: PostgreSQL serialises them with an advisory
lock, SQLite with a file lock beside the database file.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

__all__ = ["alembic_config", "upgrade"]

_ROOT = Path(__file__).resolve().parent.parent
_PG_LOCK_KEY = 0x4A494542  # "JIEB"


def alembic_config() -> Config:
    cfg = Config(str(_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(_ROOT / "migrations"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database behind ``engine`` to the newest schema (safe to run concurrently)."""
    cfg = alembic_config()
    with _sqlite_file_lock(engine), engine.begin() as conn:
        _pg_advisory_lock(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _pg_advisory_lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
