from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, field_validator

from app.schemas.common import Id, InputModel, Line, Paragraph, PublicModel, TermList
from app.schemas.stations import StationRef
from app.validators import email_problem
from models import Availability

__all__ = [
    "LANGUAGE_CODES",
    "PostdocBase",
    "PostdocCreate",
    "PostdocPublic",
    "PostdocSummary",
    "PostdocUpdate",
    "PublicationCreate",
    "PublicationPublic",
]

LANGUAGE_CODES = {"zh", "en", "ja", "ko", "de", "fr", "ru", "es"}


class PublicationCreate(InputModel):
    title: Line(500)  # type: ignore[valid-type]
    abstract: Paragraph(5000) | None = None  # type: ignore[valid-type]
    keywords: TermList = []
    year: Annotated[int, Field(ge=1950, le=2100)] | None = None
    venue: Line(300) | None = None  # type: ignore[valid-type]


class PublicationPublic(PublicModel):
    id: int
    title: str
    abstract: str
    keywords: list[str]
    year: int | None
    venue: str | None


def _email(value: str) -> str:
    value = value.strip().lower()
    problem = email_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _languages(value: list[str]) -> list[str]:
    codes = [v.strip().lower() for v in value]
    unknown = sorted(set(codes) - LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"unknown language code(s) {unknown}; use {sorted(LANGUAGE_CODES)}")
    return list(dict.fromkeys(codes))


class PostdocBase(InputModel):
    name: Line(100)  # type: ignore[valid-type]
    email: Line(254)  # type: ignore[valid-type]
    station_id: Id | None = None
    discipline: Line(100)  # type: ignore[valid-type]
    research_interests: Paragraph(5000)  # type: ignore[valid-type]
    skills: TermList = []
    languages: Annotated[list[str], Field(max_length=8)] = ["zh"]
    availability: Availability = Availability.available
    max_concurrent_challenges: int = Field(default=2, ge=0, le=10)
    employer_enterprise_id: Id | None = Field(default=None, description="never teamed for its calls")

    _check_email = field_validator("email")(_email)
    _check_languages = field_validator("languages")(_languages)


class PostdocCreate(PostdocBase):
    publications: Annotated[list[PublicationCreate], Field(max_length=200)] = []


class PostdocUpdate(InputModel):
    """Partial update; ``publications``, when given, replaces the whole list."""

    name: Line(100) | None = None  # type: ignore[valid-type]
    email: Line(254) | None = None  # type: ignore[valid-type]
    station_id: Id | None = None
    discipline: Line(100) | None = None  # type: ignore[valid-type]
    research_interests: Paragraph(5000) | None = None  # type: ignore[valid-type]
    skills: TermList | None = None
    languages: Annotated[list[str], Field(max_length=8)] | None = None
    availability: Availability | None = None
    max_concurrent_challenges: int | None = Field(default=None, ge=0, le=10)
    employer_enterprise_id: Id | None = None
    publications: Annotated[list[PublicationCreate], Field(max_length=200)] | None = None

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str | None) -> str | None:
        return None if value is None else _email(value)

    @field_validator("languages")
    @classmethod
    def _check_languages(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _languages(value)


class PostdocSummary(PublicModel):
    id: int
    name: str
    discipline: str
    availability: Availability
    languages: list[str]
    station: StationRef | None


class PostdocPublic(PostdocSummary):
    email: str
    station_id: int | None
    research_interests: str
    skills: list[str]
    max_concurrent_challenges: int
    employer_enterprise_id: int | None
    publications: list[PublicationPublic]
    created_at: datetime
    updated_at: datetime
