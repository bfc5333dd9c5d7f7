"""Alembic migrations (run through ``app.migrate.upgrade`` or ``alembic upgrade head``)."""
