from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.schemas.common import Id, InputModel, Line, Paragraph, PublicModel, TermList
from app.schemas.enterprises import EnterpriseRef
from models import ChallengeStatus, Language, Sector

__all__ = [
    "ChallengeBase",
    "ChallengeCreate",
    "ChallengePublic",
    "ChallengeSummary",
    "ChallengeUpdate",
    "TransitionRequest",
]


class ChallengeBase(InputModel):
    title: Line(300)  # type: ignore[valid-type]
    description: Paragraph(10000)  # type: ignore[valid-type]
    required_expertise: TermList = []
    sector: Sector
    budget_cny: Annotated[int, Field(ge=0, le=10_000_000_000)] | None = None
    deadline: date | None = None
    contact: Annotated[str, Field(max_length=200, description="who to ask: name, phone or e-mail")] = ""
    language: Language | None = Field(
        default=None, description="zh / en / mixed; detected from the text when omitted"
    )


class ChallengeCreate(ChallengeBase):
    enterprise_id: Id
    status: ChallengeStatus = Field(
        default=ChallengeStatus.draft, description="initial status: draft (default) or open"
    )


class ChallengeUpdate(InputModel):
    """Partial update. Status changes go through ``POST /challenges/{id}/transitions``."""

    title: Line(300) | None = None  # type: ignore[valid-type]
    description: Paragraph(10000) | None = None  # type: ignore[valid-type]
    required_expertise: TermList | None = None
    sector: Sector | None = None
    budget_cny: Annotated[int, Field(ge=0, le=10_000_000_000)] | None = None
    deadline: date | None = None
    contact: Annotated[str, Field(max_length=200)] | None = None
    language: Language | None = None


class TransitionRequest(InputModel):
    status: ChallengeStatus


class ChallengePublic(PublicModel):
    id: int
    enterprise_id: int
    enterprise: EnterpriseRef
    title: str
    description: str
    required_expertise: list[str]
    sector: Sector
    budget_cny: int | None
    deadline: date | None
    contact: str
    language: Language
    status: ChallengeStatus
    created_at: datetime
    updated_at: datetime


class ChallengeSummary(PublicModel):
    id: int
    title: str
    sector: Sector
    status: ChallengeStatus
    language: Language
    deadline: date | None
    budget_cny: int | None
    enterprise: EnterpriseRef
