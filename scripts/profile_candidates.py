"""Where the candidates route spends its time: cProfile over in-process requests on a bench database.

    python scripts/bench.py --sizes 10000 --work /tmp/jb              # once: the corpus
    python scripts/profile_candidates.py --data-dir /tmp/jb/bench --requests 40

Copies nothing: opens the bench's data directory (its snapshots) with the settings' defaults,
sends ``--requests`` ``GET /challenges/{id}/candidates`` through the ASGI app in this process
(TestClient: routing, validation, serialisation included, no network), each challenge once so
the retrieval cache does not hide the work, and prints the top functions by own and by
cumulative time. Run it while nothing else measures: it competes for the same cores.
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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from app.runtime import build_runtime
    from bench import admin_headers

    settings = Settings(data_dir=args.data_dir, database_url=f"sqlite:///{args.data_dir / 'bench.db'}")
    runtime = build_runtime(settings)
    client = TestClient(create_app(runtime=runtime), headers=admin_headers(runtime))
    ids = [c["id"] for c in client.get("/challenges", params={"limit": 100}).json()["items"]]
    client.get(f"/challenges/{ids[0]}/candidates").raise_for_status()  # warm-up
    paths = [f"/challenges/{ids[i % len(ids)]}/candidates" for i in range(1, args.requests + 1)]
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    for path in paths:
        client.get(path).raise_for_status()
    profile.disable()
    took = (time.perf_counter() - start) / len(paths) * 1000
    print(f"{len(paths)} requests, {took:.1f} ms each (profiled: inflated)")
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    runtime.close()


if __name__ == "__main__":
    main()
