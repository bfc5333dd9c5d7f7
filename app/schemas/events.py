"""Matchmaking events: request and response bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, model_validator

from app.schemas.common import InputModel, Line, PublicModel
from app.schemas.ranking import Evidence
from models import EventMode, EventStatus, Interest, MeetingOutcome, ParticipantKind

SlotList = Annotated[list[Annotated[int, Field(ge=0, le=199)]], Field(max_length=200)]
IdList = Annotated[list[Annotated[int, Field(ge=1, le=2**31 - 1)]], Field(max_length=50)]
DbId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class EventBase(InputModel):
    title: Line(200)  # type: ignore[valid-type]
    starts_at: datetime = Field(description="start of the first slot")
    venue: Line(200) | None = None  # type: ignore[valid-type]
    mode: EventMode = EventMode.offline
    slot_minutes: int = Field(default=20, ge=5, le=240)
    slot_count: int = Field(default=8, ge=1, le=200)
    table_count: int = Field(default=10, ge=1, le=500, description="tables (对接台) or online rooms")
    registration_deadline: datetime | None = None
    max_meetings_per_postdoc: int | None = Field(
        default=None, ge=1, le=50, description="default: JIEBANG_EVENT_MAX_MEETINGS_PER_POSTDOC"
    )
    min_meetings_per_enterprise: int | None = Field(
        default=None, ge=0, le=50, description="default: JIEBANG_EVENT_MIN_MEETINGS_PER_ENTERPRISE"
    )


class EventCreate(EventBase):
    pass


class EventUpdate(InputModel):
    """Partial update; the status changes through ``POST /events/{id}/transitions``."""

    title: Line(200) | None = None  # type: ignore[valid-type]
    starts_at: datetime | None = None
    venue: Line(200) | None = None  # type: ignore[valid-type]
    mode: EventMode | None = None
    slot_minutes: int | None = Field(default=None, ge=5, le=240)
    slot_count: int | None = Field(default=None, ge=1, le=200)
    table_count: int | None = Field(default=None, ge=1, le=500)
    registration_deadline: datetime | None = None
    max_meetings_per_postdoc: int | None = Field(default=None, ge=1, le=50)
    min_meetings_per_enterprise: int | None = Field(default=None, ge=0, le=50)


class EventTransition(InputModel):
    status: EventStatus


class FindingPublic(PublicModel):
    group: str
    message: str
    items: list[int]


class SolveReport(PublicModel):
    status: str
    objective: float
    gap: float
    meetings: int
    unplaced: list[list[int]]
    findings: list[FindingPublic]


class EventPublic(PublicModel):
    id: int
    title: str
    starts_at: datetime
    venue: str
    mode: EventMode
    slot_minutes: int
    slot_count: int
    table_count: int
    registration_deadline: datetime | None
    max_meetings_per_postdoc: int
    min_meetings_per_enterprise: int
    status: EventStatus
    created_at: datetime


class ParticipantCreate(InputModel):
    """Exactly one of ``postdoc_id`` / ``enterprise_id``; a postdoc or enterprise account may
    leave both out to register itself."""

    postdoc_id: DbId | None = None
    enterprise_id: DbId | None = None
    slots: SlotList | None = Field(default=None, description="0-based slots; default: all")
    tables: int = Field(default=1, ge=1, le=20, description="an enterprise's meetings at once")
    challenge_ids: IdList = Field(default=[], description="challenges an enterprise brings")

    @model_validator(mode="after")
    def _one_side(self) -> ParticipantCreate:
        if self.postdoc_id is not None and self.enterprise_id is not None:
            raise ValueError("give postdoc_id or enterprise_id, not both")
        return self


class ParticipantUpdate(InputModel):
    slots: SlotList | None = None
    tables: int | None = Field(default=None, ge=1, le=20)
    challenge_ids: IdList | None = None


class ParticipantPublic(PublicModel):
    id: int
    event_id: int
    kind: ParticipantKind
    postdoc_id: int | None
    enterprise_id: int | None
    label: str
    slots: list[int]
    tables: int
    challenge_ids: list[int]


class InterestSet(InputModel):
    target_participant_id: DbId
    interest: Interest | None = Field(description="must / like / no; null withdraws the answer")


class Suggestion(PublicModel):
    participant_id: int
    label: str
    score: float
    my_interest: Interest | None
    their_interest: Interest | None
    reasons: list[Evidence]


class ConflictCreate(InputModel):
    postdoc_participant_id: DbId
    enterprise_participant_id: DbId
    reason: Line(300) | None = None  # type: ignore[valid-type]


class MeetingPublic(PublicModel):
    id: int
    event_id: int
    postdoc_participant_id: int
    enterprise_participant_id: int
    postdoc: str
    enterprise: str
    slot: int
    table: int
    starts_at: datetime
    locked: bool
    score: float | None
    outcome: MeetingOutcome | None


class MeetingUpdate(InputModel):
    """HR: move (slot/table; the meeting is then locked), lock or unlock, record the outcome."""

    slot: int | None = Field(default=None, ge=0, le=199)
    table: int | None = Field(default=None, ge=0, le=499)
    locked: bool | None = None
    outcome: MeetingOutcome | None = None


class MeetingCreate(InputModel):
    postdoc_participant_id: DbId
    enterprise_participant_id: DbId
    slot: int = Field(ge=0, le=199)
    table: int = Field(ge=0, le=499)


__all__ = [
    "ConflictCreate",
    "EventCreate",
    "EventPublic",
    "EventTransition",
    "EventUpdate",
    "FindingPublic",
    "InterestSet",
    "MeetingCreate",
    "MeetingPublic",
    "MeetingUpdate",
    "ParticipantCreate",
    "ParticipantPublic",
    "ParticipantUpdate",
    "SolveReport",
    "Suggestion",
]
