"""``jiebang follow``: the one process that feeds Milvus from the outbox (index/milvus_feed.py).

It migrates the database, builds the configured encoder (no index is opened) and runs one
``MilvusFeeder`` per index under one lease holder until interrupted; API processes with
``JIEBANG_MILVUS_FEED=follower`` then only query (docs/scaling.md).
"""

from __future__ import annotations

import typer

from app.config import Settings
from app.model_manager import milvus_uri
from app.runtime import build_runtime
from index.milvus_feed import run_follower

__all__ = ["follow_command"]


def follow_command(settings: Settings, *, rebuild: bool, rounds: int | None) -> None:
    """Feed Milvus until interrupted (or for ``rounds`` rounds); exit 2 unless the backend is Milvus."""
    if settings.vector_backend != "milvus":
        typer.echo("error: `jiebang follow` feeds Milvus: set JIEBANG_VECTOR_BACKEND=milvus", err=True)
        raise typer.Exit(2)
    runtime = build_runtime(settings, open_indexes=False)
    try:
        run_follower(
            runtime.sessions,
            runtime.models.current().encoder,
            milvus_uri(settings),
            lease_seconds=settings.milvus_lease_s,
            interval=settings.milvus_follow_interval_s,
            rebuild=rebuild,
            rounds=rounds,
            echo=typer.echo,
        )
    except KeyboardInterrupt:
        pass
    finally:
        runtime.close()
