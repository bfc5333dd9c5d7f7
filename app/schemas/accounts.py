from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from app.schemas.common import Id, InputModel, Line, PublicModel
from app.validators import email_problem
from models import Role


def _email(value: str) -> str:
    problem = email_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# Notifications and emails go out in this one language (app/services/notifications.py).
MessageLanguage = Annotated[Literal["zh", "en"], Field(description="language of notifications and emails")]


class AccountCreate(InputModel):
    email: Annotated[Line(254), AfterValidator(_email)]  # type: ignore[valid-type]
    name: Line(100)  # type: ignore[valid-type]
    role: Role
    password: str | None = Field(default=None, min_length=10, max_length=200)
    enterprise_id: Id | None = None
    postdoc_id: Id | None = None
    language: MessageLanguage = "zh"


class AccountUpdateMe(InputModel):
    language: MessageLanguage


class AccountPublic(PublicModel):
    id: int
    email: str
    name: str
    role: Role
    enterprise_id: int | None
    postdoc_id: int | None
    language: str = Field(description="the language of this account's notifications and emails")
    created_at: datetime


class ApiKeyCreate(InputModel):
    name: Line(100)  # type: ignore[valid-type]


class ApiKeyPublic(PublicModel):
    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyIssued(ApiKeyPublic):
    token: str = Field(description="shown once; only its sha256 is stored")


__all__ = [
    "AccountCreate",
    "AccountPublic",
    "AccountUpdateMe",
    "ApiKeyCreate",
    "ApiKeyIssued",
    "ApiKeyPublic",
    "MessageLanguage",
]
