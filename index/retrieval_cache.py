"""Retrieval results of recent queries, valid until the next change of the index.

A challenge's ranking is asked for by HR, the teams route and the enterprise between two changes
of the index, and scoring it again gives the same arrays. The cache is bounded by scored
documents (24 bytes each: about 48 MB for 2,000,000), not by queries, since a filtered query may
score every document of 2,000 owners. The owner clears it on every change (``clear``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from index.retrieval import Candidates

__all__ = ["KEY_COST", "RetrievalCache", "cost"]

KEY_COST = 64  # a 384-d query vector is 1.5 KB, 64 rows' worth


def cost(cands: Candidates) -> int:
    """What a cached retrieval counts against the budget of scored documents: its rows plus
    ``KEY_COST`` for its key, so that even queries that matched nothing cannot pile up without
    bound."""
    return len(cands.doc_ids) + KEY_COST


class RetrievalCache:
    """Least-recently-used ``Candidates`` by query key, within ``rows`` scored documents."""

    def __init__(self, rows: int) -> None:
        self.rows = rows  # the budget
        self.used = 0  # what the entries cost now
        self._entries: OrderedDict[Hashable, Candidates] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[tuple[Hashable, Candidates]]:
        """(key, candidates) of every entry, least recently used first."""
        with self._lock:
            return list(self._entries.items())

    def get(self, key: Hashable) -> Candidates | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, cands: Candidates) -> None:
        """Keep ``cands`` (made read-only: every request that hits the cache shares them),
        evicting the least recently used entries beyond the budget."""
        size = cost(cands)
        if size > self.rows:
            return
        for array in (cands.doc_ids, cands.owner_ids, cands.dense, cands.bm25):
            array.flags.writeable = False
        with self._lock:
            if key in self._entries:  # two requests scored it at once
                return
            self._entries[key] = cands
            self.used += size
            while self.used > self.rows:
                _, old = self._entries.popitem(last=False)
                self.used -= cost(old)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.used = 0
