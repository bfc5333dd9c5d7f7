"""Two stateless API replicas behind one PostgreSQL: write through one, rank on the other.

    python scripts/replicas_demo.py                       # PostgreSQL at 127.0.0.1:5432, db "test"
    python scripts/replicas_demo.py --database-url postgresql+psycopg://user@host/db --trials 20

A fresh schema is created in the database and loaded with the demo data. Replica A and replica B
are separate uvicorn processes on different ports with their own index directories; each follows
the ``index_ops`` outbox. Each trial creates a postdoc through A whose research interests are a
challenge's own text, then asks B for that challenge's candidates until the new postdoc is
ranked, and prints the delay from A's 201 to B's first ranking that includes it. The schema is
dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench import load_base, start_server  # noqa: E402

from app.config import Settings  # noqa: E402
from app.runtime import build_runtime  # noqa: E402
from app.services.imports import import_rows  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://root@127.0.0.1:5432/test"


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def seed(url: str, data_dir: Path, model: str) -> None:
    runtime = build_runtime(Settings(data_dir=data_dir, database_url=url, model=model))
    try:
        load_base(runtime)
        import_rows(
            runtime.sessions,
            runtime.models.current(),
            "postdocs",
            (ROOT / "data" / "demo" / "postdocs.jsonl").read_bytes(),
            "jsonl",
            max_rows=runtime.settings.max_import_rows,
        )
        runtime.save_snapshots()
    finally:
        runtime.close()


def trial(a: httpx.Client, b: httpx.Client, challenge: dict, n: int, timeout_s: float) -> tuple[float, int]:
    """Seconds from A's 201 until B ranks the new postdoc, and how many B requests that took."""
    body = {
        "name": f"副本测试{n}",
        "email": f"replica{n}.{uuid.uuid4().hex[:6]}@bench.example.cn",
        "discipline": "工学",
        "research_interests": f"{challenge['title']}。{challenge['description']}",
    }
    created = a.post("/postdocs", json=body)
    created.raise_for_status()
    written = time.perf_counter()
    new_id = created.json()["id"]
    asks = 0
    while time.perf_counter() - written < timeout_s:
        asks += 1
        items = b.get(f"/challenges/{challenge['id']}/candidates", params={"limit": 100}).json()["items"]
        if new_id in {i["postdoc"]["id"] for i in items}:
            return time.perf_counter() - written, asks
    raise TimeoutError(f"replica B did not rank postdoc {new_id} within {timeout_s} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=DEFAULT_URL, help="a PostgreSQL database (a schema is made)"
    )
    parser.add_argument("--model", default="bundled:all-MiniLM-L6-v2", help="JIEBANG_MODEL for both replicas")
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait per trial")
    args = parser.parse_args()

    schema = f"replicas_{uuid.uuid4().hex[:10]}"
    admin = create_engine(args.database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = with_schema(args.database_url, schema)
    work = Path(tempfile.mkdtemp(prefix="jiebang-replicas-"))
    procs = []
    try:
        seed(url, work / "seed", args.model)
        clients = []
        for name in ("a", "b"):
            env = dict(
                os.environ,
                JIEBANG_DATA_DIR=str(work / name),
                JIEBANG_DATABASE_URL=url,
                JIEBANG_MODEL=args.model,
                JIEBANG_SECRET_KEY=secrets.token_urlsafe(32),
            )
            proc, base = start_server(env)
            procs.append(proc)
            clients.append(httpx.Client(base_url=base, timeout=120))
        a, b = clients
        challenges = b.get("/challenges", params={"status": "open", "limit": 100}).json()["items"]
        b.get(f"/challenges/{challenges[0]['id']}/candidates")  # warm-up
        delays, asks = [], []
        for n in range(args.trials):
            delay, count = trial(a, b, challenges[n % len(challenges)], n, args.timeout)
            delays.append(delay * 1000)
            asks.append(count)
            print(
                f"trial {n}: B ranked the row written through A after {delay * 1000:.0f} ms "
                f"({count} request(s))"
            )
        print(
            f"\nreplicas A ({a.base_url}) and B ({b.base_url}) on one PostgreSQL schema; "
            f"{args.trials} writes through A: delay until B ranks the new row "
            f"p50 {statistics.median(delays):.0f} ms, "
            f"max {max(delays):.0f} ms; B needed {max(asks)} request(s) at most "
            "(1 = visible on the first read: every ranking request replays the outbox first)"
        )
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
