"""Accounts (web sign-in), their roles and tenant links, and API keys for enterprises' systems."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped, UTCDateTime
from models.domain import Enterprise, Postdoc, str_enum

__all__ = ["Account", "ApiKey", "Role", "SignInThrottle", "WebSession"]


class Role(enum.StrEnum):
    admin = "admin"  # everything, including accounts
    hr = "hr"  # programme staff: every challenge, match-list review
    enterprise = "enterprise"  # its own enterprise's challenges and their approved lists
    postdoc = "postdoc"  # its own profile, recommendations and applications


class Account(Timestamped, Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(str_enum(Role), index=True)
    # argon2 hash; None for an account that signs in only with API keys.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    enterprise_id: Mapped[int | None] = mapped_column(
        ForeignKey("enterprises.id", ondelete="CASCADE"), index=True
    )
    postdoc_id: Mapped[int | None] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8), default="zh")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    enterprise: Mapped[Enterprise | None] = relationship()
    postdoc: Mapped[Postdoc | None] = relationship()

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.admin, Role.hr)


class ApiKey(Base):
    """A bearer token; only its sha256 is stored, the token itself is shown once."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    account: Mapped[Account] = relationship()


class WebSession(Base):
    """A signed-in web session; the cookie carries a random id whose sha256 is this row's key.
    Signing out deletes the row, so a copied cookie stops working at once."""

    __tablename__ = "web_sessions"

    id_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class SignInThrottle(Base):
    """Failed sign-ins per email, in the database so every worker and replica counts the same."""

    __tablename__ = "sign_in_throttles"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
