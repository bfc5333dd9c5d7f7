"""Sign-in throttling and server-side web sessions, both held in the database so that every
worker and replica sees the same counts and the same sessions.

Throttling counts failed sign-ins per email (known or not, so a lockout says nothing about
whether an account exists): ``max_failures`` within ``window_s`` lock the email for
``lockout_s``, during which even the right password is refused. A success clears the count.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import TooManyAttempts
from app.security import token_digest
from models import SignInThrottle, WebSession
from models.base import utcnow

__all__ = [
    "SignInLimits",
    "account_of_session",
    "check_not_locked",
    "end_session",
    "record_failure",
    "record_success",
    "start_session",
]


@dataclass(frozen=True)
class SignInLimits:
    max_failures: int
    window_s: int
    lockout_s: int

    @classmethod
    def from_settings(cls, settings: Settings) -> SignInLimits:
        return cls(settings.sign_in_max_failures, settings.sign_in_window_s, settings.sign_in_lockout_s)


DEFAULT_LIMITS = SignInLimits(
    *(Settings.model_fields[f"sign_in_{n}"].default for n in ("max_failures", "window_s", "lockout_s"))
)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def check_not_locked(session: Session, email: str) -> None:
    """Raise TooManyAttempts while ``email`` is locked."""
    row = session.get(SignInThrottle, email)
    if row is None or row.locked_until is None:
        return
    left = (_aware(row.locked_until) - utcnow()).total_seconds()
    if left > 0:
        minutes = max(1, round(left / 60))
        raise TooManyAttempts(
            f"登录失败次数过多，该账号已暂时锁定，请 {minutes} 分钟后再试。"
            f" Too many failed sign-ins: this account is locked; try again in {minutes} minutes.",
            retry_after_s=int(left) + 1,
        )


def record_failure(session: Session, email: str, limits: SignInLimits) -> None:
    """Count one failed sign-in for ``email`` (atomically, whoever else counts at the same time)."""
    now = utcnow()
    window_open = now - timedelta(seconds=limits.window_s)
    if not _bump(session, email, window_open):
        _start_window(session, email, now, window_open)
    row = session.get(SignInThrottle, email)
    if row is not None and row.failures >= limits.max_failures:
        row.locked_until = now + timedelta(seconds=limits.lockout_s)
        row.failures = 0
        row.window_start = now
    session.commit()


def _bump(session: Session, email: str, window_open: datetime) -> bool:
    result = session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.email == email, SignInThrottle.window_start > window_open)
        .values(failures=SignInThrottle.failures + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _start_window(session: Session, email: str, now: datetime, window_open: datetime) -> None:
    row = session.get(SignInThrottle, email)
    if row is not None:  # the window had closed: count afresh
        row.failures, row.window_start = 1, now
        session.flush()
        return
    try:
        with session.begin_nested():
            session.add(SignInThrottle(email=email, failures=1, window_start=now))
    except IntegrityError:  # another worker inserted it meanwhile
        _bump(session, email, window_open)
    session.expire_all()


def record_success(session: Session, email: str) -> None:
    session.execute(delete(SignInThrottle).where(SignInThrottle.email == email))
    session.commit()


def start_session(session: Session, account_id: int, max_age_s: int) -> str:
    """A new session for ``account_id``; returns the id the cookie carries (only its sha256 is
    stored). Sessions past their expiry are removed on the way."""
    now = utcnow()
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            id_sha256=token_digest(token),
            account_id=account_id,
            created_at=now,
            expires_at=now + timedelta(seconds=max_age_s),
        )
    )
    session.commit()
    return token


def account_of_session(session: Session, token: str) -> int | None:
    """The account of a live session id; None when it is unknown, ended or expired."""
    row = session.scalar(select(WebSession).where(WebSession.id_sha256 == token_digest(token)))
    if row is None or _aware(row.expires_at) <= utcnow():
        return None
    return row.account_id


def end_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.id_sha256 == token_digest(token)))
    session.commit()
