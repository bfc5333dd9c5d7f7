"""BM25 over bilingual tokens (bm25s), with the document ids it was built on.

Built from the stored token strings as a stream: each document becomes a compact int32 array of
vocabulary ids (not a list of Python strings), so 700,000 documents fit in a few hundred MiB.
"""

from __future__ import annotations

from collections.abc import Iterable

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized


class LexicalIndex:
    """An immutable BM25 index; rebuilt from the documents' stored tokens when they change."""

    def __init__(self, ids: np.ndarray, token_lists: Iterable[list[str]]) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self._order = np.argsort(self.ids, kind="stable")  # for aligning scores with doc ids
        self._bm25: bm25s.BM25 | None = None
        self._vocab: dict[str, int] = {}
        vocab: dict[str, int] = {}
        encoded = [
            np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int32)
            for tokens in token_lists
        ]
        if encoded:
            self._bm25 = bm25s.BM25()
            self._bm25.index(Tokenized(ids=encoded, vocab=vocab), show_progress=False)
            self._vocab = self._bm25.vocab_dict

    @classmethod
    def from_token_strings(cls, rows: Iterable[tuple[int, str]]) -> LexicalIndex:
        """From (document id, space-separated tokens) rows, e.g. streamed from SQL."""
        ids: list[int] = []

        def tokens() -> Iterable[list[str]]:
            for doc_id, text in rows:
                ids.append(doc_id)
                yield text.split()

        token_lists = tokens()
        index = cls.__new__(cls)
        cls.__init__(index, np.zeros(0, dtype=np.int64), token_lists)
        index.ids = np.asarray(ids, dtype=np.int64)
        index._order = np.argsort(index.ids, kind="stable")
        return index

    @property
    def size(self) -> int:
        return len(self.ids)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every document (aligned with ``self.ids``) for one query."""
        known = [t for t in query_tokens if t in self._vocab]
        if self._bm25 is None or not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def aligned(self, scores: np.ndarray, doc_ids: np.ndarray) -> np.ndarray:
        """The entries of ``scores`` (aligned with ``self.ids``) for ``doc_ids``; 0 where absent."""
        if self.ids.size == 0 or doc_ids.size == 0:
            return np.zeros(len(doc_ids), dtype=np.float32)
        pos = np.clip(np.searchsorted(self.ids, doc_ids, sorter=self._order), 0, len(self._order) - 1)
        hit = self.ids[self._order[pos]] == doc_ids
        return np.where(hit, scores[self._order[pos]], 0.0).astype(np.float32)
