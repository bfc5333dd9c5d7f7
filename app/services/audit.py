"""The audit log: every review and application decision, with the state before and after."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Account, AuditEntry

__all__ = ["challenge_log", "record"]


def record(
    session: Session,
    actor: Account,
    action: str,
    obj: object,
    *,
    challenge_id: int | None,
    before: dict | None,
    after: dict | None,
) -> None:
    """Add an audit row in the caller's transaction (committed with the change it describes)."""
    session.add(
        AuditEntry(
            account_id=actor.id,
            action=action,
            object_type=type(obj).__tablename__,  # type: ignore[attr-defined]
            object_id=obj.id,  # type: ignore[attr-defined]
            challenge_id=challenge_id,
            before=before,
            after=after,
        )
    )


def challenge_log(session: Session, challenge_id: int, *, limit: int, offset: int) -> list[AuditEntry]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.challenge_id == challenge_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query))
