"""The peer in the benchmark: txtai hybrid search (BM25 + dense), served by txtai's own API app.

Like for like with our ranking:
- the same documents: every postdoc document's text as our tokenizer segments it (jieba words +
  stemmed Latin words, joined by spaces), so txtai's BM25 reads Chinese the way ours does — its
  own tokenizer splits on spaces and would see a Chinese paragraph as one word;
- the same model and vectors: txtai's ``external`` vectors are the vectors we stored for those
  documents and our query vectors for the queries (``txtai_vectors.transform``);
- txtai's hybrid defaults: BM25 ``terms`` index, faiss, score = convex combination (its default
  weights); a person's score is their best document's (txtai returns documents, not people);
- over HTTP: ``uvicorn txtai.api:app`` with ``CONFIG`` pointing at an index saved by
  ``Embeddings.save``, one process, the same clients and concurrency as our server.

``peer_ndcg`` runs the same txtai configuration in-process over a dev benchmark (zh, en) loaded
by our evaluation runner, and scores it with our metrics against our own nDCG@10.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
os.environ.setdefault("ALLOW_RESOLVE_TRANSFORM", "True")

import txtai_vectors  # noqa: E402

__all__ = ["PEER_CONFIG", "build_peer", "peer_http_latency", "peer_ndcg", "peer_rows"]

PEER_CONFIG: dict[str, Any] = {
    "method": "external",
    "transform": "txtai_vectors.transform",
    "hybrid": True,
    "content": False,
    "backend": "faiss",
}


def peer_rows(runtime: Any, index_name: Any) -> tuple[list[int], list[int], list[str], np.ndarray]:
    """(document ids, owner ids, tokenised texts, stored vectors) of one of our indexes."""
    from sqlalchemy import select

    from index.encoder import embedding_key
    from models import Document, Embedding

    key = embedding_key(runtime.models.current().encoder)
    with runtime.session() as s:
        rows = s.execute(
            select(Document.id, Document.owner_id, Document.tokens, Embedding.vector)
            .join(Embedding, (Embedding.text_sha256 == Document.text_sha256) & (Embedding.model_id == key))
            .where(Document.index_name == index_name)
            .order_by(Document.id)
        ).all()
    vectors = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] or "" for r in rows], vectors


def build_peer(doc_ids: list[int], texts: list[str], vectors: np.ndarray) -> tuple[Any, float]:
    """A txtai hybrid index over these documents; (embeddings, seconds to index)."""
    from txtai import Embeddings

    txtai_vectors.register(texts, vectors)
    embeddings = Embeddings(**PEER_CONFIG)
    start = time.perf_counter()
    embeddings.index((doc_id, text, None) for doc_id, text in zip(doc_ids, texts, strict=True))
    return embeddings, time.perf_counter() - start


def register_queries(runtime: Any, texts: list[str]) -> list[str]:
    """Our query vectors for these query texts, registered for txtai; the tokenised queries."""
    from app.matching.candidates import query_vector
    from index.text import tokenize

    encoder = runtime.models.current().encoder
    tokenised = [" ".join(tokenize(t)) for t in texts]
    txtai_vectors.register(tokenised, np.array([query_vector(encoder, t) for t in texts]))
    return tokenised


def best_owners(hits: list[Any], owner_of: dict[int, int]) -> list[int]:
    """Owners in order of their best document (txtai hits: (id, score) or {"id", "score"})."""
    ranked: dict[int, None] = {}
    for hit in hits:
        doc_id = hit["id"] if isinstance(hit, dict) else hit[0]
        ranked.setdefault(owner_of[int(doc_id)])
    return list(ranked)


def start_peer_server(embeddings: Any, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    """txtai's API app over the saved index, in its own process; (process, base URL)."""
    from bench import free_port  # the bench's helpers (scripts/ is on the path)

    index_dir, config = work / "txtai-index", work / "txtai.yml"
    embeddings.save(str(index_dir))
    # the API mounts its embeddings routes only when the config has an ``embeddings`` section;
    # the saved index at ``path`` is loaded with that configuration (YAML reads JSON)
    section = json.dumps({"embeddings": PEER_CONFIG})
    config.write_text(f"path: {index_dir}\nwritable: false\n{section[1:-1]}\n", encoding="utf-8")
    table = txtai_vectors.save(work / "txtai-vectors.npz")
    port = free_port()
    env = dict(
        os.environ,
        CONFIG=str(config),
        JIEBANG_PEER_VECTORS=str(table),
        ALLOW_RESOLVE_TRANSFORM="True",
        PYTHONPATH=os.pathsep.join([str(SCRIPTS), os.environ.get("PYTHONPATH", "")]),
    )
    cmd = [sys.executable, "-m", "uvicorn", "txtai.api:app", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=work, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/count", timeout=5).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.5)
        if proc.poll() is not None:
            raise RuntimeError(f"txtai server exited with {proc.returncode}")
    raise RuntimeError("txtai server did not start")


def peer_http_latency(
    runtime: Any, levels: list[int], queries: int, limit: int, work: Path
) -> dict[int, dict[str, Any]]:
    """txtai hybrid search over every postdoc document via its API: p50/p99 per client count."""
    from bench import percentiles, rss_mib, timed_calls

    from app.matching.documents import challenge_query_text
    from models import Challenge, IndexName

    doc_ids, _, texts, vectors = peer_rows(runtime, IndexName.postdocs)
    with runtime.session() as s:
        challenge_texts = [challenge_query_text(c) for c in s.query(Challenge).order_by(Challenge.id)]
    asked = register_queries(runtime, challenge_texts)
    embeddings, built = build_peer(doc_ids, texts, vectors)
    del texts, vectors
    proc, base = start_peer_server(embeddings, work)
    embeddings.close()
    try:
        client = httpx.Client(base_url=base, timeout=300)

        def search(text: str) -> None:
            client.get("/search", params={"query": text, "limit": limit}).raise_for_status()

        rng = random.Random(3)
        out: dict[int, dict[str, Any]] = {}
        for level in levels:
            batch = [rng.choice(asked) for _ in range(queries)]
            timed_calls(search, batch[: 2 * level], level)  # warm-up, as for our server
            p50, p99 = percentiles(timed_calls(search, batch, level))
            rss, peak = rss_mib(proc.pid)
            out[level] = {
                "peer_index_build_s": built,
                "peer_search_p50": p50,
                "peer_search_p99": p99,
                "peer_rss": rss,
                "peer_peak_rss": peak,
            }
        return out
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def peer_ndcg(
    settings: Any, benchmarks: list[str], limit: int, cache: Path | None = None
) -> dict[str, dict[str, float]]:
    """nDCG@10 (postdocs for a challenge) of txtai hybrid and of ours on each dev benchmark;
    ``cache``: stored vectors reused across runs (``jiebang evaluate``'s eval-vectors.db)."""
    from app.evaluation.benchmark import load_benchmark
    from app.evaluation.metrics import ndcg_at
    from app.evaluation.runner import evaluate, loaded_benchmark
    from app.matching.documents import challenge_query_text
    from app.matching.view import MatchingOptions
    from models import Challenge, IndexName

    fields = MatchingOptions.from_settings(settings).query_fields
    out: dict[str, dict[str, float]] = {}
    for name in benchmarks:
        bench = load_benchmark(ROOT / "data" / "benchmarks" / name)
        with loaded_benchmark(bench, settings, cache) as loaded:
            ours = evaluate(loaded, settings)["postdocs_for_challenge"].ndcg10
            doc_ids, owners, texts, vectors = peer_rows(loaded.runtime, IndexName.postdocs)
            embeddings, _ = build_peer(doc_ids, texts, vectors)
            owner_of = dict(zip(doc_ids, owners, strict=True))
            scores = []
            with loaded.runtime.session() as s:
                for query in bench.queries:
                    challenge = s.get_one(Challenge, loaded.challenge_of[query.id])
                    (asked,) = register_queries(loaded.runtime, [challenge_query_text(challenge, fields)])
                    ranked = best_owners(embeddings.search(asked, limit), owner_of)
                    ranking = [loaded.expert_of[o] for o in ranked]
                    scores.append(ndcg_at(ranking, bench.grades[query.id], 10))
            embeddings.close()
        out[name] = {"ours_ndcg10": ours, "peer_ndcg10": float(np.mean(scores))}
    return out
