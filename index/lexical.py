"""BM25 over bilingual tokens (bm25s), with the document ids it was built on."""

from __future__ import annotations

import bm25s
import numpy as np


class LexicalIndex:
    """An immutable BM25 index; rebuilt from the documents' stored tokens when they change."""

    def __init__(self, ids: np.ndarray, token_lists: list[list[str]]) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self._bm25: bm25s.BM25 | None = None
        self._vocab: dict[str, int] = {}
        if len(token_lists):
            self._bm25 = bm25s.BM25()
            self._bm25.index(token_lists, show_progress=False)
            self._vocab = self._bm25.vocab_dict

    @property
    def size(self) -> int:
        return len(self.ids)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every document (aligned with ``self.ids``) for one query."""
        known = [t for t in query_tokens if t in self._vocab]
        if self._bm25 is None or not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)
