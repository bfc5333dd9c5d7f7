"""Ranked open challenges for a postdoc.

Each of the postdoc's documents (interests, skills, publications) is a query against the
challenge index; a challenge's score aggregates its pair scores over those documents exactly as
a postdoc's score aggregates over documents in the other direction.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.matching.candidates import evidence_item, term_filler
from app.matching.evidence import matched_terms
from app.matching.filters import ChallengeFilters, allowed_owners, keep_allowed, recheck_needed
from app.matching.recency import decay, newest_year
from app.matching.scoring import (
    Aggregate,
    RankingOptions,
    aggregate,
    dense_range,
    dense_weight,
    fuse_candidates,
    pair_dense,
)
from app.matching.view import SearchView
from app.schemas.challenges import ChallengeSummary
from app.schemas.postdocs import PostdocSummary
from app.schemas.ranking import ChallengeRecommendationPage, RankedChallenge, RankingInfo
from index.text import unique_in_order
from models import Challenge, ChallengeMark, Document, IndexName, MarkKind, Postdoc

__all__ = ["PairScore", "postdoc_documents_of", "rank_challenges", "score_challenges"]


def rank_challenges(
    session: Session,
    view: SearchView,
    postdoc: Postdoc,
    filters: ChallengeFilters,
    *,
    limit: int,
    offset: int,
) -> ChallengeRecommendationPage:
    """Challenges ranked for ``postdoc``; evidence names the postdoc's documents that match."""
    docs = postdoc_documents_of(session, postdoc.id)
    ranked, pairs = score_challenges(session, view, docs, filters)
    # Challenges the postdoc dismissed as "not relevant" stay out of their ranking.
    dismissed = _dismissed(session, postdoc.id)
    ranked = [a for a in ranked if a.owner_id not in dismissed]
    challenges = _challenges(session, [a.owner_id for a in ranked[offset : offset + limit]])
    page = [a for a in ranked[offset : offset + limit] if a.owner_id in challenges]  # deleted since
    challenge_terms = _challenge_terms(session, [a.owner_id for a in page])
    per = view.options.evidence_per_result
    filler = term_filler(view)
    items = []
    for i, agg in enumerate(page):
        evidence = []
        for row in agg.best[:per]:
            _, score, (doc, dense, lexical) = pairs[row]
            if score <= 0:
                continue
            terms = matched_terms(doc.text, challenge_terms.get(agg.owner_id, set()), filler)
            evidence.append(evidence_item(doc, terms, score=score, dense=dense, lexical=lexical))
        items.append(
            RankedChallenge(
                rank=offset + i + 1,
                score=round(agg.score, 4),
                challenge=ChallengeSummary.model_validate(challenges[agg.owner_id]),
                evidence=evidence,
            )
        )
    all_terms = unique_in_order(t for d in docs for t in d.tokens.split())
    return ChallengeRecommendationPage(
        postdoc=PostdocSummary.model_validate(postdoc),
        ranking=RankingInfo(
            model_id=view.model_id,
            dense_weight=dense_weight(view.options.ranking, view.encoder, postdoc.research_interests),
            query_terms=all_terms[:30],
        ),
        items=items,
        total=len(ranked),
        limit=limit,
        offset=offset,
    )


PairScore = tuple[int, float, tuple[Document, float, float]]


def score_challenges(
    session: Session, view: SearchView, docs: list[Document], filters: ChallengeFilters
) -> tuple[list[Aggregate], list[PairScore]]:
    """Every challenge that matches the postdoc documents ``docs`` and passes ``filters``,
    best first (the reusable core of ``rank_challenges``)."""
    allowed = allowed_owners(session, filters.query()) if filters.active and docs else None
    pairs = _pair_scores(session, view, docs, allowed)
    owner_ids = np.array([c for c, _, _ in pairs], dtype=np.int64)
    fused = np.array([f for _, f, _ in pairs], dtype=np.float32)
    ranked = aggregate(owner_ids, fused, view.options.ranking)
    if not recheck_needed(filters, allowed):
        return ranked, pairs
    visible = keep_allowed(session, filters.query(), [a.owner_id for a in ranked])
    return [a for a in ranked if a.owner_id in visible], pairs


def _pair_scores(
    session: Session, view: SearchView, docs: list[Document], allowed: set[int] | None
) -> list[PairScore]:
    """(challenge id, fused score, (postdoc document, dense, lexical)) for every pair, over the
    ``allowed`` challenges (all when None)."""
    if not docs:
        return []
    index = view.challenges
    vectors = view.postdocs.vectors_of([d.id for d in docs])
    k = view.options.retrieve_docs
    per_doc = [
        index.retrieve(vec, doc.tokens.split(), k=k, owners=allowed)
        for doc, vec in zip(docs, vectors, strict=True)
    ]
    # One BM25 scale for all of the postdoc's documents, so a short skills list that shares one
    # word with a challenge does not count as a perfect lexical match.
    scale = max((c.best_bm25 for c in per_doc), default=0.0)
    options = view.options.ranking
    recency = _recency(session, docs, options)
    # ... and, by default, one min-max range of cosine (see scoring.py)
    per_postdoc = options.reverse_dense_scale == "postdoc"
    shared = dense_range([pair_dense(c, options) for c in per_doc]) if per_postdoc else None
    pairs: list[PairScore] = []
    for doc, cands, factor in zip(docs, per_doc, recency, strict=True):
        weight = dense_weight(options, view.encoder, doc.text)
        lexical = cands.lexical(scale)
        fused = fuse_candidates(cands, lexical, weight, options, shared) * factor
        for row, owner in enumerate(cands.owner_ids.tolist()):
            detail = (doc, float(cands.dense[row]), float(lexical[row]))
            pairs.append((owner, float(fused[row]), detail))
    return pairs


def _recency(session: Session, docs: list[Document], options: RankingOptions) -> list[float]:
    """The recency factor of each postdoc document used as a query (all 1.0 when off)."""
    if options.recency_half_life <= 0:
        return [1.0] * len(docs)
    years = np.array([np.nan if d.year is None else d.year for d in docs], dtype=np.float64)
    return decay(years, newest_year(session), options.recency_half_life).tolist()


def _dismissed(session: Session, postdoc_id: int) -> set[int]:
    query = select(ChallengeMark.challenge_id).where(
        ChallengeMark.postdoc_id == postdoc_id, ChallengeMark.kind == MarkKind.dismiss
    )
    return set(session.scalars(query))


def postdoc_documents_of(session: Session, postdoc_id: int) -> list[Document]:
    return list(
        session.scalars(
            select(Document)
            .where(Document.index_name == IndexName.postdocs, Document.owner_id == postdoc_id)
            .order_by(Document.id)
        )
    )


def _challenges(session: Session, ids: list[int]) -> dict[int, Challenge]:
    rows = session.scalars(
        select(Challenge).options(joinedload(Challenge.enterprise)).where(Challenge.id.in_(ids))
    )
    return {c.id: c for c in rows}


def _challenge_terms(session: Session, ids: list[int]) -> dict[int, set[str]]:
    rows = session.execute(
        select(Document.owner_id, Document.tokens).where(
            Document.index_name == IndexName.challenges, Document.owner_id.in_(ids)
        )
    )
    return {owner: set(tokens.split()) for owner, tokens in rows}
