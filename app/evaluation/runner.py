"""Run the real ranking pipeline over a benchmark and score it.

A benchmark is loaded into a fresh SQLite database through the services (the import service,
as ``jiebang import`` does), then ranked with the functions the API uses: ``score_postdocs``
(postdocs for a challenge) and ``score_challenges`` (challenges for a postdoc), the cores of
``rank_candidates`` and ``rank_challenges`` without the evidence of a page. Ranking options
are read at query time, so one loaded benchmark serves many ablation settings.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import fmean
from typing import Any

from sqlalchemy import select

from app.config import Settings
from app.evaluation.benchmark import Benchmark, Expert, Query
from app.evaluation.metrics import ndcg_at, pairwise_loss, recall_at, reciprocal_rank
from app.matching.candidates import score_postdocs
from app.matching.documents import challenge_query_text
from app.matching.filters import ChallengeFilters, PostdocFilters
from app.matching.recommend import postdoc_documents_of, score_challenges
from app.matching.scoring import dense_weight
from app.matching.view import MatchingOptions, SearchView
from app.runtime import Runtime, build_runtime
from app.services.imports import import_rows
from app.validators import credit_code_check_char
from index.encoder import embedding_key
from index.text import tokenize
from models import Challenge, Postdoc

__all__ = ["DIRECTIONS", "Loaded", "Scores", "evaluate", "loaded_benchmark"]

DIRECTIONS = ("postdocs_for_challenge", "challenges_for_postdoc")


@dataclass(frozen=True)
class Scores:
    """Mean metrics over the queries of one direction."""

    queries: int
    ndcg10: float
    mrr: float
    recall50: float
    pairwise_loss: float


@dataclass
class Loaded:
    """A benchmark stored in a runtime, with benchmark id ↔ database id maps."""

    bench: Benchmark
    runtime: Runtime
    postdoc_of: dict[str, int]
    expert_of: dict[int, str]
    challenge_of: dict[str, int]
    query_of: dict[int, str]


@contextmanager
def loaded_benchmark(bench: Benchmark, settings: Settings, cache: Path | None = None) -> Iterator[Loaded]:
    """``bench`` imported into a temporary database under ``settings`` (model, tokenisation).

    ``cache``: an SQLite file of stored vectors reused across runs (the same (model, text sha)
    rows the service keeps), so a second run encodes only new text.
    """
    with tempfile.TemporaryDirectory(prefix="jiebang-eval-") as tmp:
        local = settings.model_copy(
            update={"data_dir": Path(tmp), "database_url": f"sqlite:///{Path(tmp) / 'eval.db'}"}
        )
        runtime = build_runtime(local)
        try:
            if cache is not None:
                _copy_vectors(runtime, cache, into_cache=False)
            loaded = _load(bench, runtime)
            if cache is not None:
                _copy_vectors(runtime, cache, into_cache=True)
            yield loaded
        finally:
            runtime.close()


def _copy_vectors(runtime: Runtime, cache: Path, *, into_cache: bool) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    raw = runtime.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("ATTACH DATABASE ? AS cache", (str(cache),))
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS cache.embeddings (model_id TEXT, text_sha256 TEXT, dim INTEGER, "
            "vector BLOB, PRIMARY KEY (model_id, text_sha256))"
        )
        source, target = ("main", "cache") if into_cache else ("cache", "main")
        cursor.execute(
            f"INSERT OR IGNORE INTO {target}.embeddings (model_id, text_sha256, dim, vector) "
            f"SELECT model_id, text_sha256, dim, vector FROM {source}.embeddings WHERE model_id = ?",
            (embedding_key(runtime.models.current().encoder),),
        )
        raw.commit()
        cursor.execute("DETACH DATABASE cache")
    finally:
        raw.close()


def _load(bench: Benchmark, runtime: Runtime) -> Loaded:
    _import(runtime, "enterprises", [_enterprise()])
    experts = [_postdoc_row(i, e) for i, e in enumerate(bench.experts)]
    _import(runtime, "postdocs", experts)
    _import(runtime, "challenges", [_challenge_row(q, enterprise_id=1) for q in bench.queries])
    with runtime.session() as session:
        by_email = {e: i for e, i in session.execute(select(Postdoc.email, Postdoc.id))}
        by_title = {t: i for t, i in session.execute(select(Challenge.title, Challenge.id))}
    postdoc_of = {e.id: by_email[row["email"]] for e, row in zip(bench.experts, experts, strict=True)}
    challenge_of = {q.id: by_title[q.title] for q in bench.queries}
    return Loaded(
        bench,
        runtime,
        postdoc_of,
        {v: k for k, v in postdoc_of.items()},
        challenge_of,
        {v: k for k, v in challenge_of.items()},
    )


def _import(runtime: Runtime, kind: str, rows: list[dict[str, Any]]) -> None:
    content = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    view = runtime.models.current()
    report = import_rows(runtime.sessions, view, kind, content, "jsonl", max_rows=len(rows) + 1)
    if report.errors or report.created != len(rows):
        first = report.errors[0].message if report.errors else "duplicates"
        raise ValueError(f"benchmark {kind} did not import: {report.created}/{len(rows)} ({first})")


def _enterprise() -> dict[str, Any]:
    body = "91370200MA0000001"
    return {
        "name": "评测企业 Evaluation Co.",
        "credit_code": body + credit_code_check_char(body),
        "industry": "evaluation",
        "city": "青岛",
    }


def _postdoc_row(n: int, expert: Expert) -> dict[str, Any]:
    row = expert.model_dump(exclude={"id", "split"})
    row["email"] = f"expert{n}@bench.example.org"
    return row


def _challenge_row(query: Query, enterprise_id: int) -> dict[str, Any]:
    row = query.model_dump(exclude={"id", "split"}, mode="json")
    return {**row, "enterprise_id": enterprise_id, "status": "open"}


def evaluate(loaded: Loaded, settings: Settings, split: str | None = None) -> dict[str, Scores]:
    """Both directions' mean scores under ``settings``' ranking options (``split``: tune/test)."""
    view = replace(loaded.runtime.view(), options=MatchingOptions.from_settings(settings))
    return {
        "postdocs_for_challenge": _postdocs_for_challenges(loaded, view, split),
        "challenges_for_postdoc": _challenges_for_postdocs(loaded, view, split),
    }


def _postdocs_for_challenges(loaded: Loaded, view: SearchView, split: str | None) -> Scores:
    runtime, bench = loaded.runtime, loaded.bench
    options = view.options.ranking
    items = [e.id for e in bench.experts]
    rows = []
    with runtime.session() as session:
        for query in bench.queries:
            if split and query.split != split:
                continue
            challenge = session.get_one(Challenge, loaded.challenge_of[query.id])
            text = challenge_query_text(challenge, view.options.query_fields)
            weight = dense_weight(options, view.encoder, text)
            ranked, _ = score_postdocs(session, view, text, tokenize(text), weight, PostdocFilters())
            ranking = [loaded.expert_of[a.owner_id] for a in ranked]
            rows.append(_metrics(ranking, bench.grades[query.id], items))
    return _mean(rows)


def _challenges_for_postdocs(loaded: Loaded, view: SearchView, split: str | None) -> Scores:
    runtime, bench = loaded.runtime, loaded.bench
    grades = bench.expert_grades()
    items = [q.id for q in bench.queries]
    rows = []
    with runtime.session() as session:
        for expert in bench.experts:
            if (split and expert.split != split) or expert.id not in grades:
                continue
            docs = postdoc_documents_of(session, loaded.postdoc_of[expert.id])
            ranked, _ = score_challenges(session, view, docs, ChallengeFilters())
            ranking = [loaded.query_of[a.owner_id] for a in ranked]
            rows.append(_metrics(ranking, grades[expert.id], items))
    return _mean(rows)


def _metrics(ranking: list[str], grades: dict[str, int], items: list[str]) -> tuple[float, ...]:
    return (
        ndcg_at(ranking, grades, 10),
        reciprocal_rank(ranking, grades),
        recall_at(ranking, grades, 50),
        pairwise_loss(ranking, grades, items),
    )


def _mean(rows: list[tuple[float, ...]]) -> Scores:
    if not rows:
        return Scores(0, 0.0, 0.0, 0.0, 0.0)
    cols = list(zip(*rows, strict=True))
    return Scores(len(rows), *(round(fmean(c), 4) for c in cols))
