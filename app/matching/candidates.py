"""Ranked postdocs for a challenge."""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.matching.documents import challenge_query_text
from app.matching.evidence import Filler, Semantic, best_sentence, matched_terms, meaning_only, snippet
from app.matching.filters import PostdocFilters, allowed_owners, keep_allowed, recheck_needed
from app.matching.recency import recency_weights
from app.matching.scoring import Aggregate, RankingOptions, aggregate, dense_weight, fuse_candidates
from app.matching.view import SearchView
from app.schemas.challenges import ChallengeSummary
from app.schemas.postdocs import PostdocSummary
from app.schemas.ranking import CandidatePage, Evidence, RankedPostdoc, RankingInfo
from index.batching import batcher_for
from index.embeddings import stored_vectors
from index.encoder import Encoder, embedding_key
from index.search_index import Candidates
from index.text import query_tokens, sha256, unique_in_order
from models import Challenge, Document, Postdoc

__all__ = [
    "QUERY_CACHE_SIZE",
    "evidence_item",
    "query_vector",
    "query_vectors",
    "rank_candidates",
    "score_postdocs",
    "score_postdocs_many",
    "semantic_of",
    "term_filler",
    "warm_snippets",
]

log = logging.getLogger(__name__)
QUERY_TERMS_SHOWN = 30


def rank_candidates(
    session: Session,
    view: SearchView,
    challenge: Challenge,
    filters: PostdocFilters,
    *,
    limit: int,
    offset: int,
) -> CandidatePage:
    """Postdocs ranked for ``challenge``, each with the documents that support the match."""
    text = challenge_query_text(challenge, view.options.query_fields)
    tokens = query_tokens(text)
    options = view.options.ranking
    weight = dense_weight(options, view.encoder, text)
    ranked, cands = score_postdocs(session, view, text, tokens, weight, filters)
    postdocs = _postdocs(session, [a.owner_id for a in ranked[offset : offset + limit]])
    page = [a for a in ranked[offset : offset + limit] if a.owner_id in postdocs]  # deleted since
    evidence = _evidence(session, view, page, cands, weight, text, options)
    items = [
        RankedPostdoc(
            rank=offset + i + 1,
            score=round(agg.score, 4),
            postdoc=PostdocSummary.model_validate(postdocs[agg.owner_id]),
            evidence=evidence[agg.owner_id],
        )
        for i, agg in enumerate(page)
    ]
    return CandidatePage(
        challenge=ChallengeSummary.model_validate(challenge),
        ranking=RankingInfo(
            model_id=view.model_id,
            dense_weight=weight,
            query_terms=unique_in_order(tokens)[:QUERY_TERMS_SHOWN],
        ),
        items=items,
        total=len(ranked),
        limit=limit,
        offset=offset,
    )


def score_postdocs(
    session: Session,
    view: SearchView,
    text: str,
    tokens: list[str],
    weight: float,
    filters: PostdocFilters,
) -> tuple[list[Aggregate], Candidates]:
    """Every matching postdoc that passes ``filters``, best first (the reusable core)."""
    return score_postdocs_many(session, view, [text], [tokens], [weight], filters)[0]


def score_postdocs_many(
    session: Session,
    view: SearchView,
    texts: list[str],
    tokens: list[list[str]],
    weights: list[float],
    filters: PostdocFilters,
    options: RankingOptions | None = None,
    owners: set[int] | None = None,
) -> list[tuple[list[Aggregate], Candidates]]:
    """``score_postdocs`` for several queries at once (a challenge and its requirements): one
    encoder batch, one vector search, one filter query; each result equals its single call.
    ``options`` default to the view's ranking options; ``owners`` (instead of ``filters``)
    scores every document of exactly these postdocs (a hand-picked team)."""
    index = view.postdocs
    if owners is not None:
        allowed: set[int] | None = owners
    else:
        allowed = allowed_owners(session, filters.query()) if filters.active else None
    k = view.options.retrieve_docs * (4 if filters.active else 1)
    vectors = query_vectors(index.encoder, texts, view.options.query_batch_wait_ms, session)
    options = options or view.options.ranking
    found = index.retrieve_many(vectors, tokens, k=k, owners=allowed)
    recency = _recency(session, found, options)
    scored = [
        (aggregate(c.owner_ids, fuse_candidates(c, c.lexical(), w, options) * r, options), c)
        for c, w, r in zip(found, weights, recency, strict=True)
    ]
    if not recheck_needed(filters, allowed):
        return scored
    owners = list(dict.fromkeys(a.owner_id for ranked, _ in scored for a in ranked))
    visible = keep_allowed(session, filters.query(), owners)
    return [([a for a in ranked if a.owner_id in visible], c) for ranked, c in scored]


def _recency(
    session: Session, found: list[Candidates], options: RankingOptions
) -> Sequence[np.ndarray | float]:
    """Each query's per-candidate recency factors (one SQL query for all), or 1.0 when off."""
    if options.recency_half_life <= 0 or not found:
        return [1.0] * len(found)
    ids = np.concatenate([c.doc_ids for c in found])
    weights = recency_weights(session, ids, options.recency_half_life).astype(np.float32)
    return np.split(weights, np.cumsum([len(c.doc_ids) for c in found])[:-1])


def query_vector(encoder: Encoder, text: str, batch_wait_ms: float = 0.0) -> np.ndarray:
    return query_vectors(encoder, [text], batch_wait_ms)[0]


def query_vectors(
    encoder: Encoder,
    texts: list[str],
    batch_wait_ms: float = 0.0,
    session: Session | None = None,
) -> np.ndarray:
    """One row per text, from (in order) this process's recent queries, the vectors stored in
    SQL (with ``session``), or the encoder: texts found in neither are encoded in one batch,
    together with concurrent requests' queries (index/batching.py). Rankings only read: a
    challenge's query texts (its document and its requirements) are stored when it is written
    (``challenge_query_texts``), so rankings of stored challenges encode nothing."""
    cache = _vector_cache(encoder)
    # what the encoder reads of a text can change with the text options (glossary, t2s) while
    # the encoder stays the same: the key says which reading a cached vector is of
    key = embedding_key(encoder, "query")
    with _cache_lock:
        found = {t: cache[key, t] for t in texts if (key, t) in cache}
        for text in found:
            cache.move_to_end((key, text))
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        found.update(_stored_or_encoded(encoder, missing, batch_wait_ms, session))
        with _cache_lock:
            cache.update(((key, t), found[t]) for t in missing)
            while len(cache) > QUERY_CACHE_SIZE:
                cache.popitem(last=False)
    return np.stack([found[t] for t in texts])


def _stored_or_encoded(
    encoder: Encoder, texts: list[str], batch_wait_ms: float, session: Session | None
) -> dict[str, np.ndarray]:
    by_sha = {sha256(t): t for t in texts}
    stored = stored_vectors(session, embedding_key(encoder, "query"), by_sha) if session is not None else {}
    found = {by_sha[sha]: vector for sha, vector in stored.items()}
    missing = [t for t in texts if t not in found]
    if missing:
        encode = batcher_for(encoder, batch_wait_ms).encode_many
        found.update(zip(missing, encode(missing), strict=True))
    return found


QUERY_CACHE_SIZE = 1024
_cache_lock = threading.Lock()
QueryCache = OrderedDict[tuple[str, str], np.ndarray]  # (embedding key, text) → vector
_caches: weakref.WeakKeyDictionary[Encoder, QueryCache] = weakref.WeakKeyDictionary()


def _vector_cache(encoder: Encoder) -> QueryCache:
    with _cache_lock:
        return _caches.setdefault(encoder, OrderedDict())


def _postdocs(session: Session, ids: list[int]) -> dict[int, Postdoc]:
    # one query: the page's postdocs with their stations
    rows = session.scalars(select(Postdoc).options(joinedload(Postdoc.station)).where(Postdoc.id.in_(ids)))
    return {p.id: p for p in rows}


def _evidence(
    session: Session,
    view: SearchView,
    page: list[Aggregate],
    cands: Candidates,
    weight: float,
    query_text: str,
    options: RankingOptions,
) -> dict[int, list[Evidence]]:
    rows = {agg.owner_id: agg.best[: view.options.evidence_per_result] for agg in page}
    filler = term_filler(view)
    semantic = semantic_of(view, query_text, weight, session)
    doc_ids = [int(cands.doc_ids[r]) for picked in rows.values() for r in picked]
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))}
    lexical = cands.lexical()
    fused = fuse_candidates(cands, lexical, weight, options) * _recency(session, [cands], options)[0]
    kept = {
        o: [r for r in picked if int(cands.doc_ids[r]) in docs and fused[r] > 0] for o, picked in rows.items()
    }
    terms = {
        r: matched_terms(query_text, set(docs[int(cands.doc_ids[r])].tokens.split()), filler)
        for picked in kept.values()
        for r in picked
    }
    warm_snippets(
        semantic, [(docs[int(cands.doc_ids[r])], t, float(cands.dense[r])) for r, t in terms.items()]
    )
    return {
        owner: [
            evidence_item(
                docs[int(cands.doc_ids[r])],
                terms[r],
                score=float(fused[r]),
                dense=float(cands.dense[r]),
                lexical=float(lexical[r]),
                semantic=semantic,
            )
            for r in picked
        ]
        for owner, picked in kept.items()
    }


def term_filler(view: SearchView) -> Filler:
    """What evidence leaves out: stop words and terms common in the view's postdoc index."""
    return Filler(view.postdocs.lexical_index, view.options.evidence_filler_share)


def semantic_of(
    view: SearchView, text: str, weight: float, session: Session | None = None
) -> Semantic | None:
    """The query's vector for meaning-only snippets; None when the dense side has no say."""
    if weight <= 0:
        return None
    return Semantic(view.encoder, query_vectors(view.encoder, [text], 0.0, session)[0])


def warm_snippets(semantic: Semantic | None, items: list[tuple[Document, list[str], float]]) -> None:
    """Encode in one batch the sentences of the ``(document, terms, dense)`` items that will show
    a meaning-only snippet (``evidence_item`` then finds them cached)."""
    if semantic is not None:
        semantic.warm([doc.text for doc, terms, dense in items if meaning_only(terms, dense, semantic)])


def evidence_item(
    doc: Document,
    terms: list[str],
    *,
    score: float,
    dense: float,
    lexical: float,
    semantic: Semantic | None = None,
) -> Evidence:
    """One evidence document. With no telling shared term, a dense match shows its sentence
    closest to the query (``semantic``), else the text's start."""
    by_meaning = meaning_only(terms, dense, semantic)
    return Evidence(
        document_id=doc.id,
        kind=doc.kind,
        publication_id=doc.publication_id,
        title=doc.title,
        snippet=best_sentence(doc.text, semantic) if by_meaning and semantic else snippet(doc.text, terms),
        score=round(score, 4),
        dense=round(dense, 4),
        lexical=round(lexical, 4),
        matched_terms=terms,
    )
