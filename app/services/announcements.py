"""What an enterprise hears about its challenges, in the caller's transaction: notifications
(and their emails) for its accounts and the events for its webhooks."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services.notifications import (
    Message,
    challenge_target,
    enterprise_accounts,
    notify,
    postdoc_accounts,
)
from app.services.webhooks import queue_event
from models import Application, Challenge, MatchEntry, WebhookEvent

__all__ = ["match_list_approved", "team_applied"]


def match_list_approved(session: Session, challenge: Challenge, approved: list[MatchEntry]) -> None:
    """HR approved ``approved`` (newly) on the challenge's list: the people, the enterprise and
    its webhooks are told once per decision."""
    if not approved:
        return
    title = challenge.title
    for entry in approved:
        notify(
            session,
            postdoc_accounts(session, [entry.postdoc_id]),
            "approved",
            Message(f"您已入选难题《{title}》的对接名单", f"You were approved for “{title}”"),
            challenge_target(challenge.id),
        )
    n = len(approved)
    notify(
        session,
        enterprise_accounts(session, challenge.enterprise_id),
        "list_approved",
        Message(f"《{title}》的对接名单已批准 {n} 人", f"{n} approved on the match list for “{title}”"),
        challenge_target(challenge.id),
    )
    people = [{"entry_id": e.id, "postdoc_id": e.postdoc_id, "name": e.postdoc.name} for e in approved]
    data = {"challenge": {"id": challenge.id, "title": title}, "approved": people}
    queue_event(session, challenge.enterprise_id, WebhookEvent.match_list_approved, data)


def team_applied(session: Session, challenge: Challenge, application: Application) -> None:
    """A team applied: the enterprise's accounts and webhooks are told."""
    title = challenge.title
    notify(
        session,
        enterprise_accounts(session, challenge.enterprise_id),
        "application",
        Message(f"新的揭榜申请：《{title}》", f"New application for “{title}”"),
        challenge_target(challenge.id),
    )
    data = {
        "challenge": {"id": challenge.id, "title": title},
        "application": {"id": application.id, "team_size": len(application.members)},
    }
    queue_event(session, challenge.enterprise_id, WebhookEvent.application_created, data)
