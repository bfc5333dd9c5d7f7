"""Score fusion and per-person aggregation, shared by both ranking directions.

Every knob is a setting (``RankingOptions.from_settings``) so ``jiebang evaluate`` can ablate it:

- **Dense share** ``w``: ``dense_weight`` times the share of the query the encoder can read
  (the bundled English model reads no Chinese; glossary translations count as readable, see
  ``index.text.readable_share``). ``mode=dense`` forces ``w = 1``, ``mode=lexical`` ``w = 0``.
- **Fusion** of one (query, document) pair:
  ``linear``: ``w · max(cos, 0) + (1 − w) · bm25 / best_bm25``;
  ``minmax``: the same with cosine min–max normalised over the retrieved documents;
  ``rrf``: weighted reciprocal rank fusion ``(k + 1) · (w / (k + r_dense) + (1 − w) / (k + r_bm25))``
  (1.0 for a document first on both sides).
  For challenges-for-a-postdoc every postdoc document is a query; they share one BM25 scale
  and, with ``reverse_dense_scale = "postdoc"`` (default), one min–max range of cosine too, so
  a weak document's dense scores are not stretched to 0 … 1 next to its small BM25 ones.
- **Pairs across languages** (composite encoders, ``index.composite``; each candidate carries
  its language gap and cosine ceiling): with ``dense_ceiling`` a cosine is read over the
  highest inner product the pair's channel shares allow (a Chinese query and an English
  document share only the multilingual channel, at √½ of it by default), so the right document
  across the language line is not scaled below same-language ones; with
  ``dense_weight_across`` a pair's dense weight moves from ``w`` towards it by the language
  gap (BM25 says little across the line unless the glossary knows the terms).
- **Aggregation** of a person's (or challenge's) documents: ``max``; ``topk``:
  ``b · best + (1 − b) · mean(top k)`` (the reviewer-matching practice, rewarding a body of
  related work); ``mean``: mean of the top k (default k = 3; a person with fewer documents
  averages what they have).
- **Recency** (``recency_half_life`` > 0): before aggregation a dated document's fused score is
  multiplied by ``0.5 ** (age / half_life)`` (app/matching/recency.py); 0 = off.

Defaults (``minmax``, ``w = 0.8``, ``mean`` of the top 3) won on the tune split of the dev
benchmarks and held on the test split; docs/evaluation.md has the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.encoder import Encoder
from index.retrieval import Candidates
from index.text import readable_share

if TYPE_CHECKING:
    from app.config import Settings

__all__ = [
    "Aggregate",
    "Aggregation",
    "Fusion",
    "Mode",
    "RankingOptions",
    "aggregate",
    "dense_range",
    "dense_weight",
    "fuse",
    "fuse_candidates",
    "owner_score",
    "owner_scores",
    "pair_dense",
]

Mode = Literal["hybrid", "dense", "lexical"]
Fusion = Literal["linear", "minmax", "rrf"]
Aggregation = Literal["max", "topk", "mean"]


@dataclass(frozen=True)
class RankingOptions:
    """The ranking knobs; their defaults live in the settings (``from_settings``)."""

    mode: Mode
    fusion: Fusion
    dense_weight: float
    rrf_k: int
    aggregation: Aggregation
    top_k: int
    best_weight: float
    recency_half_life: float
    reverse_dense_scale: Literal["postdoc", "document"]
    dense_weight_across: float | None = None  # None: ``dense_weight`` for every pair
    dense_ceiling: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> RankingOptions:
        return cls(
            mode=settings.ranking_mode,
            fusion=settings.fusion,
            dense_weight=settings.dense_weight,
            rrf_k=settings.rrf_k,
            aggregation=settings.aggregation,
            top_k=settings.aggregation_top_k,
            best_weight=settings.aggregation_best_weight,
            recency_half_life=settings.aggregation_recency_half_life_years,
            reverse_dense_scale=settings.reverse_dense_scale,
            dense_weight_across=settings.dense_weight_across,
            dense_ceiling=settings.dense_ceiling,
        )


def dense_weight(options: RankingOptions, encoder: Encoder, query_text: str) -> float:
    """The dense share for this query: none of it for text the encoder cannot read."""
    if options.mode != "hybrid":
        return 1.0 if options.mode == "dense" else 0.0
    readable = 1.0 if encoder.reads_cjk else readable_share(query_text)
    return round(options.dense_weight * readable, 4)


def fuse(
    dense: np.ndarray,
    lexical: np.ndarray,
    weight: float | np.ndarray,
    options: RankingOptions,
    dense_range: tuple[float, float] | None = None,
) -> np.ndarray:
    """One fused score per document (0 … 1), from cosine and normalised BM25 arrays
    (``weight``: one dense weight, or one per document).

    ``dense_range``: the (low, high) clipped cosine that min–max maps to 0 and 1 (default: this
    array's own); several queries that share one lexical scale pass one range for all of them.
    """
    dense = np.clip(dense, 0.0, None)
    if options.fusion == "rrf":
        k = options.rrf_k
        return (k + 1) * (weight * _rrf(dense, k) + (1.0 - weight) * _rrf(lexical, k))
    if options.fusion == "minmax" and dense.size:
        low, high = dense_range or (float(dense.min()), float(dense.max()))
        dense = (dense - low) / (high - low) if high > low else np.zeros_like(dense)
    return weight * dense + (1.0 - weight) * lexical


def pair_dense(cands: Candidates, options: RankingOptions) -> np.ndarray:
    """The candidates' cosines, each over its pair's ceiling when ``dense_ceiling`` is on (a
    composite's pair across languages can reach only the shared channel's share)."""
    if not options.dense_ceiling or cands.ceiling is None:
        return cands.dense
    return np.where(cands.ceiling > 0, cands.dense / np.maximum(cands.ceiling, 1e-6), 0.0).astype(np.float32)


def fuse_candidates(
    cands: Candidates,
    lexical: np.ndarray,
    weight: float,
    options: RankingOptions,
    dense_range: tuple[float, float] | None = None,
) -> np.ndarray:
    """``fuse`` of retrieved candidates, per pair: with ``dense_weight_across`` set, a pair's
    dense weight moves from ``weight`` towards it by the pair's language gap (0 … 1), as BM25
    says little across the language line."""
    across = options.dense_weight_across
    if options.mode == "hybrid" and across is not None and cands.language_gap is not None:
        weights = weight + (across - weight) * cands.language_gap.astype(np.float64)
        return fuse(pair_dense(cands, options), lexical, weights, options, dense_range)
    return fuse(pair_dense(cands, options), lexical, weight, options, dense_range)


def dense_range(dense: list[np.ndarray]) -> tuple[float, float] | None:
    """The (low, high) clipped cosine over several candidate arrays (None when all are empty)."""
    values = [d for d in dense if d.size]
    if not values:
        return None
    return max(float(min(d.min() for d in values)), 0.0), max(float(max(d.max() for d in values)), 0.0)


def _rrf(scores: np.ndarray, k: int) -> np.ndarray:
    """``1 / (k + rank)`` by descending score; 0 for documents this side did not score."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(scores > 0, 1.0 / (k + ranks), 0.0)


@dataclass
class Aggregate:
    """One ranked owner: its score and the indexes (into the candidate arrays) of its best docs."""

    owner_id: int
    score: float
    best: list[int]


def aggregate(owner_ids: np.ndarray, fused: np.ndarray, options: RankingOptions) -> list[Aggregate]:
    """Group document scores by owner, score each owner, best first (ties by owner id).

    An owner's ``best`` lists all its rows, best score first (ties by row). Vectorised: one
    sort by (owner, score, row) puts each owner's documents in a contiguous, ordered run.
    """
    if len(owner_ids) == 0:
        return []
    owner_ids = np.asarray(owner_ids)
    order = np.lexsort((np.arange(len(owner_ids)), -fused, owner_ids))
    owners = owner_ids[order]
    starts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
    counts = np.diff(np.append(starts, len(order)))
    scores = owner_scores(fused[order], starts, counts, options)
    positive = np.flatnonzero(scores > 0)
    rounded = np.array([round(v, 6) for v in scores[positive].tolist()], dtype=np.float64)
    ranked = np.lexsort((owners[starts[positive]], -rounded))
    rows = order.tolist()
    first, count, owner = (
        starts[positive].tolist(),
        counts[positive].tolist(),
        owners[starts[positive]].tolist(),
    )
    score = rounded.tolist()
    return [Aggregate(owner[g], score[g], rows[first[g] : first[g] + count[g]]) for g in ranked.tolist()]


def owner_scores(
    values: np.ndarray, starts: np.ndarray, counts: np.ndarray, options: RankingOptions
) -> np.ndarray:
    """``owner_score`` of every owner at once: ``values`` holds each owner's document scores as a
    contiguous run, best first, from ``starts`` (``counts`` long). Same arithmetic as
    ``owner_score`` (a sum in the scores' own dtype, added in order), so the same floats."""
    best = values[starts].astype(np.float64)
    if options.aggregation == "max":
        return best
    total = np.zeros(len(starts), dtype=values.dtype)
    for j in range(options.top_k):
        has = counts > j
        total[has] += values[starts[has] + j]
    mean = (total.astype(np.float64) / np.minimum(counts, options.top_k)).astype(values.dtype)
    if options.aggregation == "mean":
        return mean.astype(np.float64)
    return options.best_weight * best + (1 - options.best_weight) * mean.astype(np.float64)


def owner_score(top: np.ndarray, options: RankingOptions) -> float:
    """An owner's score from its best document scores (sorted, best first)."""
    if options.aggregation == "max":
        return float(top[0])
    if options.aggregation == "mean":
        return float(top.mean())
    return options.best_weight * float(top[0]) + (1 - options.best_weight) * float(top.mean())
