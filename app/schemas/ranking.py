from __future__ import annotations

from pydantic import BaseModel

from app.schemas.challenges import ChallengeSummary
from app.schemas.postdocs import PostdocSummary
from models import DocumentKind

__all__ = [
    "CandidatePage",
    "ChallengeRecommendationPage",
    "Evidence",
    "RankedChallenge",
    "RankedPostdoc",
    "RankingInfo",
]


class Evidence(BaseModel):
    """One document that supports a match, with the terms it shares with the query."""

    document_id: int
    kind: DocumentKind
    publication_id: int | None
    title: str
    snippet: str
    score: float
    dense: float
    lexical: float
    matched_terms: list[str]


class RankedPostdoc(BaseModel):
    rank: int
    score: float
    postdoc: PostdocSummary
    evidence: list[Evidence]


class RankedChallenge(BaseModel):
    rank: int
    score: float
    challenge: ChallengeSummary
    evidence: list[Evidence]


class RankingInfo(BaseModel):
    model_id: str
    dense_weight: float
    query_terms: list[str]


class CandidatePage(BaseModel):
    challenge: ChallengeSummary
    ranking: RankingInfo
    items: list[RankedPostdoc]
    total: int
    limit: int
    offset: int


class ChallengeRecommendationPage(BaseModel):
    postdoc: PostdocSummary
    ranking: RankingInfo
    items: list[RankedChallenge]
    total: int
    limit: int
    offset: int
