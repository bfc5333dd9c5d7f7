"""The vectorised ``aggregate`` against the plain per-owner loop it replaced."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.matching.scoring import (
    Aggregate,
    RankingOptions,
    aggregate,
    dense_range,
    fuse,
    fuse_candidates,
    owner_score,
)
from app.matching.view import shipped_options
from index.retrieval import Candidates


def reference_aggregate(owner_ids: np.ndarray, fused: np.ndarray, options: RankingOptions) -> list[Aggregate]:
    rows: dict[int, list[int]] = defaultdict(list)
    for row, owner in enumerate(owner_ids.tolist()):
        rows[owner].append(row)
    ranked = []
    for owner, idx in rows.items():
        idx.sort(key=lambda i: -fused[i])
        score = owner_score(fused[idx[: options.top_k]], options)
        if score > 0:
            ranked.append(Aggregate(owner, round(score, 6), idx))
    ranked.sort(key=lambda a: (-a.score, a.owner_id))
    return ranked


# few distinct values and owners, so that ties (equal scores, equal owner scores) are common
values = st.sampled_from([0.0, 0.1, 0.25, 0.3333333, 0.5, 0.7071, 0.9, 1.0]) | st.floats(0.0, 1.0)
options = st.builds(
    RankingOptions,
    aggregation=st.sampled_from(["max", "topk", "mean"]),
    top_k=st.integers(1, 6),
    best_weight=st.sampled_from([0.0, 0.5, 0.8, 1.0]) | st.floats(0.0, 1.0),
)


@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(st.tuples(st.integers(1, 12), values), max_size=60),
    options=options,
    dtype=st.sampled_from([np.float32, np.float64]),
)
def test_vectorised_aggregate_equals_the_per_owner_loop(rows, options, dtype):
    owner_ids = np.array([o for o, _ in rows], dtype=np.int64)
    fused = np.array([v for _, v in rows], dtype=dtype)
    assert aggregate(owner_ids, fused, options) == reference_aggregate(owner_ids, fused, options)


def test_aggregate_ranks_owners_by_score_then_id_with_best_rows_first():
    owner_ids = np.array([7, 3, 7, 3, 5], dtype=np.int64)
    fused = np.array([0.2, 0.6, 0.6, 0.2, 0.0], dtype=np.float32)
    ranked = aggregate(owner_ids, fused, replace(shipped_options().ranking, aggregation="max"))
    assert [(a.owner_id, a.score, a.best) for a in ranked] == [(3, 0.6, [1, 3]), (7, 0.6, [2, 0])]


def test_minmax_fusion_uses_a_given_dense_range_instead_of_the_arrays_own():
    minmax = replace(shipped_options().ranking, fusion="minmax")
    dense, lexical = np.array([0.2, 0.4]), np.zeros(2)
    assert fuse(dense, lexical, 1.0, minmax).tolist() == [0.0, 1.0]
    assert fuse(dense, lexical, 1.0, minmax, (0.0, 0.8)).tolist() == [0.25, 0.5]
    assert dense_range([np.array([0.1, 0.3]), np.array([]), np.array([-0.2, 0.6])]) == (0.0, 0.6)
    assert dense_range([np.array([])]) is None


def test_a_pair_across_languages_moves_to_the_dense_weight_across_and_reads_its_cosine_over_the_ceiling():
    ids = np.arange(3)
    cands = Candidates(ids, ids, np.array([0.4, 0.4, 0.2], np.float32), np.array([1.0, 0.0, 0.5]), 1.0)
    cands.language_gap, cands.ceiling = (
        np.array([0.0, 1.0, 0.5], np.float32),
        np.array([1.0, 0.5, 1.0], np.float32),
    )
    linear = replace(shipped_options().ranking, fusion="linear", dense_weight_across=1.0, dense_ceiling=False)
    lexical = cands.lexical()
    # weights 0.6, 1.0, 0.8 by the language gap
    np.testing.assert_allclose(fuse_candidates(cands, lexical, 0.6, linear), [0.64, 0.4, 0.26], atol=1e-6)
    ceiling = replace(linear, dense_ceiling=True)
    np.testing.assert_allclose(fuse_candidates(cands, lexical, 0.6, ceiling), [0.64, 0.8, 0.26], atol=1e-6)
    same = replace(linear, dense_weight_across=None)
    np.testing.assert_allclose(
        fuse_candidates(cands, lexical, 0.6, same), fuse(cands.dense, lexical, 0.6, same)
    )
    lexical_only = replace(linear, mode="lexical")
    np.testing.assert_allclose(fuse_candidates(cands, lexical, 0.0, lexical_only), [1.0, 0.0, 0.5])


@given(
    arrays=st.lists(
        st.lists(st.floats(-1.0, 1.0, allow_nan=False), min_size=1, max_size=8), min_size=1, max_size=5
    )
)
def test_one_dense_range_keeps_cosine_order_across_queries(arrays):
    """With one range, a higher cosine never fuses lower, whichever query (document) it came from."""
    dense = [np.array(a) for a in arrays]
    shared = dense_range(dense)
    minmax = replace(shipped_options().ranking, fusion="minmax")
    raw = np.concatenate([np.clip(d, 0.0, None) for d in dense])
    fused = np.concatenate([fuse(d, np.zeros_like(d), 1.0, minmax, shared) for d in dense])
    order = np.argsort(raw, kind="stable")
    assert np.all(np.diff(fused[order]) >= -1e-12)
    assert np.all((fused >= 0) & (fused <= 1 + 1e-12))
