"""Notifications: a row per event shown in the UI, in its recipient's language, and email.

A notification is written in the language of the account it goes to (``Account.language``),
never both at once. It names what it is about as a *target* (``challenge:12``,
``applications``), not a URL: the web UI turns targets into links (app/ui/links.py). Kinds in
``EMAIL_KINDS`` are also queued as email in the same transaction (sent after commit from the
delivery log, app/services/deliveries.py; nothing is queued while SMTP is off). Each message is
also handed to a ``Sender`` (the default writes the ``jiebang.outbox`` log).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.matching.candidates import rank_candidates
from app.matching.filters import PostdocFilters
from app.matching.view import SearchView
from app.services.common import commit
from app.services.deliveries import queue_email
from models import Account, Challenge, ChallengeStatus, Notification, Role
from models.base import utcnow

__all__ = [
    "ANNOUNCE_MIN_SHARE_OF_BEST",
    "ANNOUNCE_TOP",
    "EMAIL_KINDS",
    "LogSender",
    "Message",
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


@dataclass(frozen=True)
class Message:
    """One message in both languages; each recipient gets one of them."""

    zh: str
    en: str

    def in_(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


# Kinds that are also emailed: what asks the recipient to act or decides for them.
EMAIL_KINDS = frozenset({"team_invite", "application", "application_decision", "approved", "list_approved"})
_EMAIL_FOOTER = Message(
    zh="请登录揭榜平台查看详情。\n\n—— 揭榜 · 博士后与企业对接",
    en="Sign in to Jiebang to see the details.\n\n— Jiebang · postdoc–enterprise matching",
)


def notify(session: Session, accounts: list[Account], kind: str, message: Message, target: str = "") -> None:
    """Add a notification for each account, in its language, in the caller's transaction (and
    queue its email for ``EMAIL_KINDS``); ``target`` names what it is about
    (``challenge_target``), stored in the ``link`` column."""
    for account in accounts:
        text = message.in_(account.language)[:500]
        row = Notification(account_id=account.id, kind=kind, message=text, link=target)
        session.add(row)
        _sender.send(account, row)
        row.sent_at = utcnow()
        if kind in EMAIL_KINDS:
            body = f"{text}\n\n{_EMAIL_FOOTER.in_(account.language)}\n"
            queue_email(session, account, event=kind, subject=text, body=body)


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
            Message(f"新的推荐难题：《{title}》", f"New recommended challenge: “{title}”"),
            challenge_target(challenge.id),
        )
        commit(session)
