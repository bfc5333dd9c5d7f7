"""Import throughput against the raw encoder, timed back to back on the same texts.

    python scripts/bench_import_ratio.py [--postdocs 15] [--rounds 2]

Each round encodes a batch of synthetic postdocs' document texts with the configured encoder,
imports the same postdocs through the import service (schemas, documents, tokens, embeddings,
outbox, index sync: what ``POST /imports/postdocs`` does), then encodes the texts again; the
ratio is import docs/s over the mean of the two raw figures, so load that changes during a run
on shared cores affects both sides alike (``scripts/bench.py`` times the raw encoder once, before
the import). A fresh SQLite database under a temporary directory; prints one line per round.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench import document_texts, load_base  # noqa: E402
from bench_corpus import import_postdocs  # noqa: E402
from synthetic import roster  # noqa: E402

from app.config import Settings  # noqa: E402
from app.runtime import Runtime, build_runtime  # noqa: E402

__all__ = ["main"]


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _round(runtime: Runtime, part: list) -> str:
    """Raw encoder, import, raw encoder again, on the same postdocs' texts: one line."""
    encoder = runtime.models.current().encoder
    texts = document_texts(part)
    before = len(texts) / _seconds(lambda: encoder.encode(texts))
    imported = len(texts) / _seconds(lambda: import_postdocs(runtime, part))
    after = len(texts) / _seconds(lambda: encoder.encode(texts))
    return (
        f"{len(texts)} texts: raw {before:.1f} / {after:.1f} docs/s (before / after), "
        f"import {imported:.1f} docs/s, import ÷ raw {imported / ((before + after) / 2):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postdocs", type=int, default=15, help="postdocs per round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="jiebang-import-ratio"))
    runtime = build_runtime(Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'ratio.db'}"))
    try:
        load_base(runtime)
        rows = roster(2 + args.postdocs * args.rounds)
        encoder = runtime.models.current().encoder
        encoder.encode(document_texts(rows[:2]))  # warm-up
        print(f"model {encoder.model_id}")
        for start in range(2, len(rows), args.postdocs):
            print(_round(runtime, rows[start : start + args.postdocs]), flush=True)
    finally:
        runtime.close()


if __name__ == "__main__":
    main()
