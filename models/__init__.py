"""SQLAlchemy 2 typed ORM: the source of truth for every row and every stored embedding."""

from models.base import Base
from models.domain import (
    ACTIVE_ENGAGEMENT_STATUSES,
    Availability,
    Challenge,
    ChallengeStatus,
    Engagement,
    Enterprise,
    Language,
    Postdoc,
    Publication,
    Sector,
    Station,
    StationKind,
)
from models.indexing import Document, DocumentKind, Embedding, IndexName, IndexOp

__all__ = [
    "ACTIVE_ENGAGEMENT_STATUSES",
    "Availability",
    "Base",
    "Challenge",
    "ChallengeStatus",
    "Document",
    "DocumentKind",
    "Embedding",
    "Engagement",
    "Enterprise",
    "IndexName",
    "IndexOp",
    "Language",
    "Postdoc",
    "Publication",
    "Sector",
    "Station",
    "StationKind",
]
