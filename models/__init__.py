"""SQLAlchemy 2 typed ORM: the source of truth for every row and every stored embedding."""

from models.accounts import Account, ApiKey, Role
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
from models.review import (
    Application,
    ApplicationMember,
    ApplicationStatus,
    AuditEntry,
    ChallengeMark,
    MarkKind,
    MatchEntry,
    MatchStatus,
    Notification,
)

__all__ = [
    "ACTIVE_ENGAGEMENT_STATUSES",
    "Account",
    "ApiKey",
    "Application",
    "ApplicationMember",
    "ApplicationStatus",
    "AuditEntry",
    "Availability",
    "Base",
    "Challenge",
    "ChallengeMark",
    "ChallengeStatus",
    "Document",
    "DocumentKind",
    "Embedding",
    "Engagement",
    "Enterprise",
    "IndexName",
    "IndexOp",
    "Language",
    "MarkKind",
    "MatchEntry",
    "MatchStatus",
    "Notification",
    "Postdoc",
    "Publication",
    "Role",
    "Sector",
    "Station",
    "StationKind",
]
