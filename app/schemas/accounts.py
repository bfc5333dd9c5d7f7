from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.schemas.common import Id, InputModel, Line, PublicModel
from models import Role


class AccountCreate(InputModel):
    email: Line(254)  # type: ignore[valid-type]
    name: Line(100)  # type: ignore[valid-type]
    role: Role
    password: str | None = Field(default=None, min_length=10, max_length=200)
    enterprise_id: Id | None = None
    postdoc_id: Id | None = None


class AccountPublic(PublicModel):
    id: int
    email: str
    name: str
    role: Role
    enterprise_id: int | None
    postdoc_id: int | None
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


__all__ = ["AccountCreate", "AccountPublic", "ApiKeyCreate", "ApiKeyIssued", "ApiKeyPublic"]
