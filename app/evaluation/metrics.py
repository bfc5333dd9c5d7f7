"""Ranking metrics over graded relevance (0 = not relevant, higher = more relevant).

A ranking is a list of item ids, best first; items it leaves out rank below every listed item,
tied with each other. ``grades`` maps item id → grade (absent = 0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["dcg", "ndcg_at", "pairwise_loss", "recall_at", "reciprocal_rank"]


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain with exponential gain ``2^g − 1`` and ``log2(rank + 1)``."""
    return sum((2.0**g - 1.0) / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k; 0.0 when nothing is relevant."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    return dcg([grades.get(item, 0) for item in ranking[:k]]) / ideal


def reciprocal_rank(ranking: Sequence[str], grades: Mapping[str, int], min_grade: int | None = None) -> float:
    """1 / rank of the first item of grade ``min_grade`` or more (default: the top grade)."""
    threshold = max(grades.values(), default=0) if min_grade is None else min_grade
    if threshold <= 0:
        return 0.0
    for rank, item in enumerate(ranking, start=1):
        if grades.get(item, 0) >= threshold:
            return 1.0 / rank
    return 0.0


def recall_at(
    ranking: Sequence[str], grades: Mapping[str, int], k: int = 50, min_grade: int | None = None
) -> float:
    """Share of the items of grade ``min_grade`` or more (default: the top grade) in the top k."""
    threshold = max(grades.values(), default=0) if min_grade is None else min_grade
    wanted = {item for item, g in grades.items() if g >= threshold > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(ranking[:k])) / len(wanted)


def pairwise_loss(ranking: Sequence[str], grades: Mapping[str, int], items: Sequence[str]) -> float:
    """Share of the relevance gap the ranking gets wrong over all pairs of ``items``.

    For each pair with different grades, its weight is the grade gap; it counts fully when the
    less relevant item ranks above the more relevant one and half when they are tied (both
    left out of the ranking). 0.0 is a perfect order, 0.5 a constant (all-tied) ranking.
    """
    position = {item: i for i, item in enumerate(ranking)}
    g = np.array([grades.get(item, 0) for item in items], dtype=np.float64)
    r = np.array([position.get(item, len(ranking)) for item in items], dtype=np.int64)
    gap = g[:, None] - g[None, :]  # > 0 where row item is more relevant than column item
    more = gap > 0
    total = float(gap[more].sum())
    if total == 0:
        return 0.0
    misordered = more & (r[:, None] > r[None, :])
    tied = more & (r[:, None] == r[None, :])
    return float(gap[misordered].sum() + 0.5 * gap[tied].sum()) / total
