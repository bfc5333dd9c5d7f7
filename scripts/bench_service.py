"""Service benchmark: import throughput, HTTP rank latency (p50/p99) and resident memory.

    python scripts/bench_service.py                      # demo data + 10,000 synthetic postdocs
    python scripts/bench_service.py --synthetic 2000 --queries 100

Each data set goes into a fresh SQLite database under --work. Import is timed in-process through
the same service code as POST /imports; latency is measured over HTTP against a real uvicorn
process (one worker), sequentially, after a warm-up. Prints one table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from synthetic import roster, write_jsonl  # noqa: E402

from app.config import Settings  # noqa: E402
from app.runtime import build_runtime  # noqa: E402
from app.services.imports import import_rows  # noqa: E402

DEMO = ROOT / "data" / "demo"


def load_base(runtime, with_demo_postdocs: bool) -> None:  # type: ignore[no-untyped-def]
    kinds = ["stations", "enterprises", "challenges"] + (["postdocs"] if with_demo_postdocs else [])
    for kind in kinds:
        import_rows(runtime, kind, (DEMO / f"{kind}.jsonl").read_bytes(), "jsonl")


def timed_import(runtime, rows: list[dict]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    content = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    start = time.perf_counter()
    report = import_rows(runtime, "postdocs", content, "jsonl", progress=True)
    seconds = time.perf_counter() - start
    assert not report.errors, report.errors[:3]
    return {"postdocs": report.created, "seconds": seconds, "per_s": report.created / seconds}


def raw_encoder_rate(runtime, rows: list[dict], sample: int = 200) -> float:  # type: ignore[no-untyped-def]
    """Documents per second of the bare encoder on the same kind of texts (for reference)."""
    from app.schemas.postdocs import PostdocCreate
    from app.services.documents import postdoc_documents
    from app.services.postdocs import new_postdoc

    texts = []
    for row in rows[:sample]:
        texts.extend(s.text for s in postdoc_documents(new_postdoc(PostdocCreate.model_validate(row))))
    start = time.perf_counter()
    runtime.encoder.encode(texts)
    return len(texts) / (time.perf_counter() - start), len(texts) / min(sample, len(rows))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def latency(client: httpx.Client, paths: list[str]) -> tuple[float, float]:
    times = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def measure_http(env: dict[str, str], queries: int, headers: dict[str, str]) -> dict[str, float]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120, headers=headers)
        for _ in range(600):
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        challenges = [
            c["id"]
            for c in client.get("/challenges", params={"limit": 100, "status": "open"}).json()["items"]
        ]
        total = client.get("/postdocs", params={"limit": 1}).json()["total"]
        rng = random.Random(3)
        cand_paths = [f"/challenges/{rng.choice(challenges)}/candidates" for _ in range(queries)]
        post_ids = [
            p["id"]
            for p in client.get(
                "/postdocs", params={"limit": 100, "offset": rng.randint(0, max(0, min(total - 100, 10000)))}
            ).json()["items"]
        ]
        rec_paths = [f"/postdocs/{rng.choice(post_ids)}/challenges" for _ in range(queries)]
        latency(client, cand_paths[:10] + rec_paths[:10])  # warm-up
        c50, c99 = latency(client, cand_paths)
        r50, r99 = latency(client, rec_paths)
        rss, peak = rss_mib(proc.pid)
        return {"cand_p50": c50, "cand_p99": c99, "rec_p50": r50, "rec_p99": r99, "rss": rss, "peak": peak}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def admin_headers(runtime) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """An admin account and API key for the benchmark's HTTP calls (every route needs one)."""
    from app.services.accounts import create_account, issue_api_key
    from models import Role

    with runtime.session() as s:
        admin = create_account(s, email="bench@example.org", name="bench", role=Role.admin)
        return {"Authorization": f"Bearer {issue_api_key(s, admin, 'bench')[1]}"}


def run_dataset(label: str, work: Path, synthetic: int, queries: int) -> dict[str, object]:
    data_dir = work / label
    shutil.rmtree(data_dir, ignore_errors=True)
    env = dict(
        os.environ, JIEBANG_DATA_DIR=str(data_dir), JIEBANG_DATABASE_URL=f"sqlite:///{data_dir / 'bench.db'}"
    )
    settings = Settings(data_dir=data_dir, database_url=env["JIEBANG_DATABASE_URL"])
    runtime = build_runtime(settings)
    load_base(runtime, with_demo_postdocs=synthetic == 0)
    result: dict[str, object] = {"dataset": label}
    if synthetic:
        rows = roster(synthetic)
        write_jsonl(rows, data_dir / "synthetic.jsonl")
        rate, docs_per_postdoc = raw_encoder_rate(runtime, rows)
        imp = timed_import(runtime, rows)
        result.update(
            import_per_s=imp["per_s"],
            import_s=imp["seconds"],
            raw_encoder_postdocs_per_s=rate / docs_per_postdoc,
        )
    with runtime.session() as s:
        from models import Document, Postdoc

        result["postdocs"] = s.query(Postdoc).count()
        result["documents"] = s.query(Document).count()
    runtime.save_snapshots()
    headers = admin_headers(runtime)
    runtime.close()
    result.update(measure_http(env, queries, headers))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--synthetic", type=int, default=10_000, help="synthetic postdocs (0 = skip)")
    parser.add_argument("--queries", type=int, default=200, help="HTTP queries per endpoint")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "jiebang-bench")
    args = parser.parse_args()
    results = [run_dataset("demo", args.work, 0, args.queries)]
    if args.synthetic:
        results.append(run_dataset(f"synthetic-{args.synthetic}", args.work, args.synthetic, args.queries))
    print_table(results)


def print_table(results: list[dict[str, object]]) -> None:
    cols = [
        ("dataset", "{}"),
        ("postdocs", "{}"),
        ("documents", "{}"),
        ("import_per_s", "{:.1f}"),
        ("raw_encoder_postdocs_per_s", "{:.1f}"),
        ("cand_p50", "{:.1f}"),
        ("cand_p99", "{:.1f}"),
        ("rec_p50", "{:.1f}"),
        ("rec_p99", "{:.1f}"),
        ("rss", "{:.0f}"),
        ("peak", "{:.0f}"),
    ]
    print(f"\nmachine: {os.cpu_count()} cores; latencies in ms (HTTP, sequential); memory in MiB")
    print("| " + " | ".join(c for c, _ in cols) + " |")
    print("|" + "---|" * len(cols))
    for r in results:
        print("| " + " | ".join(fmt.format(r[c]) if c in r else "–" for c, fmt in cols) + " |")


if __name__ == "__main__":
    main()
