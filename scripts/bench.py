"""Benchmark at city and national scale, with txtai as a peer in the same run. Prints one table.

    python scripts/bench.py --sizes 10000,100000            # or: jiebang bench --sizes 10000,100000
    python scripts/bench.py --sizes 2000 --queries 50 --no-peer   # a quick look

One database (a fresh SQLite file under --work, or --database-url) grows through the sizes:
1. Demo stations, enterprises and challenges are loaded; ``--import-rows`` synthetic postdocs
   (CSL sentences recombined, 15 % English; see scripts/synthetic.py) go through the import
   service, as ``POST /imports/postdocs`` does: *import throughput*. The raw encoder is timed on
   the same documents' texts: *raw encoder throughput*.
2. For each size N (ascending) the roster is grown to N by copying the imported postdocs in SQL (new ids,
   names and e-mails; same texts, so their stored embeddings serve every copy, as the import path
   would reuse them) — encoding 700,000 texts on two shared cores does not fit a benchmark run.
3. *Index build*: both indexes rebuilt from SQL and the stored embeddings (no encoding), then
   snapshotted. With ``--vector-index auto`` (the default) the postdoc index is HNSW from 200,000
   documents; *recall@10* and *recall@k* of the vector search against exact search are measured
   on the challenges' query vectors.
4. A uvicorn process serves the snapshot; ``--concurrency`` clients send ``--queries`` requests
   per route: candidates (``GET /challenges/{id}/candidates``), challenges
   (``GET /postdocs/{id}/challenges``) and teams (``GET /challenges/{id}/teams``, "n/a" where
   the route does not exist). Latency p50 / p99 over HTTP; resident memory of the server.
5. Peer: txtai (``pip install 'jiebang[bench]'``) with the same bundled model. Its import is
   ``Embeddings.index`` over the same documents (``--peer-docs`` of them); its query is
   ``Embeddings.search`` (top ``retrieve_docs``, as our first stage) over an index of all N
   postdocs' documents built from the same stored vectors, under the same concurrency,
   in-process (no HTTP).
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from synthetic import roster  # noqa: E402

from app.config import Settings  # noqa: E402
from app.runtime import Runtime, build_runtime  # noqa: E402
from app.services.imports import import_rows  # noqa: E402

for noisy in ("httpx", "bm25s", "txtai", "faiss"):
    logging.getLogger(noisy).setLevel(logging.WARNING)

DEMO = ROOT / "data" / "demo"
IMPORT_CHUNK = 2000  # rows per import call (the import caps bytes and rows per request)
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
    from app.matching.documents import postdoc_documents
    from app.schemas.postdocs import PostdocCreate
    from app.services.postdocs import new_postdoc

    return [
        spec.text
        for row in rows
        for spec in postdoc_documents(new_postdoc(PostdocCreate.model_validate(row)))
    ]


def raw_encoder_docs_per_s(runtime: Runtime, texts: list[str]) -> float:
    start = time.perf_counter()
    for part in range(0, len(texts), 1024):
        runtime.models.current().encoder.encode(texts[part : part + 1024])
    return len(texts) / (time.perf_counter() - start)


def timed_import(runtime: Runtime, rows: list[Row]) -> float:
    """Seconds to import ``rows`` through the import service, in request-sized chunks."""
    start = time.perf_counter()
    for part in range(0, len(rows), IMPORT_CHUNK):
        chunk = rows[part : part + IMPORT_CHUNK]
        content = "\n".join(json.dumps(r, ensure_ascii=False) for r in chunk).encode()
        report = import_rows(
            runtime.sessions,
            runtime.models.current(),
            "postdocs",
            content,
            "jsonl",
            max_rows=runtime.settings.max_import_rows,
        )
        assert not report.errors, report.errors[:3]
    return time.perf_counter() - start


@dataclass
class Originals:
    """The imported postdocs that copies are made of: their count and the largest ids in use."""

    count: int
    max_postdoc: int
    max_publication: int
    max_document: int

    @classmethod
    def of(cls, runtime: Runtime) -> Originals:
        from sqlalchemy import func, select

        from models import Document, Postdoc, Publication

        with runtime.session() as s:
            return cls(
                int(s.scalar(select(func.count(Postdoc.id))) or 0),
                int(s.scalar(select(func.max(Postdoc.id))) or 0),
                int(s.scalar(select(func.max(Publication.id))) or 0),
                int(s.scalar(select(func.max(Document.id))) or 0),
            )


def grow_by_copies(runtime: Runtime, originals: Originals, target: int) -> int:
    """Copy the imported postdocs (rows, publications, documents) in SQL until ``target``.

    Copy ``k`` shifts every id by ``k`` times the originals' largest id, so copies never collide.
    """
    from sqlalchemy import func, select, text

    from models import Document, Postdoc, Publication

    with runtime.session() as s:
        made = int(s.scalar(select(func.count(Postdoc.id))) or 0)
    n, tables = (
        originals.count,
        {t: [c.name for c in t.__table__.columns] for t in (Postdoc, Publication, Document)},
    )
    k = -(-made // n)
    with runtime.engine.begin() as conn:
        while made < target:
            take = min(n, target - made)
            first, last = _nth_ids(conn, take)
            p, pub, doc = k * originals.max_postdoc, k * originals.max_publication, k * originals.max_document
            sub = {"id": f"id + {p}", "email": f"'c{k}.' || email", "name": f"name || ' {k}'"}
            _copy(conn, Postdoc, tables[Postdoc], sub, f"id BETWEEN {first} AND {last}")
            sub = {"id": f"id + {pub}", "postdoc_id": f"postdoc_id + {p}"}
            _copy(conn, Publication, tables[Publication], sub, f"postdoc_id BETWEEN {first} AND {last}")
            sub = {
                "id": f"id + {doc}",
                "owner_id": f"owner_id + {p}",
                "publication_id": f"publication_id + {pub}",
            }
            where = f"index_name = 'postdocs' AND owner_id BETWEEN {first} AND {last}"
            _copy(conn, Document, tables[Document], sub, where)
            made, k = made + take, k + 1
        if runtime.engine.dialect.name == "postgresql":
            for table in ("postdocs", "publications", "documents"):
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                conn.execute(text(f"SELECT setval({sequence}, max(id)) FROM {table}"))
    return made


def _nth_ids(conn: Any, take: int) -> tuple[int, int]:
    from sqlalchemy import text

    ids = [r[0] for r in conn.execute(text("SELECT id FROM postdocs ORDER BY id LIMIT :n"), {"n": take})]
    return ids[0], ids[-1]


def _copy(conn: Any, model: Any, columns: list[str], sub: dict[str, str], where: str) -> None:
    from sqlalchemy import text

    table = model.__tablename__
    select_list = ", ".join(sub.get(c, c) for c in columns)
    conn.execute(
        text(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select_list} FROM {table} WHERE {where}")
    )


# ---------------------------------------------------------------------- vectors
def vector_recall(runtime: Runtime, k_wide: int) -> dict[str, float]:
    """Recall of the postdoc index's vector search against exact search, on challenge queries."""
    from app.matching.candidates import query_vector
    from app.matching.documents import challenge_query_text
    from models import Challenge, IndexName

    index = runtime.models.current().indexes[IndexName.postdocs]
    vectors = index._vectors
    with runtime.session() as s:
        texts = [challenge_query_text(c) for c in s.query(Challenge).order_by(Challenge.id)]
    queries = np.array([query_vector(runtime.models.current().encoder, t) for t in texts])
    queries = queries[np.any(queries, axis=1)]
    ids = np.sort(vectors.ids())
    exact_scores = np.concatenate(
        [queries @ vectors.vectors(ids[i : i + 50_000]).T for i in range(0, len(ids), 50_000)], axis=1
    )
    out: dict[str, Any] = {"vector_index": str(getattr(vectors, "kind", "flat"))}
    for label, k in (("recall@10", 10), ("recall@k", k_wide)):
        # tie-aware (copied postdocs share texts): a hit counts when it scores at least the
        # exact k-th best score
        kth = -np.partition(-exact_scores, k - 1, axis=1)[:, k - 1]
        scores, _ = vectors.search(queries, k)
        out[label] = float(np.mean((scores >= kth[:, None] - 1e-5).sum(axis=1) / k))
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


def admin_headers(runtime: Runtime) -> dict[str, str]:
    """An admin account and API key for the benchmark's HTTP calls (every route needs one)."""
    from app.services.accounts import create_account, issue_api_key
    from models import Role

    with runtime.session() as s:
        admin = create_account(s, email="bench@example.org", name="bench", role=Role.admin)
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
    proc, base = start_server(env)
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
            result: dict[str, Any] = {"concurrency": concurrency, "idle_rss": idle_rss}
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


def peer_search(runtime: Runtime, levels: list[int], queries: int, k: int) -> dict[int, dict[str, Any]]:
    """txtai search (its default faiss index) over every postdoc document, from our stored vectors."""
    try:
        from txtai import Embeddings
    except ImportError:
        return {}
    from app.matching.candidates import query_vector
    from app.matching.documents import challenge_query_text
    from index.encoder import embedding_key
    from models import Challenge, Document, Embedding, IndexName

    with runtime.session() as s:
        rows = s.execute(
            select_vectors(
                Document, Embedding, IndexName.postdocs, embedding_key(runtime.models.current().encoder)
            )
        ).all()
        texts = [challenge_query_text(c) for c in s.query(Challenge).order_by(Challenge.id)]
    stored = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    readable = np.flatnonzero(np.any(stored, axis=1))  # txtai normalises: no zero vectors
    stored, rows = stored[readable], [rows[i] for i in readable.tolist()]
    encoder = runtime.models.current().encoder

    def transform(inputs: list[Any]) -> np.ndarray:
        if inputs and isinstance(inputs[0], (int, np.integer)):
            return stored[np.asarray(inputs)]
        # the same cached query vectors our ranking uses, so only the search itself is compared
        return np.array([query_vector(encoder, str(x)) for x in inputs])

    peer = Embeddings(method="external", transform=transform, content=False, backend="faiss")
    start = time.perf_counter()
    peer.index((int(r[0]), row, None) for row, r in enumerate(rows))
    built = time.perf_counter() - start
    rng = random.Random(3)
    out: dict[int, dict[str, Any]] = {}
    for level in levels:
        asked = [rng.choice(texts) for _ in range(queries)]
        p50, p99 = concurrent_latency(lambda t: peer.search(t, k), asked, level)
        out[level] = {"peer_index_build_s": built, "peer_search_p50": p50, "peer_search_p99": p99}
    return out


def select_vectors(document: Any, embedding: Any, index_name: Any, model_id: str) -> Any:
    from sqlalchemy import select

    return (
        select(document.id, embedding.vector)
        .join(embedding, embedding.text_sha256 == document.text_sha256)
        .where(document.index_name == index_name, embedding.model_id == model_id)
        .order_by(document.id)
    )


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
    runtime = build_runtime(settings)
    load_base(runtime)
    rows = roster(min(sizes[0], args.import_rows))
    texts = document_texts(rows)
    imported: dict[str, Any] = {"imported": len(rows)}
    runtime.models.current().encoder.encode(texts[:64])  # warm-up
    imported["raw_docs_per_s"] = raw_encoder_docs_per_s(runtime, texts[: min(len(texts), 7 * 300)])
    seconds = timed_import(runtime, rows)
    imported["import_docs_per_s"] = len(texts) / seconds
    originals = Originals.of(runtime)
    # every route needs credentials: an admin API key in the benchmark's own database
    headers = {**admin_headers(runtime), **{k: v.strip() for k, v in (h.split(":", 1) for h in args.header)}}
    peer_import = peer_import_rate(runtime, texts[: args.peer_docs]) if args.peer else {}
    results = []
    for size in sizes:
        result: dict[str, Any] = {"size": size, **imported, **peer_import}
        result["postdocs"] = grow_by_copies(runtime, originals, size)
        start = time.perf_counter()
        runtime.models.rebuild()
        result["index_build_s"] = time.perf_counter() - start
        result["documents"] = sum(i.size for i in runtime.models.current().indexes.values())
        result.update(vector_recall(runtime, settings.retrieve_docs))
        levels = [int(c) for c in str(args.concurrency).split(",")]
        peers: dict[int, dict[str, Any]] = {}
        if args.peer:
            try:
                peers = peer_search(runtime, levels, args.queries, settings.retrieve_docs)
            except Exception as exc:  # the peer failing must not lose our own figures
                failed = {"peer": f"txtai search failed: {type(exc).__name__}: {exc}"}
                peers = dict.fromkeys(levels, failed)
        runtime.save_snapshots()
        for measured in measure_http(env, args.queries, levels, headers):
            results.append({**result, **peers.get(measured["concurrency"], {}), **measured})
        # partial results survive a later failure
        (args.work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results, args)
    runtime.close()
    return results


COLUMNS = [
    ("size", "postdocs", "{}"),
    ("concurrency", "clients", "{}"),
    ("documents", "documents", "{}"),
    ("imported", "imported", "{}"),
    ("import_docs_per_s", "import docs/s", "{:.1f}"),
    ("raw_docs_per_s", "raw encoder docs/s", "{:.1f}"),
    ("index_build_s", "index build s", "{:.1f}"),
    ("peer_index_build_s", "txtai index build s", "{:.1f}"),
    ("vector_index", "vectors", "{}"),
    ("recall@10", "recall@10", "{:.3f}"),
    ("recall@k", "recall@1000", "{:.3f}"),
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
]
RATIOS = [
    ("import_docs_per_s", "peer_import_docs_per_s", "import ÷ txtai import (higher is better)"),
    ("candidates_p50", "peer_search_p50", "candidates p50 ÷ txtai search p50 (lower is better)"),
    ("candidates_p99", "peer_search_p99", "candidates p99 ÷ txtai search p99 (lower is better)"),
    ("import_docs_per_s", "raw_docs_per_s", "import ÷ raw encoder (target ≥ 0.8)"),
    ("peer_index_build_s", "index_build_s", "txtai index build ÷ index build (higher is better)"),
]


def print_table(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
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
                print(f"{r['size']} ({r.get('concurrency')} clients): {label}: {r[a] / r[b]:.2f}")
    print(f"bench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="postdoc counts, comma-separated")
    parser.add_argument("--import-rows", type=int, default=10_000, help="postdocs imported (the rest copied)")
    parser.add_argument("--queries", type=int, default=200, help="HTTP requests per route")
    parser.add_argument(
        "--concurrency", default="1,4", help="concurrent HTTP clients, comma-separated levels (one row each)"
    )
    parser.add_argument("--vector-index", default="auto", choices=["auto", "flat", "hnsw"])
    parser.add_argument("--encoder-backend", default="torch", choices=["torch", "onnx"])
    parser.add_argument("--peer", action=argparse.BooleanOptionalAction, default=True, help="run txtai too")
    parser.add_argument("--peer-docs", type=int, default=2000, help="documents txtai imports (timed)")
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
