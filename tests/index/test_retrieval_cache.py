"""The retrieval cache alone: least recently used first out, within its budget of rows."""

from __future__ import annotations

import numpy as np

from index.retrieval import Candidates
from index.retrieval_cache import KEY_COST, RetrievalCache


def cands(rows: int) -> Candidates:
    ids = np.arange(rows, dtype=np.int64)
    return Candidates(ids, ids.copy(), np.zeros(rows, np.float32), np.zeros(rows, np.float32), 0.0)


def test_the_least_recently_used_entry_makes_room() -> None:
    cache = RetrievalCache(rows=2 * (10 + KEY_COST))
    first, second, third = cands(10), cands(10), cands(10)
    cache.put("a", first)
    cache.put("b", second)
    assert cache.get("a") is first  # "b" is now the least recently used
    cache.put("c", third)
    assert [key for key, _ in cache.entries()] == ["a", "c"]
    assert cache.used == 2 * (10 + KEY_COST)


def test_an_entry_larger_than_the_budget_is_not_kept() -> None:
    cache = RetrievalCache(rows=KEY_COST + 5)
    big = cands(6)
    cache.put("big", big)
    assert cache.get("big") is None and cache.used == 0
    assert big.doc_ids.flags.writeable  # not shared, so not frozen


def test_kept_arrays_are_read_only_and_clear_forgets_everything() -> None:
    cache = RetrievalCache(rows=1000)
    kept = cands(3)
    cache.put("k", kept)
    assert not any(a.flags.writeable for a in (kept.doc_ids, kept.owner_ids, kept.dense, kept.bm25))
    cache.put("k", cands(3))  # scored twice at once: the first stays
    assert cache.get("k") is kept
    cache.clear()
    assert len(cache) == 0 and cache.used == 0 and cache.get("k") is None
