"""Match-list review, its audit log, postdocs' bookmarks/dismissals, applications, notifications."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped, UTCDateTime, utcnow
from models.domain import Challenge, Postdoc, str_enum

__all__ = [
    "Application",
    "ApplicationMember",
    "ApplicationStatus",
    "AuditEntry",
    "ChallengeMark",
    "MarkKind",
    "MatchEntry",
    "MatchStatus",
    "Notification",
]


class MatchStatus(enum.StrEnum):
    candidate = "candidate"
    shortlisted = "shortlisted"
    approved = "approved"
    rejected = "rejected"


class MatchEntry(Timestamped, Base):
    """One person on a challenge's match list, with HR's decision and position."""

    __tablename__ = "match_entries"
    __table_args__ = (UniqueConstraint("challenge_id", "postdoc_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    postdoc_id: Mapped[int] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    status: Mapped[MatchStatus] = mapped_column(str_enum(MatchStatus), default=MatchStatus.candidate)
    position: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    added_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)

    postdoc: Mapped[Postdoc] = relationship()
    challenge: Mapped[Challenge] = relationship()


class AuditEntry(Base):
    """Who did what, when, with the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[int] = mapped_column(Integer)
    challenge_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class MarkKind(enum.StrEnum):
    bookmark = "bookmark"
    dismiss = "dismiss"  # "not relevant": the feed leaves it out


class ChallengeMark(Base):
    __tablename__ = "challenge_marks"
    __table_args__ = (UniqueConstraint("postdoc_id", "challenge_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    postdoc_id: Mapped[int] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MarkKind] = mapped_column(str_enum(MarkKind))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApplicationStatus(enum.StrEnum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"
    withdrawn = "withdrawn"


class Application(Timestamped, Base):
    """A team's answer to an open call (揭榜): a lead, members and a short proposal."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    lead_postdoc_id: Mapped[int] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    proposal: Mapped[str] = mapped_column(Text)
    status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus), default=ApplicationStatus.pending
    )
    decision_note: Mapped[str] = mapped_column(Text, default="")

    challenge: Mapped[Challenge] = relationship()
    members: Mapped[list[ApplicationMember]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationMember.id"
    )


class ApplicationMember(Base):
    __tablename__ = "application_members"
    __table_args__ = (UniqueConstraint("application_id", "postdoc_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    postdoc_id: Mapped[int] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    application: Mapped[Application] = relationship(back_populates="members")
    postdoc: Mapped[Postdoc] = relationship()


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(500))
    link: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
