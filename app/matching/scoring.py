"""Score fusion and per-person aggregation, shared by both ranking directions.

- A (query, document) pair scores ``w · max(cos, 0) + (1 − w) · bm25_norm``, where ``w`` is the
  configured dense weight times the share of the query the encoder can read (the bundled
  English model reads no Chinese, so a Chinese query ranks on bilingual BM25 alone).
- A person (or challenge) aggregates its documents: ``0.8 · best + 0.2 · mean(top 3)`` — the
  reviewer-matching practice of max with a top-k mean, rewarding a body of related work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from index.encoder import Encoder
from index.text import latin_share

BEST_WEIGHT = 0.8
TOP_K_MEAN = 3


def dense_weight(base: float, encoder: Encoder, query_text: str) -> float:
    """The dense share for this query: none of it for text the encoder cannot read."""
    readable = 1.0 if encoder.reads_cjk else latin_share(query_text)
    return round(base * readable, 4)


def fuse(dense: np.ndarray, lexical: np.ndarray, weight: float) -> np.ndarray:
    return weight * np.clip(dense, 0.0, None) + (1.0 - weight) * lexical


@dataclass
class Aggregate:
    """One ranked owner: its score and the indexes (into the candidate arrays) of its best docs."""

    owner_id: int
    score: float
    best: list[int]


def aggregate(owner_ids: np.ndarray, fused: np.ndarray) -> list[Aggregate]:
    """Group document scores by owner, score each owner, best first (ties by owner id)."""
    rows: dict[int, list[int]] = defaultdict(list)
    for row, owner in enumerate(owner_ids.tolist()):
        rows[owner].append(row)
    ranked = []
    for owner, idx in rows.items():
        idx.sort(key=lambda i: -fused[i])
        top = fused[idx[:TOP_K_MEAN]]
        score = BEST_WEIGHT * float(top[0]) + (1 - BEST_WEIGHT) * float(top.mean())
        if score > 0:
            ranked.append(Aggregate(owner, round(score, 6), idx))
    ranked.sort(key=lambda a: (-a.score, a.owner_id))
    return ranked
