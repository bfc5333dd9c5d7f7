"""Metric values computed by hand."""

from __future__ import annotations

import math

import pytest

from app.evaluation.metrics import dcg, ndcg_at, pairwise_loss, recall_at, reciprocal_rank

GRADES = {"a": 3, "b": 2, "c": 1}


def test_dcg_uses_exponential_gain_and_log2_discount() -> None:
    # (2^3-1)/log2(2) + (2^0-1)/log2(3) + (2^2-1)/log2(4) = 7 + 0 + 1.5
    assert dcg([3, 0, 2]) == pytest.approx(8.5)


def test_ndcg_of_a_hand_worked_ranking() -> None:
    ranking = ["b", "x", "a"]
    got = 3 / 1 + 0 + 7 / 2  # b, x, a
    ideal = 7 / 1 + 3 / math.log2(3) + 1 / 2  # a, b, c
    assert ndcg_at(ranking, GRADES, 10) == pytest.approx(got / ideal)
    assert ndcg_at(["a", "b", "c"], GRADES, 10) == pytest.approx(1.0)
    assert ndcg_at(["a"], {}, 10) == 0.0


def test_ndcg_cuts_at_k() -> None:
    assert ndcg_at(["x", "a"], {"a": 1}, 1) == 0.0
    assert ndcg_at(["x", "a"], {"a": 1}, 2) == pytest.approx(1 / math.log2(3))


def test_reciprocal_rank_looks_for_the_top_grade() -> None:
    assert reciprocal_rank(["b", "c", "a"], GRADES) == pytest.approx(1 / 3)
    assert reciprocal_rank(["b", "c", "a"], GRADES, min_grade=2) == 1.0
    assert reciprocal_rank(["x", "y"], GRADES) == 0.0


def test_recall_at_k() -> None:
    grades = {"a": 3, "b": 3, "c": 1}
    assert recall_at(["a", "x", "b"], grades, 2) == 0.5
    assert recall_at(["a", "x", "b"], grades, 3) == 1.0
    assert recall_at(["c"], grades, 3, min_grade=1) == pytest.approx(1 / 3)


def test_pairwise_loss_weights_pairs_by_grade_gap() -> None:
    items = ["a", "b", "c", "d"]  # grades 3, 2, 1, 0
    # pairs and gaps: ab1 ac2 ad3 bc1 bd2 cd1 → total 10
    assert pairwise_loss(["a", "b", "c", "d"], GRADES, items) == 0.0
    assert pairwise_loss(["d", "c", "b", "a"], GRADES, items) == 1.0
    # c above a (gap 2) and above b (gap 1) wrong; d unranked below everyone else: right → 3/10
    assert pairwise_loss(["c", "a", "b"], GRADES, items) == pytest.approx(0.3)
    # only a ranked: b, c, d tied below it → bc (1), bd (2), cd (1) tied → 0.5 · 4 / 10
    assert pairwise_loss(["a"], GRADES, items) == pytest.approx(0.2)
    assert pairwise_loss([], GRADES, items) == pytest.approx(0.5)
    assert pairwise_loss(["a"], {}, items) == 0.0
