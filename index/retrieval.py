"""Scoring one index's documents for queries: dense top-k, BM25 top-k, or every document of
given owners; each retrieved document gets its exact cosine and its exact BM25 score.

Pure functions over a vector index, a BM25 index and the document → owner map; the caller holds
whatever lock keeps the three consistent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from index.lexical import LexicalIndex
from index.vector import VectorIndex

__all__ = ["Candidates", "OwnerMap", "PairTerms", "dense_top", "score_queries", "top_k_positions"]

# (query vector, document vectors) → (language gap, cosine ceiling) per document
PairTerms = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass
class Candidates:
    """Scored documents for one query: parallel arrays."""

    doc_ids: np.ndarray
    owner_ids: np.ndarray
    dense: np.ndarray  # cosine similarity
    bm25: np.ndarray  # raw BM25 score
    best_bm25: float  # best BM25 score of any document in the index for this query
    # composite encoders only (``CompositeEncoder.pair_terms``): how far apart in language the
    # query and each document are (0 … 1), and each pair's highest attainable inner product
    language_gap: np.ndarray | None = None
    ceiling: np.ndarray | None = None

    def lexical(self, scale: float | None = None) -> np.ndarray:
        """BM25 divided by ``scale`` (default: this query's best score in the index), 0 … 1."""
        scale = self.best_bm25 if scale is None else scale
        return self.bm25 / scale if scale > 0 else np.zeros_like(self.bm25)


class OwnerMap:
    """Which owner each document belongs to, and each owner's documents."""

    def __init__(self) -> None:
        self.owner_of: dict[int, int] = {}
        self.docs_of: dict[int, set[int]] = {}

    def __len__(self) -> int:
        return len(self.owner_of)

    def __contains__(self, doc_id: int) -> bool:
        return doc_id in self.owner_of

    def reset(self, ids: np.ndarray, owners: np.ndarray) -> None:
        """Exactly these (document, owner) pairs."""
        self.owner_of = dict(zip(ids.tolist(), owners.tolist(), strict=True))
        self.docs_of = {}
        for doc_id, owner in self.owner_of.items():
            self.docs_of.setdefault(owner, set()).add(doc_id)

    def put(self, doc_id: int, owner_id: int) -> None:
        self.forget(doc_id)
        self.owner_of[doc_id] = owner_id
        self.docs_of.setdefault(owner_id, set()).add(doc_id)

    def forget(self, doc_id: int) -> None:
        owner = self.owner_of.pop(doc_id, None)
        if owner is not None:
            docs = self.docs_of.get(owner)
            if docs is not None:
                docs.discard(doc_id)
                if not docs:
                    del self.docs_of[owner]

    def docs_for_owners(self, owners: Iterable[int]) -> np.ndarray:
        ids = [d for o in owners for d in self.docs_of.get(o, ())]
        return np.array(sorted(ids), dtype=np.int64)

    def owner_ids(self, doc_ids: np.ndarray) -> np.ndarray:
        return np.array([self.owner_of[d] for d in doc_ids.tolist()], dtype=np.int64)


def score_queries(
    vectors: VectorIndex,
    lexical: LexicalIndex,
    owner_map: OwnerMap,
    query: tuple[np.ndarray, list[list[str]]],
    *,
    k: int,
    owners: frozenset[int] | None,
    pair_terms: PairTerms | None = None,
) -> list[Candidates]:
    """Score each query (a row of vectors and its tokens): the union of its dense and BM25
    top-``k``, or every document of ``owners``; ``pair_terms`` (a composite encoder's) adds
    each pair's language gap and cosine ceiling."""
    query_vectors, query_tokens = query
    if not query_tokens:
        return []
    if owners is not None:
        fixed = owner_map.docs_for_owners(owners)
        dense_ids: list[np.ndarray | None] = [None] * len(query_tokens)
    else:
        dense_ids = dense_top(vectors, query_vectors, k)
    out = []
    for vector, tokens, from_dense in zip(query_vectors, query_tokens, dense_ids, strict=True):
        bm25 = lexical.scores(tokens)
        best = float(bm25.max()) if bm25.size else 0.0
        doc_ids = fixed if owners is not None else _top_docs(from_dense, lexical, bm25, k, owner_map)
        doc_vectors = vectors.vectors(doc_ids)
        dense = doc_vectors @ vector.astype(np.float32)
        raw = lexical.aligned(bm25, doc_ids)
        cands = Candidates(doc_ids, owner_map.owner_ids(doc_ids), dense.astype(np.float32), raw, best)
        if pair_terms is not None and len(doc_ids):
            cands.language_gap, cands.ceiling = pair_terms(vector, doc_vectors)
        out.append(cands)
    return out


def dense_top(vectors: VectorIndex, query_vectors: np.ndarray, k: int) -> list[np.ndarray | None]:
    """The dense top-``k`` ids of each query (None for an all-zero vector), one search."""
    readable = [i for i, v in enumerate(query_vectors) if np.any(v)]
    found: list[np.ndarray | None] = [None] * len(query_vectors)
    if readable:
        _, ids = vectors.search(query_vectors[readable], k)
        for row, i in enumerate(readable):
            found[i] = ids[row]
    return found


def _top_docs(
    dense_ids: np.ndarray | None, lexical: LexicalIndex, bm25: np.ndarray, k: int, owner_map: OwnerMap
) -> np.ndarray:
    picked: set[int] = set()
    if dense_ids is not None:
        picked.update(int(i) for i in dense_ids if i >= 0)
    positive = np.flatnonzero(bm25 > 0)
    if positive.size:
        top = top_k_positions(positive, bm25[positive], k)
        picked.update(int(i) for i in lexical.ids[top] if int(i) in owner_map)
    return np.array(sorted(picked), dtype=np.int64)


def top_k_positions(positions: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best positions, ties going to the earlier position (as a stable sort would),
    found in O(n) rather than by sorting every positive score."""
    if len(positions) <= k:
        return positions
    kth = np.partition(values, len(values) - k)[len(values) - k]
    above = positions[values > kth]
    return np.concatenate([above, positions[values == kth][: k - len(above)]])
