"""Matchmaking events (产才对接): participants, availability, interest, meetings, conflicts.

An event has ``slot_count`` time slots of ``slot_minutes`` from ``starts_at`` and
``table_count`` tables (对接台, or rooms online). Enterprises bring challenges and sit at
``tables`` tables at once; postdocs rotate among them. A meeting takes one slot at one table.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped, UTCDateTime
from models.domain import Challenge, Enterprise, Postdoc, str_enum


class EventMode(enum.StrEnum):
    online = "online"
    offline = "offline"
    hybrid = "hybrid"


class EventStatus(enum.StrEnum):
    draft = "draft"
    registration = "registration"
    scheduled = "scheduled"  # the timetable is published
    held = "held"
    closed = "closed"


# draft → registration → scheduled → held → closed; a published timetable can be taken back to
# registration (to re-open sign-up), and any live event can be closed.
EVENT_TRANSITIONS: dict[EventStatus, frozenset[EventStatus]] = {
    EventStatus.draft: frozenset({EventStatus.registration, EventStatus.closed}),
    EventStatus.registration: frozenset({EventStatus.scheduled, EventStatus.closed}),
    EventStatus.scheduled: frozenset({EventStatus.registration, EventStatus.held, EventStatus.closed}),
    EventStatus.held: frozenset({EventStatus.closed}),
    EventStatus.closed: frozenset(),
}


class ParticipantKind(enum.StrEnum):
    postdoc = "postdoc"
    enterprise = "enterprise"


class Interest(enum.StrEnum):
    must = "must"  # 必须见面
    like = "like"  # 希望见面
    no = "no"  # 不见面


class MeetingOutcome(enum.StrEnum):
    held = "held"
    no_show = "no_show"
    follow_up = "follow_up"
    contract = "contract"


class Event(Timestamped, Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    venue: Mapped[str] = mapped_column(String(200), default="")
    mode: Mapped[EventMode] = mapped_column(str_enum(EventMode), default=EventMode.offline)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    slot_count: Mapped[int] = mapped_column(Integer)
    table_count: Mapped[int] = mapped_column(Integer)
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    max_meetings_per_postdoc: Mapped[int] = mapped_column(Integer)
    min_meetings_per_enterprise: Mapped[int] = mapped_column(Integer)
    status: Mapped[EventStatus] = mapped_column(str_enum(EventStatus), default=EventStatus.draft, index=True)
    # The last solver run: status, objective, gap, supply/demand counts and diagnosis findings.
    solve_report: Mapped[dict | None] = mapped_column(JSON)

    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventParticipant.id"
    )


class EventParticipant(Timestamped, Base):
    """A postdoc or an enterprise registered for an event, with the slots it can attend."""

    __tablename__ = "event_participants"
    __table_args__ = (
        UniqueConstraint("event_id", "postdoc_id", name="uq_event_participants_postdoc"),
        UniqueConstraint("event_id", "enterprise_id", name="uq_event_participants_enterprise"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ParticipantKind] = mapped_column(str_enum(ParticipantKind))
    postdoc_id: Mapped[int | None] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    enterprise_id: Mapped[int | None] = mapped_column(
        ForeignKey("enterprises.id", ondelete="CASCADE"), index=True
    )
    # 0-based slot numbers the participant can attend
    slots: Mapped[list[int]] = mapped_column(JSON, default=list)
    # meetings an enterprise holds at once (its tables); 1 for a postdoc
    tables: Mapped[int] = mapped_column(Integer, default=1)
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship(back_populates="participants")
    postdoc: Mapped[Postdoc | None] = relationship()
    enterprise: Mapped[Enterprise | None] = relationship()
    challenges: Mapped[list[Challenge]] = relationship(secondary="event_challenges", order_by="Challenge.id")

    @property
    def challenge_ids(self) -> list[int]:
        return [c.id for c in self.challenges]

    @property
    def label(self) -> str:
        owner = self.postdoc if self.kind == ParticipantKind.postdoc else self.enterprise
        return owner.name if owner is not None else f"#{self.id}"


class EventChallenge(Base):
    """A challenge an enterprise brings to an event."""

    __tablename__ = "event_challenges"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE"), primary_key=True
    )
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )


class MeetingRequest(Timestamped, Base):
    """One side's interest in meeting the other: must, like (would like) or no."""

    __tablename__ = "meeting_requests"
    __table_args__ = (UniqueConstraint("from_participant_id", "to_participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    from_participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    to_participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    interest: Mapped[Interest] = mapped_column(str_enum(Interest))


class Meeting(Timestamped, Base):
    """A meeting in the timetable: one slot at one table. ``locked`` ones survive a re-solve."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("postdoc_participant_id", "enterprise_participant_id", name="uq_meetings_pair"),
        UniqueConstraint("event_id", "slot", "table", name="uq_meetings_event_slot_table"),
        UniqueConstraint("postdoc_participant_id", "slot", name="uq_meetings_postdoc_slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    postdoc_participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    enterprise_participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    slot: Mapped[int] = mapped_column(Integer)
    table: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    score: Mapped[float | None] = mapped_column(Float)
    outcome: Mapped[MeetingOutcome | None] = mapped_column(str_enum(MeetingOutcome))
    note: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[Event] = relationship()
    postdoc: Mapped[EventParticipant] = relationship(foreign_keys=[postdoc_participant_id])
    enterprise: Mapped[EventParticipant] = relationship(foreign_keys=[enterprise_participant_id])


class EventConflict(Base):
    """An explicit conflict of interest: this postdoc and enterprise must not be paired."""

    __tablename__ = "event_conflicts"
    __table_args__ = (UniqueConstraint("postdoc_participant_id", "enterprise_participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    postdoc_participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE")
    )
    enterprise_participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE")
    )
    reason: Mapped[str] = mapped_column(String(300), default="")


__all__ = [
    "EVENT_TRANSITIONS",
    "Event",
    "EventChallenge",
    "EventConflict",
    "EventMode",
    "EventParticipant",
    "EventStatus",
    "Interest",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "ParticipantKind",
]
