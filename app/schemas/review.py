from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from app.schemas.challenges import ChallengeSummary
from app.schemas.common import Id, IdList, InputModel, Note, PublicModel, multi_line_text
from app.schemas.postdocs import PostdocSummary
from app.schemas.ranking import Evidence
from models import ApplicationStatus, MarkKind, MatchStatus

__all__ = [
    "AddPersonRequest",
    "ApplicationCreate",
    "ApplicationDecision",
    "ApplicationPublic",
    "AuditEntryPublic",
    "DecisionRequest",
    "MarkPublic",
    "MatchEntryPublic",
    "MatchListPublic",
    "MemberPublic",
    "NotificationPublic",
    "ReorderRequest",
]


class MatchEntryPublic(PublicModel):
    id: int
    challenge_id: int
    position: int
    status: MatchStatus
    score: float | None
    note: str
    added_by_hand: bool
    postdoc: PostdocSummary
    evidence: list[Evidence] = []


class MatchListPublic(BaseModel):
    challenge: ChallengeSummary
    items: list[MatchEntryPublic]


class DecisionRequest(InputModel):
    status: MatchStatus
    note: Note = ""


class ReorderRequest(InputModel):
    entry_ids: IdList(500, min_length=1)  # type: ignore[valid-type]


class AddPersonRequest(InputModel):
    postdoc_id: Id
    note: Note = ""


class AuditEntryPublic(PublicModel):
    id: int
    at: datetime
    account_id: int | None
    actor_name: str = Field(default="", description="the acting account's name; empty once it is deleted")
    action: str
    action_name: str = Field(
        default="",
        description="the action as people call it, in the caller's language (?lang=, Accept-Language)",
    )
    object_type: str
    object_id: int
    before: dict | None
    after: dict | None


class MarkPublic(PublicModel):
    challenge_id: int
    kind: MarkKind
    at: datetime


class ApplicationCreate(InputModel):
    member_ids: IdList(20) = Field(  # type: ignore[valid-type]
        default=[], description="the other team members' postdoc ids (the caller leads)"
    )
    # The real cap is Settings.max_proposal_chars (checked by the service, 422 with the limit).
    proposal: Annotated[str, Field(min_length=1, max_length=100_000), AfterValidator(multi_line_text)]


class MemberPublic(PublicModel):
    postdoc_id: int
    confirmed: bool
    postdoc: PostdocSummary | None = Field(
        description="the member's summary; null for another postdoc until the member confirmed"
    )


class ApplicationPublic(PublicModel):
    id: int
    challenge: ChallengeSummary
    lead_postdoc_id: int
    proposal: str
    status: ApplicationStatus
    decision_note: str
    members: list[MemberPublic]
    created_at: datetime


class ApplicationDecision(InputModel):
    decision: Literal["accepted", "rejected"]
    note: Note = ""


class NotificationPublic(PublicModel):
    id: int
    kind: str
    message: str
    link: str
    at: datetime
    read_at: datetime | None
