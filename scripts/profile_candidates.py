"""Where the candidates route spends its time: cProfile over its ranking on a bench database.

    python scripts/bench.py --sizes 10000 --work /tmp/jb              # once: the corpus
    python scripts/profile_candidates.py --data-dir /tmp/jb/bench --requests 40

Copies nothing: opens the bench's data directory (its snapshots) with the settings' defaults,
ranks ``--requests`` challenges as ``GET /challenges/{id}/candidates`` does (``rank_candidates``
in this thread, so cProfile sees it: routing and JSON serialisation are not included), each
challenge once so the retrieval cache does not hide the work, and prints the top functions by
own and by cumulative time. Run it while nothing else measures: it competes for the same cores.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    from sqlalchemy import select

    from app.config import Settings
    from app.matching.candidates import rank_candidates
    from app.matching.filters import PostdocFilters
    from app.runtime import build_runtime
    from models import Challenge

    settings = Settings(data_dir=args.data_dir, database_url=f"sqlite:///{args.data_dir / 'bench.db'}")
    runtime = build_runtime(settings)
    for index in runtime.view().indexes.values():  # BM25 now, not in a background thread meanwhile
        index.rebuild_lexical(runtime.sessions)
    runtime.save_snapshots()  # the next run loads BM25 instead of building it

    def rank(challenge_id: int) -> None:
        with runtime.session() as session:
            challenge = session.get(Challenge, challenge_id)
            rank_candidates(session, runtime.view(), challenge, PostdocFilters(), limit=20, offset=0)

    with runtime.session() as session:
        ids = list(session.scalars(select(Challenge.id).order_by(Challenge.id).limit(args.requests + 1)))
    rank(ids[0])  # warm-up
    times = []
    profile = cProfile.Profile()
    for challenge_id in ids[1:]:  # each challenge once: nothing cached for it
        start = time.perf_counter()
        profile.enable()
        rank(challenge_id)
        profile.disable()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{len(times)} rankings, p50 {times[len(times) // 2]:.1f} ms (profiled: inflated), in process")
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    runtime.close()


if __name__ == "__main__":
    main()
