"""The vector side of one retrieval on FAISS and on milvus-lite, over a bench database's vectors.

    python scripts/bench.py --sizes 10000 --work /tmp/jb         # once
    python scripts/bench_milvus.py --data-dir /tmp/jb/bench

Loads every postdoc document vector of the database into a flat FAISS index and into a
milvus-lite collection (``MilvusVectorIndex``, the backend ``JIEBANG_VECTOR_BACKEND=milvus``
uses), then times per challenge query what a retrieval asks of its vector backend: ``search``
top ``retrieve_docs`` and ``vectors`` of the hits (the exact re-scoring). Prints load time,
p50 / p99 in ms, and whether both backends return the same top-k.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

__all__ = ["main"]


def load_vectors(database_url: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(document ids, vectors) of the postdoc index and the challenges' vectors (the queries)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    query = (
        "SELECT d.id, e.vector FROM documents d JOIN embeddings e ON e.text_sha256 = d.text_sha256 "
        "WHERE d.index_name = :name AND e.model_id NOT LIKE '%#query' ORDER BY d.id"
    )
    with engine.connect() as conn:
        docs = conn.execute(text(query), {"name": "postdocs"}).all()
        challenges = conn.execute(text(query), {"name": "challenges"}).all()
    engine.dispose()
    ids = np.array([r[0] for r in docs], dtype=np.int64)
    vectors = np.frombuffer(b"".join(r[1] for r in docs), dtype=np.float32).reshape(len(docs), -1)
    queries = np.frombuffer(b"".join(r[1] for r in challenges), dtype=np.float32).reshape(len(challenges), -1)
    return ids, vectors, queries[np.any(queries, axis=1)]


def timed(index: object, queries: np.ndarray, k: int) -> tuple[list[float], list[list[int]]]:
    times, tops = [], []
    for query in queries:
        start = time.perf_counter()
        _, hits = index.search(query[None, :], k)  # type: ignore[attr-defined]
        found = hits[0][hits[0] >= 0]
        index.vectors(found)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        tops.append(found[:10].tolist())
    return times, tops


def main(argv: list[str] | None = None) -> None:
    from app.config import Settings
    from index.vector import FlatVectorIndex
    from index.vector_milvus import MilvusVectorIndex

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--k", type=int, default=Settings().retrieve_docs)
    args = parser.parse_args(argv)
    ids, vectors, queries = load_vectors(args.database_url or f"sqlite:///{args.data_dir / 'bench.db'}")
    flat = FlatVectorIndex(vectors.shape[1])
    start = time.perf_counter()
    flat.upsert(ids, vectors)
    loads = {"faiss flat": time.perf_counter() - start}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        milvus = MilvusVectorIndex.create(vectors.shape[1], str(Path(tmp) / "milvus.db"), "bench")
        milvus.upsert(ids, vectors)
        loads["milvus-lite"] = time.perf_counter() - start
        print(f"{len(ids)} postdoc document vectors, {len(queries)} challenge queries, k = {args.k}")
        print("| backend | load s | search + vectors p50 ms | p99 ms |")
        print("|---|---|---|---|")
        results = {}
        for name, index in (("faiss flat", flat), ("milvus-lite", milvus)):
            timed(index, queries[:3], args.k)  # warm-up
            times, tops = timed(index, queries, args.k)
            results[name] = tops
            p99 = sorted(times)[min(len(times) - 1, int(0.99 * len(times)))]
            print(f"| {name} | {loads[name]:.1f} | {statistics.median(times):.1f} | {p99:.1f} |")
        same = np.mean([a == b for a, b in zip(results["faiss flat"], results["milvus-lite"], strict=True)])
        print(f"same top-10 on {same:.0%} of the queries")
        milvus.drop()


if __name__ == "__main__":
    main()
