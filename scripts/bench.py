"""Benchmark at city and national scale on distinct documents, with txtai as a peer. One table.

    python scripts/bench.py --sizes 10000,100000            # or: jiebang bench --sizes 10000,100000
    python scripts/bench.py --sizes 2000 --queries 50 --no-peer   # a quick look

One database (a fresh SQLite file under --work, or --database-url) grows through the sizes:
1. Demo stations, enterprises and challenges are loaded; ``--base-postdocs`` synthetic postdocs
   (scripts/synthetic.py: CSL sentences recombined, 15 % English, every document text distinct)
   go through the import service with real encoding, as ``POST /imports/postdocs`` does: *import
   throughput*; the raw encoder is timed on the same texts. Their vectors are the *base set*.
2. For each size N (ascending) the roster grows to N with further distinct postdocs of the same
   roster. Their vectors are *derived* from the base set (mixtures of two real vectors plus
   noise, scripts/bench_corpus.py) and stored as the embeddings the service reads, keyed as real
   ones, before the rows go through the same import service: nothing is encoded twice and no
   document is a copy. The table reports how many texts and non-zero vectors are distinct.
3. *Index build*: both indexes rebuilt from SQL and the stored embeddings, then snapshotted.
   *recall@10* / *recall@k* of HNSW (the approximate index, built over the same vectors when the
   service itself is still exact) against exact search, on the challenges' query vectors and
   200 documents' vectors.
4. A uvicorn process serves the snapshot; ``--concurrency`` clients send ``--queries`` requests
   per route: candidates (``GET /challenges/{id}/candidates``), challenges
   (``GET /postdocs/{id}/challenges``) and teams (``GET /challenges/{id}/teams``). Latency p50 /
   p99 over HTTP; resident memory of the server idle and at its peak.
5. Peer (scripts/bench_peer.py; ``pip install 'jiebang[bench]'``): txtai hybrid search (BM25 +
   the same vectors, the same tokenised documents) served by txtai's own API app over HTTP, with
   the same clients; and its nDCG@10 on the zh and en dev benchmarks next to ours.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_corpus import BasePool, grow_distinct, import_postdocs, row_documents  # noqa: E402
from synthetic import roster  # noqa: E402

from app.config import Settings  # noqa: E402
from app.runtime import Runtime, build_runtime  # noqa: E402
from app.services.imports import import_rows  # noqa: E402

for noisy in ("httpx", "bm25s", "txtai", "faiss"):
    logging.getLogger(noisy).setLevel(logging.WARNING)

DEMO = ROOT / "data" / "demo"
Row = dict[str, Any]


# --------------------------------------------------------------------------- data
def load_base(runtime: Runtime) -> None:
    for kind in ("stations", "enterprises", "challenges"):
        report = import_rows(
            runtime.sessions,
            runtime.models.current(),
            kind,
            (DEMO / f"{kind}.jsonl").read_bytes(),
            "jsonl",
            max_rows=runtime.settings.max_import_rows,
        )
        assert not [e for e in report.errors if "already exists" not in e.message], report.errors[:3]


def document_texts(rows: list[Row]) -> list[str]:
    """The searchable texts of these roster rows, exactly as the import stores them."""
    return [spec.text for row in rows for spec in row_documents(row)]


def raw_encoder_docs_per_s(runtime: Runtime, texts: list[str]) -> float:
    start = time.perf_counter()
    for part in range(0, len(texts), 1024):
        runtime.models.current().encoder.encode(texts[part : part + 1024])
    return len(texts) / (time.perf_counter() - start)


def distinct_counts(runtime: Runtime) -> dict[str, int]:
    """Postdoc documents, their distinct texts, and distinct non-zero stored vectors."""
    from sqlalchemy import text

    from index.encoder import embedding_key

    key = embedding_key(runtime.models.current().encoder)
    zero = bytes(4 * runtime.models.current().encoder.dim)
    with runtime.engine.connect() as conn:
        _, texts = conn.execute(
            text("SELECT COUNT(*), COUNT(DISTINCT text_sha256) FROM documents WHERE index_name = 'postdocs'")
        ).one()
        vectors, zeros = conn.execute(
            text(
                "SELECT COUNT(DISTINCT CASE WHEN e.vector != :zero THEN e.vector END), "
                "SUM(CASE WHEN e.vector = :zero THEN 1 ELSE 0 END) FROM documents d JOIN embeddings e "
                "ON e.text_sha256 = d.text_sha256 AND e.model_id = :key WHERE d.index_name = 'postdocs'"
            ),
            {"zero": zero, "key": key},
        ).one()
    return {
        "distinct_texts": int(texts),
        "distinct_vectors": int(vectors or 0),
        "zero_vectors": int(zeros or 0),
    }


# ---------------------------------------------------------------------- vectors
def vector_recall(runtime: Runtime, k_wide: int, sample: int = 200) -> dict[str, Any]:
    """Recall of HNSW against exact search over the postdoc index's vectors: the service's own
    index when it is HNSW, else an HNSW index built here over the same vectors. Queries: the
    challenges' query vectors and ``sample`` stored document vectors."""
    from app.matching.candidates import query_vector
    from app.matching.documents import challenge_query_text
    from index.vector import HnswVectorIndex
    from models import Challenge, IndexName

    encoder = runtime.models.current().encoder
    vectors = runtime.models.current().indexes[IndexName.postdocs].vector_index
    kind = str(getattr(vectors, "kind", "flat"))
    with runtime.session() as s:
        texts = [challenge_query_text(c) for c in s.query(Challenge).order_by(Challenge.id)]
    ids = np.sort(vectors.ids())
    picked = np.random.default_rng(5).choice(ids, size=min(sample, len(ids)), replace=False)
    queries = np.concatenate(
        [
            np.array([query_vector(encoder, t) for t in texts]),
            vectors.vectors(picked),
        ]
    )
    queries = queries[np.any(queries, axis=1)]
    start = time.perf_counter()
    hnsw = vectors if kind == "hnsw" else HnswVectorIndex.from_index(vectors)
    out: dict[str, Any] = {"vector_index": kind, "recall_queries": len(queries)}
    if kind != "hnsw":
        out["hnsw_build_s"] = time.perf_counter() - start
    exact_scores = np.concatenate(
        [queries @ vectors.vectors(ids[i : i + 50_000]).T for i in range(0, len(ids), 50_000)], axis=1
    )
    for label, k in (("recall@10", min(10, len(ids))), ("recall@k", min(k_wide, len(ids)))):
        # tie-aware: a hit counts when it scores at least the exact k-th best score
        kth = -np.partition(-exact_scores, k - 1, axis=1)[:, k - 1]
        scores, _ = hnsw.search(queries, k)
        out[label] = float(np.mean((scores >= kth[:, None] - 1e-3).sum(axis=1) / k))
    return out


# ------------------------------------------------------------------------- HTTP
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def percentiles(times_ms: list[float]) -> tuple[float, float]:
    times_ms = sorted(times_ms)
    return statistics.median(times_ms), times_ms[min(len(times_ms) - 1, int(len(times_ms) * 0.99))]


def concurrent_latency(
    call: Callable[[Any], None], items: list[Any], concurrency: int
) -> tuple[float, float]:
    return percentiles(timed_calls(call, items, concurrency))


def timed_calls(call: Callable[[Any], None], items: list[Any], concurrency: int) -> list[float]:
    """Milliseconds per call, in the order of ``items``, ``concurrency`` calls at a time."""

    def timed(item: Any) -> float:
        start = time.perf_counter()
        call(item)
        return (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(timed, items))


def admin_headers(runtime: Runtime, email: str = "bench@example.org") -> dict[str, str]:
    """An admin account and API key for the benchmark's HTTP calls (every route needs one)."""
    from app.services.accounts import create_account, issue_api_key
    from models import Role

    with runtime.session() as s:
        admin = create_account(s, email=email, name="bench", role=Role.admin)
        return {"Authorization": f"Bearer {issue_api_key(s, admin, 'bench')[1]}"}


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=5).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.5)
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
    raise RuntimeError("server did not become healthy")


def measure_http(
    env: dict[str, str], queries: int, levels: list[int], headers: dict[str, str]
) -> list[dict[str, Any]]:
    """One server; for each concurrency level in turn, every route: latency over all requests and
    over the *cold* ones (the first request for a challenge or postdoc: nothing cached for it)."""
    started = time.perf_counter()
    proc, base = start_server(env)
    start_s = time.perf_counter() - started
    try:
        client = httpx.Client(base_url=base, timeout=300, headers=headers)
        idle_rss, _ = rss_mib(proc.pid)
        challenges = [
            c["id"]
            for c in client.get("/challenges", params={"limit": 100, "status": "open"}).json()["items"]
        ]
        total = client.get("/postdocs", params={"limit": 1}).json()["total"]
        rng = random.Random(3)
        postdocs = [
            p["id"]
            for offset in rng.sample(range(0, max(1, min(total, 10_000) - 100)), 5)
            for p in client.get("/postdocs", params={"limit": 100, "offset": offset}).json()["items"]
        ]
        has_teams = any(p.endswith("/teams") for p in client.get("/openapi.json").json()["paths"])

        def get(path: str) -> None:
            client.get(path).raise_for_status()

        seen: set[str] = set()
        results = []
        for concurrency in levels:
            routes = {
                "candidates": [f"/challenges/{rng.choice(challenges)}/candidates" for _ in range(queries)],
                "challenges": [f"/postdocs/{rng.choice(postdocs)}/challenges" for _ in range(queries)],
                "teams": [f"/challenges/{rng.choice(challenges)}/teams" for _ in range(queries)]
                if has_teams
                else [],
            }
            result: dict[str, Any] = {"concurrency": concurrency, "idle_rss": idle_rss, "start_s": start_s}
            for name, paths in routes.items():
                if not paths:
                    continue
                for path in paths[: 2 * concurrency]:  # warm-up (first-request caches, JIT paths)
                    get(path)
                seen.update(paths[: 2 * concurrency])
                start = time.perf_counter()
                times = timed_calls(get, paths, concurrency)
                result[f"{name}_qps"] = len(paths) / (time.perf_counter() - start)
                result[f"{name}_p50"], result[f"{name}_p99"] = percentiles(times)
                cold = []
                for took, path in zip(times, paths, strict=True):
                    if path not in seen:
                        seen.add(path)
                        cold.append(took)
                if cold:
                    result[f"{name}_cold_p50"], result[f"{name}_cold_p99"] = percentiles(cold)
            result["rss"], result["peak_rss"] = rss_mib(proc.pid)
            results.append(result)
        return results
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=120)


# ------------------------------------------------------------------------- peer
def peer_import_rate(runtime: Runtime, texts: list[str]) -> dict[str, Any]:
    """txtai ``Embeddings.index`` over the same documents with the same model: documents/s."""
    try:
        from txtai import Embeddings
    except ImportError as exc:
        return {"peer": f"txtai not installed ({exc}); pip install 'jiebang[bench]'"}
    from index.encoder import resolve_model_location

    embeddings = Embeddings(path=resolve_model_location(runtime.settings.model), content=False)
    start = time.perf_counter()
    embeddings.index((i, t, None) for i, t in enumerate(texts))
    return {"peer_import_docs_per_s": len(texts) / (time.perf_counter() - start)}


def peer_latency(runtime: Runtime, args: argparse.Namespace, levels: list[int], k: int) -> dict[int, Any]:
    """txtai's search latency per client count; a failure is reported, not raised."""
    try:
        from bench_peer import peer_http_latency

        return peer_http_latency(runtime, levels, args.queries, k, args.work)
    except Exception as exc:  # the peer failing must not lose our own figures
        return {level: {"peer": f"txtai search failed: {type(exc).__name__}: {exc}"} for level in levels}


# ------------------------------------------------------------------------- runs
def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Import once, then for each size (ascending) grow the roster and measure."""
    data_dir = args.work / "bench"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    url = args.database_url or f"sqlite:///{data_dir / 'bench.db'}"
    env = dict(
        os.environ,
        JIEBANG_DATA_DIR=str(data_dir),
        JIEBANG_DATABASE_URL=url,
        JIEBANG_VECTOR_INDEX=args.vector_index,
        JIEBANG_ENCODER_BACKEND=args.encoder_backend,
        JIEBANG_SECRET_KEY=secrets.token_urlsafe(32),
    )
    settings = Settings(
        data_dir=data_dir,
        database_url=url,
        vector_index=args.vector_index,
        encoder_backend=args.encoder_backend,
    )
    sizes = sorted(int(size) for size in args.sizes.split(","))
    levels = [int(c) for c in str(args.concurrency).split(",")]
    runtime = build_runtime(settings)
    load_base(runtime)
    everyone = roster(sizes[-1])
    base = everyone[: min(sizes[0], args.base_postdocs)]
    texts = document_texts(base)
    imported: dict[str, Any] = {"imported": len(base)}
    runtime.models.current().encoder.encode(texts[:64])  # warm-up
    imported["raw_docs_per_s"] = raw_encoder_docs_per_s(runtime, texts[: args.raw_sample])
    imported["import_docs_per_s"] = len(texts) / import_postdocs(runtime, base)
    pool = BasePool.of(runtime, base)
    imported["base_vectors"] = pool.size
    # every route needs credentials: an admin API key in the benchmark's own database
    headers = {**admin_headers(runtime), **{k: v.strip() for k, v in (h.split(":", 1) for h in args.header)}}
    peer_import = peer_import_rate(runtime, texts[: args.peer_docs]) if args.peer else {}
    results, made = [], len(base)
    for size in sizes:
        result: dict[str, Any] = {"size": size, **imported, **peer_import}
        grown = grow_distinct(runtime, everyone[made:size], pool)
        made = size
        result["derived_import_docs_per_s"] = grown["derived_vectors"] / max(grown["derived_import_s"], 1e-9)
        result.update(distinct_counts(runtime))
        start = time.perf_counter()
        runtime.models.rebuild()
        result["index_build_s"] = time.perf_counter() - start
        result["documents"] = sum(i.size for i in runtime.models.current().indexes.values())
        result["postdoc_documents"] = runtime.models.current().indexes[_postdocs()].size
        result.update(vector_recall(runtime, settings.retrieve_docs))
        runtime.save_snapshots()
        peers = peer_latency(runtime, args, levels, settings.retrieve_docs) if args.peer else {}
        for backend in args.backends.split(","):  # milvus: milvus-lite in the server, fed by it
            measured = measure_http({**env, "JIEBANG_VECTOR_BACKEND": backend}, args.queries, levels, headers)
            for row in measured:
                results.append({**result, **peers.get(row["concurrency"], {}), "backend": backend, **row})
        # partial results survive a later failure
        (args.work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    quality = peer_quality(settings, args) if args.peer and args.peer_benchmarks else {}
    print_table(results, args, quality)
    runtime.close()
    return results


def _postdocs() -> Any:
    from models import IndexName

    return IndexName.postdocs


def peer_quality(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    """Our nDCG@10 and txtai's on the dev benchmarks (a separate, small database each)."""
    try:
        from bench_peer import peer_ndcg

        base = Settings(data_dir=args.work / "eval", encoder_backend=args.encoder_backend)
        quality = peer_ndcg(base, args.peer_benchmarks.split(","), settings.retrieve_docs, args.eval_cache)
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    (args.work / "quality.json").write_text(json.dumps(quality, indent=1), encoding="utf-8")
    return quality


COLUMNS = [
    ("size", "postdocs", "{}"),
    ("backend", "backend", "{}"),
    ("concurrency", "clients", "{}"),
    ("documents", "documents", "{}"),
    ("distinct_texts", "distinct postdoc texts", "{}"),
    ("distinct_vectors", "distinct non-zero vectors", "{}"),
    ("zero_vectors", "zero vectors", "{}"),
    ("imported", "encoded postdocs", "{}"),
    ("import_docs_per_s", "import docs/s", "{:.1f}"),
    ("raw_docs_per_s", "raw encoder docs/s", "{:.1f}"),
    ("derived_import_docs_per_s", "import docs/s, stored vectors", "{:.0f}"),
    ("index_build_s", "index build s", "{:.1f}"),
    ("peer_index_build_s", "txtai index build s", "{:.1f}"),
    ("vector_index", "vectors", "{}"),
    ("recall@10", "recall@10", "{:.3f}"),
    ("recall@k", "recall@1000", "{:.3f}"),
    ("hnsw_build_s", "HNSW build s (recall)", "{:.1f}"),
    ("start_s", "server start s (milvus: feeding included)", "{:.0f}"),
    ("candidates_p50", "candidates p50", "{:.0f}"),
    ("candidates_p99", "candidates p99", "{:.0f}"),
    ("candidates_cold_p50", "candidates cold p50", "{:.0f}"),
    ("candidates_cold_p99", "candidates cold p99", "{:.0f}"),
    ("challenges_p50", "challenges p50", "{:.0f}"),
    ("challenges_p99", "challenges p99", "{:.0f}"),
    ("teams_p50", "teams p50", "{:.0f}"),
    ("teams_p99", "teams p99", "{:.0f}"),
    ("teams_cold_p50", "teams cold p50", "{:.0f}"),
    ("teams_cold_p99", "teams cold p99", "{:.0f}"),
    ("idle_rss", "RSS idle MiB", "{:.0f}"),
    ("peak_rss", "RSS peak MiB", "{:.0f}"),
    ("peer_import_docs_per_s", "txtai import docs/s", "{:.1f}"),
    ("peer_search_p50", "txtai search p50", "{:.0f}"),
    ("peer_search_p99", "txtai search p99", "{:.0f}"),
    ("peer_rss", "txtai RSS MiB", "{:.0f}"),
]
RATIOS = [
    ("import_docs_per_s", "peer_import_docs_per_s", "import ÷ txtai import (higher is better)"),
    ("candidates_p50", "peer_search_p50", "candidates p50 ÷ txtai search p50 (lower is better)"),
    ("candidates_p99", "peer_search_p99", "candidates p99 ÷ txtai search p99 (lower is better)"),
    ("import_docs_per_s", "raw_docs_per_s", "import ÷ raw encoder (target ≥ 0.8)"),
    ("peer_index_build_s", "index_build_s", "txtai index build ÷ index build (higher is better)"),
]


def print_table(results: list[dict[str, Any]], args: argparse.Namespace, quality: dict[str, Any]) -> None:
    load = os.getloadavg()
    print(
        f"\nmachine: {os.cpu_count()} cores, load average {load[0]:.1f} at the end; "
        f"HTTP with {args.concurrency} concurrent clients, {args.queries} requests per route; "
        "latencies in ms; '–' = not measured, n/a = route absent"
    )
    print("| " + " | ".join(c[1] for c in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for r in results:
        cells = []
        for key, _, fmt in COLUMNS:
            if key in r:
                cells.append(fmt.format(r[key]))
            else:
                cells.append("n/a" if key.startswith("teams") else "–")
        print("| " + " | ".join(cells) + " |")
    for r in results:
        if "peer" in r:
            print(f"peer at {r['size']}: {r['peer']}")
        for a, b, label in RATIOS:
            if a in r and b in r and r[b]:
                where = f"{r['size']} {r.get('backend', '')} ({r.get('concurrency')} clients)"
                print(f"{where}: {label}: {r[a] / r[b]:.2f}")
    for name, q in quality.items():
        if name == "error":
            print(f"peer quality failed: {q}")
            continue
        ratio = q["ours_ndcg10"] / q["peer_ndcg10"] if q["peer_ndcg10"] else float("nan")
        print(
            f"nDCG@10 on {name} (postdocs for a challenge): ours {q['ours_ndcg10']:.4f}, "
            f"txtai hybrid {q['peer_ndcg10']:.4f}, ours ÷ txtai {ratio:.2f}"
        )
    print(f"bench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="postdoc counts, comma-separated")
    parser.add_argument(
        "--base-postdocs",
        type=int,
        default=500,
        help="postdocs encoded (the base set)",
    )
    parser.add_argument("--raw-sample", type=int, default=700, help="texts the raw encoder is timed on")
    parser.add_argument("--queries", type=int, default=200, help="HTTP requests per route")
    parser.add_argument(
        "--concurrency", default="1,4", help="concurrent HTTP clients, comma-separated levels (one row each)"
    )
    parser.add_argument("--backends", default="faiss,milvus", help="vector backends served, one row each")
    parser.add_argument("--vector-index", default="auto", choices=["auto", "flat", "hnsw"])
    parser.add_argument("--encoder-backend", default="torch", choices=["torch", "onnx"])
    parser.add_argument("--peer", action=argparse.BooleanOptionalAction, default=True, help="run txtai too")
    parser.add_argument("--peer-docs", type=int, default=2000, help="documents txtai imports (timed)")
    parser.add_argument("--peer-benchmarks", default="zh,en", help="dev benchmarks for nDCG@10 ('' = none)")
    parser.add_argument("--eval-cache", type=Path, default=None, help="stored vectors for the dev benchmarks")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file per size")
    parser.add_argument("--header", action="append", default=[], help="extra HTTP header 'Name: value'")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "jiebang-bench")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    run(args)
    print(f"results also in {args.work / 'results.json'}")


if __name__ == "__main__":
    main()
