"""The demo event of ``jiebang demo``: an 产才对接 fair over the demo data, scheduled once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.matching.view import SearchView
from app.schemas.events import EventCreate
from app.services import event_planning
from app.services.common import commit
from app.services.events import create_event
from models import Challenge, ChallengeStatus, Event, EventParticipant, EventStatus, ParticipantKind, Postdoc

DEMO_TITLE = "青岛博士后产才对接会（演示）"
DEMO_ENTERPRISES = 10
DEMO_POSTDOCS = 36


def ensure_demo_event(session: Session, view: SearchView, settings: Settings) -> Event | None:
    """Create, fill and schedule the demo event unless it exists (None when it did)."""
    if session.scalar(select(Event.id).where(Event.title == DEMO_TITLE)) is not None:
        return None
    data = EventCreate(
        title=DEMO_TITLE,
        starts_at=datetime(2026, 12, 10, 1, 0, tzinfo=UTC),  # 09:00 in Qingdao
        venue="青岛国际会展中心 B 馆",
        slot_count=8,
        table_count=10,
        slot_minutes=20,
    )
    event = create_event(session, settings, data)
    _register(session, event)
    event.status = EventStatus.registration
    commit(session)
    event_planning.run_schedule(session, view, settings, event)
    return event


def _register(session: Session, event: Event) -> None:
    """Enterprises with open challenges (bringing them) and the first postdocs, all slots."""
    open_calls = session.scalars(
        select(Challenge).where(Challenge.status == ChallengeStatus.open).order_by(Challenge.id)
    )
    by_enterprise: dict[int, list[Challenge]] = {}
    for challenge in open_calls:
        by_enterprise.setdefault(challenge.enterprise_id, []).append(challenge)
    everyone = list(range(event.slot_count))
    for enterprise_id, challenges in list(by_enterprise.items())[:DEMO_ENTERPRISES]:
        participant = EventParticipant(
            event_id=event.id, kind=ParticipantKind.enterprise, enterprise_id=enterprise_id, slots=everyone
        )
        participant.challenges = challenges
        session.add(participant)
    for postdoc_id in session.scalars(select(Postdoc.id).order_by(Postdoc.id).limit(DEMO_POSTDOCS)):
        session.add(
            EventParticipant(
                event_id=event.id, kind=ParticipantKind.postdoc, postdoc_id=postdoc_id, slots=everyone
            )
        )


__all__ = ["DEMO_TITLE", "ensure_demo_event"]
