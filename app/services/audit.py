"""The audit log: every review and application decision, with the state before and after; read
back a page at a time with the actor's name and what each row is about."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.schemas.review import AuditEntryPublic
from models import Account, Application, AuditEntry, Challenge, MatchEntry, Postdoc

__all__ = ["ACTION_NAMES", "AuditPage", "AuditRow", "action_name", "audit_page", "challenge_log", "record"]

# What each audited action is called, in Chinese and English (the audit trail and its API).
ACTION_NAMES: dict[str, tuple[str, str]] = {
    "seed": ("按推荐列入名单", "put on the list from the ranking"),
    "add": ("手动添加", "added by hand"),
    "decide": ("审核决定", "decision"),
    "reorder": ("调整顺序", "reordered"),
    "apply": ("提交揭榜申请", "applied"),
    "confirm": ("确认加入团队", "confirmed membership"),
    "decline": ("拒绝加入团队", "declined membership"),
}


def action_name(action: str, lang: str) -> str:
    """The action as people call it in ``lang``; an action without a name keeps its code."""
    zh, en = ACTION_NAMES.get(action, (action, action))
    return en if lang == "en" else zh


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


def _where(challenge_id: int, action: str | None) -> list[ColumnElement[bool]]:
    where = [AuditEntry.challenge_id == challenge_id]
    return [*where, AuditEntry.action == action] if action else where


def challenge_log(
    session: Session, challenge_id: int, *, lang: str, limit: int, offset: int
) -> list[AuditEntryPublic]:
    """A page of a challenge's log, newest first (the API's rows), each with its actor's name
    and its action's name in ``lang``."""
    query = select(AuditEntry).where(*_where(challenge_id, None)).order_by(AuditEntry.id.desc())
    entries = list(session.scalars(query.limit(limit).offset(offset)))
    actors = _actor_names(session, entries)
    return [
        AuditEntryPublic.model_validate(e).model_copy(
            update={
                "actor_name": actors.get(e.account_id or 0, ""),
                "action_name": action_name(e.action, lang),
            }
        )
        for e in entries
    ]


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    actor: str  # the account's name; "" once the account is gone
    target: str  # the person on the list, an application's lead, the challenge's title; "" if gone


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]  # newest first
    total: int  # rows of the log that match the filter
    actions: list[str]  # every action this challenge's log holds (for the filter)


def audit_page(
    session: Session, challenge_id: int, *, action: str | None, limit: int, offset: int
) -> AuditPage:
    """One page of a challenge's log, newest first, optionally one ``action`` only."""
    where = _where(challenge_id, action)
    query = select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
    entries = list(session.scalars(query.limit(limit).offset(offset)))
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*where)) or 0
    actions = session.scalars(select(AuditEntry.action).where(*_where(challenge_id, None)).distinct())
    actors = _actor_names(session, entries)
    targets = _targets(session, entries)
    rows = [
        AuditRow(e, actors.get(e.account_id or 0, ""), targets.get((e.object_type, e.object_id), ""))
        for e in entries
    ]
    return AuditPage(rows=rows, total=total, actions=sorted(actions))


def _targets(session: Session, entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
    def ids(kind: str) -> set[int]:
        return {e.object_id for e in entries if e.object_type == kind}

    on_list = select(MatchEntry.id, Postdoc.name).join(Postdoc, Postdoc.id == MatchEntry.postdoc_id)
    leads = select(Application.id, Postdoc.name).join(Postdoc, Postdoc.id == Application.lead_postdoc_id)
    found: dict[tuple[str, int], str] = {}
    for kind, query, key in (
        ("match_entries", on_list, MatchEntry.id),
        ("applications", leads, Application.id),
        ("challenges", select(Challenge.id, Challenge.title), Challenge.id),
    ):
        wanted = ids(kind)
        if wanted:
            found |= {(kind, i): name for i, name in session.execute(query.where(key.in_(wanted)))}
    return found


def _actor_names(session: Session, entries: list[AuditEntry]) -> dict[int, str]:
    wanted = {e.account_id for e in entries if e.account_id}
    if not wanted:
        return {}
    rows = session.execute(select(Account.id, Account.name).where(Account.id.in_(wanted)))
    return {account_id: name for account_id, name in rows}
