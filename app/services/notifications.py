"""Notifications: a row per event shown in the UI, and a sender (email/webhook) behind an interface.

A notification names what it is about as a *target* (``challenge:12``, ``applications``), not
a URL: the web UI turns targets into links (app/ui/links.py). The default sender writes to the
log (an outbox); a deployment plugs in its own ``Sender``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.matching.candidates import rank_candidates
from app.matching.filters import PostdocFilters
from app.matching.view import SearchView
from app.services.common import commit
from models import Account, Challenge, ChallengeStatus, Notification, Role
from models.base import utcnow

__all__ = [
    "ANNOUNCE_MIN_SHARE_OF_BEST",
    "ANNOUNCE_TOP",
    "LogSender",
    "Sender",
    "announce_challenge",
    "applications_target",
    "challenge_target",
    "enterprise_accounts",
    "list_notifications",
    "mark_read",
    "notify",
    "postdoc_accounts",
    "set_sender",
    "unread_count",
]

log = logging.getLogger(__name__)


class Sender(Protocol):
    def send(self, account: Account, notification: Notification) -> None: ...


class LogSender:
    """Writes each message to the ``jiebang.outbox`` log; stands in for email or a webhook."""

    def __init__(self) -> None:
        self.outbox = logging.getLogger("jiebang.outbox")

    def send(self, account: Account, notification: Notification) -> None:
        self.outbox.info(
            "to %s [%s] %s %s", account.email, notification.kind, notification.message, notification.link
        )


_sender: Sender = LogSender()


def set_sender(sender: Sender) -> Sender:
    """Install another sender (returns the previous one)."""
    global _sender
    previous, _sender = _sender, sender
    return previous


def challenge_target(challenge_id: int) -> str:
    return f"challenge:{challenge_id}"


def applications_target() -> str:
    return "applications"


def notify(session: Session, accounts: list[Account], kind: str, message: str, target: str = "") -> None:
    """Add a notification for each account in the caller's transaction and hand it to the sender;
    ``target`` names what it is about (``challenge_target``), stored in the ``link`` column."""
    for account in accounts:
        row = Notification(account_id=account.id, kind=kind, message=message[:500], link=target)
        session.add(row)
        _sender.send(account, row)
        row.sent_at = utcnow()


def postdoc_accounts(session: Session, postdoc_ids: list[int]) -> list[Account]:
    if not postdoc_ids:
        return []
    query = select(Account).where(Account.role == Role.postdoc, Account.postdoc_id.in_(postdoc_ids))
    return list(session.scalars(query.order_by(Account.id)))


def enterprise_accounts(session: Session, enterprise_id: int) -> list[Account]:
    query = select(Account).where(Account.role == Role.enterprise, Account.enterprise_id == enterprise_id)
    return list(session.scalars(query.order_by(Account.id)))


def list_notifications(session: Session, account: Account, *, limit: int, offset: int) -> list[Notification]:
    query = select(Notification).where(Notification.account_id == account.id).order_by(Notification.id.desc())
    return list(session.scalars(query.limit(limit).offset(offset)))


def unread_count(session: Session, account: Account) -> int:
    query = select(Notification.id).where(
        Notification.account_id == account.id, Notification.read_at.is_(None)
    )
    return len(list(session.scalars(query.limit(100))))


def mark_read(session: Session, account: Account, notification_id: int) -> Notification:
    row = session.get(Notification, notification_id)
    if row is None or row.account_id != account.id:
        raise NotFound(f"notification {notification_id} not found")
    if row.read_at is None:
        row.read_at = utcnow()
        commit(session)
    return row


ANNOUNCE_TOP = 5  # postdocs told about a newly published challenge
# ... and only those close to the best match: every cosine is a little above zero, so "score > 0"
# would announce a battery challenge to a classical-literature postdoc in a small pool.
ANNOUNCE_MIN_SHARE_OF_BEST = 0.5


def announce_challenge(
    sessions: Callable[[], Session], view: Callable[[], SearchView], challenge_id: int
) -> None:
    """Tell the best-matching postdocs (those with accounts) about a newly published challenge.

    A background job: it runs after the response that published the challenge, in a session
    of its own, with a search view taken when it starts (which includes the new challenge)."""
    with sessions() as session:
        challenge = session.get(Challenge, challenge_id)
        has_postdoc_accounts = select(Account.id).where(Account.role == Role.postdoc).limit(1)
        if challenge is None or challenge.status != ChallengeStatus.open:
            return
        if session.scalar(has_postdoc_accounts) is None:
            return
        page = rank_candidates(session, view(), challenge, PostdocFilters(), limit=ANNOUNCE_TOP, offset=0)
        best = max((item.score for item in page.items), default=0.0)
        floor = ANNOUNCE_MIN_SHARE_OF_BEST * best
        chosen = [i.postdoc.id for i in page.items if i.score > 0 and i.score >= floor]
        title = challenge.title
        notify(
            session,
            postdoc_accounts(session, chosen),
            "recommendation",
            f"新的推荐难题：《{title}》 / New recommended challenge: “{title}”",
            challenge_target(challenge.id),
        )
        commit(session)
