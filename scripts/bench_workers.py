"""Memory of 1 worker against 2 on one host: do workers share the index memory?

    python scripts/bench.py --sizes 10000 --work /tmp/jb     # once: a database and snapshots
    python scripts/bench_workers.py --data-dir /tmp/jb/bench  # then this

For each setting of ``JIEBANG_VECTOR_MMAP`` (on: flat FAISS snapshots memory-mapped read-only;
off: read into each process) and each worker count, one ``uvicorn --workers N`` serves the data
directory; after start-up and ``--queries`` candidates requests (so every worker has searched),
the script sums over the server's processes (the supervisor too, when N > 1):

- RSS: resident pages, shared ones counted once *per process* (what ``ps`` shows);
- PSS (``/proc/<pid>/smaps_rollup``): each shared page divided among the processes mapping it —
  the memory the host really spends. The target (issue 16) is 2 workers < 1.3 × one.

BM25 is memory-mapped either way (bm25s ``mmap=True``). HNSW snapshots (≥ 200,000 documents) are
zip archives read into each process and are not shared.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

__all__ = ["main", "measure"]


def memory_of(pid: int) -> dict[str, float]:
    """RSS and PSS of one process, in MiB."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss", "Shared_Clean", "Private_Dirty"):
            fields[name] = int(rest.split()[0]) / 1024
    return fields


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(p for child in children for p in tree(int(child)))]


def api_key(database_url: str) -> str:
    """A fresh admin API key in the served database."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.services.accounts import create_account, issue_api_key
    from models import Role

    engine = create_engine(database_url)
    with Session(engine) as s:
        admin = create_account(
            s, email=f"workers-{uuid.uuid4().hex[:8]}@example.org", name="w", role=Role.admin
        )
        key = issue_api_key(s, admin, "workers")[1]
        s.commit()
    engine.dispose()
    return key


def measure(data_dir: Path, database_url: str, workers: int, mmap: bool, queries: int) -> dict[str, Any]:
    """Start a server with ``workers`` workers, exercise it, and sum its processes' memory."""
    from bench import free_port

    port = free_port()
    env = dict(
        os.environ,
        JIEBANG_DATA_DIR=str(data_dir),
        JIEBANG_DATABASE_URL=database_url,
        JIEBANG_VECTOR_MMAP="true" if mmap else "false",
    )
    cmd = [sys.executable, "-m", "uvicorn", "app.asgi:app", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen([*cmd, "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(1)
        headers = {"Authorization": f"Bearer {api_key(database_url)}"}
        with httpx.Client(base_url=base, headers=headers, timeout=300) as client:
            ids = [c["id"] for c in client.get("/challenges", params={"limit": 20}).json()["items"]]
            for n in range(queries):  # new connections: the kernel spreads them over the workers
                httpx.get(f"{base}/challenges/{ids[n % len(ids)]}/candidates", headers=headers, timeout=300)
        time.sleep(3 * workers)  # a worker started late finishes opening its indexes
        pids = tree(proc.pid)
        per = [memory_of(p) for p in pids]
        return {
            "workers": workers,
            "mmap": mmap,
            "processes": len(pids),
            "rss": sum(m["Rss"] for m in per),
            "pss": sum(m["Pss"] for m in per),
            "per_process_pss": [round(m["Pss"]) for m in per],
        }
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=120)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="a bench data directory (snapshots)")
    parser.add_argument("--database-url", default="", help="default: sqlite:///<data-dir>/bench.db")
    parser.add_argument("--queries", type=int, default=20, help="candidates requests per server")
    parser.add_argument("--mmap", default="on,off", help="JIEBANG_VECTOR_MMAP settings to measure")
    args = parser.parse_args(argv)
    url = args.database_url or f"sqlite:///{args.data_dir / 'bench.db'}"
    print(
        "| vector mmap | workers | processes | RSS sum MiB | PSS sum MiB | PSS per process | PSS ÷ 1 worker |"
    )
    print("|---|---|---|---|---|---|---|")
    for setting in args.mmap.split(","):
        one = measure(args.data_dir, url, 1, setting == "on", args.queries)
        two = measure(args.data_dir, url, 2, setting == "on", args.queries)
        for row in (one, two):
            print(
                f"| {setting} | {row['workers']} | {row['processes']} | {row['rss']:.0f} | {row['pss']:.0f} "
                f"| {row['per_process_pss']} | {row['pss'] / one['pss']:.2f} |"
            )


if __name__ == "__main__":
    main()
