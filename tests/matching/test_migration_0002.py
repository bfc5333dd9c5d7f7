"""Migration 0002 (postdoc employer, engagements) matches the models and downgrades cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app.migrate import alembic_config, upgrade
from models import Base


def test_0002_matches_models_and_round_trips(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    tables = inspect(engine)
    assert "engagements" not in tables.get_table_names()
    assert "employer_enterprise_id" not in {c["name"] for c in tables.get_columns("postdocs")}
    upgrade(engine)
    assert "engagements" in inspect(engine).get_table_names()
    engine.dispose()
