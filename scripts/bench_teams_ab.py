"""A/B timing of ``recommend_teams``: the code of a given checkout, on a database built once, so
two versions can be compared on the same data in alternating runs.

    git worktree add /tmp/before <commit>
    nice -n 10 python scripts/bench_teams_ab.py /tmp/before /tmp/ab-100k 100000 20   # builds once
    nice -n 10 python scripts/bench_teams_ab.py .           /tmp/ab-100k 100000 20

Prints the p50 wall-clock and CPU (``time.process_time``, all threads of the process) time per
request over every open challenge in turn, after two warm-ups. CPU time is the steadier figure on
a machine shared with other jobs. The data is ``bench_teams.py``'s (hashing:384 vectors).
"""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    root, data, count, queries = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    sys.path[:0] = [root, f"{root}/scripts"]  # the checkout under test, not this one
    import bench_teams

    from app.config import Settings
    from app.runtime import build_runtime
    from app.services.teams import TeamRequest, recommend_teams
    from models import Challenge, ChallengeStatus

    fresh = not data.exists()
    settings = Settings(env="test", data_dir=data, model="hashing:384", secret_key=secrets.token_urlsafe(32))
    runtime = build_runtime(settings)
    if fresh:
        bench_teams.bulk_load(runtime, count)
        runtime.models.rebuild()
        bench_teams.add_challenges(runtime)
    wall, cpu = [], []
    with runtime.session() as session:
        ids = [
            c.id
            for c in session.query(Challenge)
            .filter(Challenge.status == ChallengeStatus.open)
            .order_by(Challenge.id)
        ]
        for i in range(queries + 2):
            challenge = session.get(Challenge, ids[i % len(ids)])
            assert challenge is not None
            start, start_cpu = time.perf_counter(), time.process_time()
            recommend_teams(session, runtime.view(), challenge, TeamRequest())
            if i >= 2:
                wall.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
    print(
        f"{root} {count} postdocs (OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}): "
        f"wall p50 {statistics.median(wall):.0f} ms, cpu p50 {statistics.median(cpu):.0f} ms",
        flush=True,
    )
    runtime.close()


if __name__ == "__main__":
    main()
