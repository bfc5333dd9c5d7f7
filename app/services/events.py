"""Matchmaking events (产才对接): the lifecycle, registration, interest, conflicts and meetings.

One transaction per use-case. Status: draft → registration → scheduled (published) → held →
closed. Participants register themselves (postdoc and enterprise accounts) or HR registers them;
who may see and change what is decided here (``can_see_event``, ``owns``). Solving and
suggestions live in ``app.services.event_planning``, meetings in ``app.services.event_meetings``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.config import Settings
from app.errors import Conflict, Forbidden, InvalidInput, InvalidTransition
from app.schemas.events import (
    ConflictCreate,
    EventCreate,
    EventUpdate,
    ParticipantCreate,
    ParticipantUpdate,
)
from app.services.common import apply_changes, commit, refuse_nulls
from app.services.notifications import Message, enterprise_accounts, notify, postdoc_accounts
from models import (
    EVENT_TRANSITIONS,
    Account,
    Challenge,
    Enterprise,
    Event,
    EventConflict,
    EventParticipant,
    EventStatus,
    Interest,
    Meeting,
    MeetingRequest,
    ParticipantKind,
    Postdoc,
    Role,
)

OPEN_FOR_SIGN_UP = (EventStatus.draft, EventStatus.registration, EventStatus.scheduled)


# --- who sees what ---------------------------------------------------------------------------


def can_see_event(account: Account, event: Event) -> bool:
    """HR and admin see every event; others see events once registration opens."""
    return account.sees_everything or event.status != EventStatus.draft


def owns(account: Account, participant: EventParticipant) -> bool:
    """Whether ``account`` acts for ``participant`` (HR acts for everyone)."""
    if account.sees_everything:
        return True
    if account.role == Role.postdoc:
        return participant.postdoc_id is not None and participant.postdoc_id == account.postdoc_id
    if account.role == Role.enterprise:
        return participant.enterprise_id is not None and participant.enterprise_id == account.enterprise_id
    return False


def can_see_meeting(account: Account, meeting: Meeting) -> bool:
    return owns(account, meeting.postdoc) or owns(account, meeting.enterprise)


# --- events ----------------------------------------------------------------------------------


def create_event(session: Session, settings: Settings, data: EventCreate) -> Event:
    values = data.model_dump()
    values["venue"] = values["venue"] or ""
    if values["max_meetings_per_postdoc"] is None:
        values["max_meetings_per_postdoc"] = settings.event_max_meetings_per_postdoc
    if values["min_meetings_per_enterprise"] is None:
        values["min_meetings_per_enterprise"] = settings.event_min_meetings_per_enterprise
    event = Event(**_in_utc(values))
    session.add(event)
    commit(session)
    return event


def list_events(session: Session, account: Account) -> list[Event]:
    query = select(Event).order_by(Event.starts_at.desc(), Event.id.desc())
    if not account.sees_everything:
        query = query.where(Event.status != EventStatus.draft)
    return list(session.scalars(query.limit(200)))


def update_event(session: Session, event: Event, data: EventUpdate) -> Event:
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(changes, nullable=frozenset({"registration_deadline"}))
    if "slot_count" in changes and changes["slot_count"] < _slots_in_use(session, event):
        raise Conflict("meetings use later slots: move or remove them first", field="slot_count")
    apply_changes(event, _in_utc(changes))
    commit(session)
    return event


def _in_utc(values: dict) -> dict:
    """Times are stored in UTC (SQLite keeps no offset); a time without an offset is UTC."""
    for key in ("starts_at", "registration_deadline"):
        if values.get(key) is not None:
            values[key] = as_utc(values[key])
    return values


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local_clock(moment: datetime, zone: ZoneInfo) -> str:
    """``moment`` as the programme reads it: ``2026-12-10 09:00`` in ``zone``."""
    return as_utc(moment).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _slots_in_use(session: Session, event: Event) -> int:
    used = session.scalars(select(Meeting.slot).where(Meeting.event_id == event.id))
    return max((s + 1 for s in used), default=0)


def transition_event(session: Session, event: Event, target: EventStatus) -> Event:
    if target not in EVENT_TRANSITIONS[event.status]:
        raise InvalidTransition(f"an event cannot go from {event.status.value} to {target.value}")
    event.status = target
    if target == EventStatus.scheduled:
        _tell_participants(session, event, "published")
    commit(session)
    return event


def _tell_participants(session: Session, event: Event, what: str) -> None:
    """Notify everyone with a meeting that the timetable was published or changed."""
    text = {
        "published": Message(
            f"活动《{event.title}》的会谈日程已发布", f"The timetable of “{event.title}” is out"
        ),
        "changed": Message(
            f"活动《{event.title}》的会谈日程有变化", f"The timetable of “{event.title}” changed"
        ),
    }[what]
    accounts: dict[int, Account] = {}
    for p in participants(session, event):
        found = (
            postdoc_accounts(session, [p.postdoc_id])
            if p.postdoc_id
            else enterprise_accounts(session, p.enterprise_id or 0)
        )
        accounts.update({a.id: a for a in found})
    notify(session, list(accounts.values()), f"event_{what}", text, f"/ui/events/{event.id}/mine")


def tell_schedule_changed(session: Session, event: Event) -> None:
    """In the caller's transaction: a published timetable changed."""
    if event.status == EventStatus.scheduled:
        _tell_participants(session, event, "changed")


def slot_start(event: Event, slot: int) -> datetime:
    return as_utc(event.starts_at) + timedelta(minutes=event.slot_minutes * slot)


# --- participants ----------------------------------------------------------------------------


def participants(session: Session, event: Event) -> list[EventParticipant]:
    query = (
        select(EventParticipant)
        .where(EventParticipant.event_id == event.id)
        .options(
            selectinload(EventParticipant.postdoc),
            selectinload(EventParticipant.enterprise),
            selectinload(EventParticipant.challenges),
        )
        .order_by(EventParticipant.kind, EventParticipant.id)
    )
    return list(session.scalars(query))


def my_participants(session: Session, account: Account, event: Event) -> list[EventParticipant]:
    return [p for p in participants(session, event) if owns(account, p) and not account.sees_everything]


def register(session: Session, actor: Account, event: Event, data: ParticipantCreate) -> EventParticipant:
    """Sign ``actor`` (or, for HR, the postdoc or enterprise named) up for ``event``."""
    _check_sign_up(actor, event)
    kind, owner_id = _who(actor, data)
    column = (
        EventParticipant.postdoc_id if kind == ParticipantKind.postdoc else EventParticipant.enterprise_id
    )
    taken = select(EventParticipant.id).where(EventParticipant.event_id == event.id, column == owner_id)
    if session.scalar(taken) is not None:
        raise Conflict(f"this {kind.value} is already registered for the event", field=f"{kind.value}_id")
    _check_owner(session, kind, owner_id)
    participant = EventParticipant(
        event_id=event.id,
        kind=kind,
        postdoc_id=owner_id if kind == ParticipantKind.postdoc else None,
        enterprise_id=owner_id if kind == ParticipantKind.enterprise else None,
        slots=_slots(event, data.slots),
        tables=data.tables if kind == ParticipantKind.enterprise else 1,
        registered_by=actor.id,
    )
    participant.challenges = _challenges(session, participant, data.challenge_ids)
    session.add(participant)
    commit(session)
    return participant


def _check_sign_up(actor: Account, event: Event) -> None:
    if event.status not in OPEN_FOR_SIGN_UP:
        raise InvalidTransition(f"registration is closed (the event is {event.status.value})")
    if actor.sees_everything:
        return
    if event.status != EventStatus.registration:
        raise InvalidTransition("registration is not open")
    deadline = event.registration_deadline
    if deadline is not None and (
        deadline if deadline.tzinfo else deadline.replace(tzinfo=UTC)
    ) < datetime.now(UTC):
        raise InvalidTransition("the registration deadline has passed")


def _who(actor: Account, data: ParticipantCreate) -> tuple[ParticipantKind, int]:
    if actor.sees_everything:
        if data.postdoc_id is not None:
            return ParticipantKind.postdoc, data.postdoc_id
        if data.enterprise_id is not None:
            return ParticipantKind.enterprise, data.enterprise_id
        raise InvalidInput("name the postdoc_id or enterprise_id to register", field="postdoc_id")
    own = actor.postdoc_id if actor.role == Role.postdoc else actor.enterprise_id
    named = data.postdoc_id if actor.role == Role.postdoc else data.enterprise_id
    other = data.enterprise_id if actor.role == Role.postdoc else data.postdoc_id
    if own is None or other is not None or named not in (None, own):
        raise Forbidden("you can register only yourself")
    kind = ParticipantKind.postdoc if actor.role == Role.postdoc else ParticipantKind.enterprise
    return kind, own


def _check_owner(session: Session, kind: ParticipantKind, owner_id: int) -> None:
    model = Postdoc if kind == ParticipantKind.postdoc else Enterprise
    if session.get(model, owner_id) is None:
        raise InvalidInput(f"{kind.value} {owner_id} does not exist", field=f"{kind.value}_id")


def _slots(event: Event, slots: list[int] | None) -> list[int]:
    if slots is None:
        return list(range(event.slot_count))
    outside = [s for s in slots if s >= event.slot_count]
    if outside:
        raise InvalidInput(f"the event has slots 0–{event.slot_count - 1}", field="slots")
    return sorted(set(slots))


def _challenges(session: Session, participant: EventParticipant, ids: list[int]) -> list[Challenge]:
    if ids and participant.kind != ParticipantKind.enterprise:
        raise InvalidInput("only enterprises bring challenges", field="challenge_ids")
    found = list(session.scalars(select(Challenge).where(Challenge.id.in_(ids))))
    mine = [c for c in found if c.enterprise_id == participant.enterprise_id]
    if len(mine) != len(set(ids)):
        raise InvalidInput("challenge_ids must name this enterprise's own challenges", field="challenge_ids")
    return mine


def update_participant(
    session: Session, participant: EventParticipant, data: ParticipantUpdate
) -> EventParticipant:
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(changes)
    if "slots" in changes:
        participant.slots = _slots(participant.event, changes["slots"])
    if "tables" in changes and participant.kind == ParticipantKind.enterprise:
        participant.tables = changes["tables"]
    if "challenge_ids" in changes:
        participant.challenges = _challenges(session, participant, changes["challenge_ids"])
    commit(session)
    return participant


def remove_participant(session: Session, participant: EventParticipant) -> None:
    event = participant.event
    had_meetings = session.scalar(
        select(Meeting.id).where(
            (Meeting.postdoc_participant_id == participant.id)
            | (Meeting.enterprise_participant_id == participant.id)
        )
    )
    session.delete(participant)
    if had_meetings:
        tell_schedule_changed(session, event)
    commit(session)


# --- interest and conflicts ------------------------------------------------------------------


def set_interest(
    session: Session, participant: EventParticipant, target_id: int, interest: Interest | None
) -> None:
    """``participant``'s answer about meeting ``target_id`` (None withdraws it)."""
    target = session.get(EventParticipant, target_id)
    if target is None or target.event_id != participant.event_id or target.kind == participant.kind:
        raise InvalidInput(
            "name a participant of the other side of this event", field="target_participant_id"
        )
    row = session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.from_participant_id == participant.id,
            MeetingRequest.to_participant_id == target_id,
        )
    )
    if interest is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            MeetingRequest(
                event_id=participant.event_id,
                from_participant_id=participant.id,
                to_participant_id=target_id,
                interest=interest,
            )
        )
    else:
        row.interest = interest
    commit(session)


def interests(session: Session, event: Event) -> dict[tuple[int, int], Interest]:
    """(from participant, to participant) → answer."""
    rows = session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id))
    return {(r.from_participant_id, r.to_participant_id): r.interest for r in rows}


def add_conflict(session: Session, event: Event, data: ConflictCreate) -> EventConflict:
    postdoc, enterprise = (
        participant_of(session, event, data.postdoc_participant_id, ParticipantKind.postdoc),
        participant_of(session, event, data.enterprise_participant_id, ParticipantKind.enterprise),
    )
    row = EventConflict(
        event_id=event.id,
        postdoc_participant_id=postdoc.id,
        enterprise_participant_id=enterprise.id,
        reason=data.reason or "",
    )
    session.add(row)
    commit(session)
    return row


def conflicts(session: Session, event: Event) -> set[tuple[int, int]]:
    rows = session.scalars(select(EventConflict).where(EventConflict.event_id == event.id))
    return {(r.postdoc_participant_id, r.enterprise_participant_id) for r in rows}


def participant_of(session: Session, event: Event, pid: int, kind: ParticipantKind) -> EventParticipant:
    participant = session.get(EventParticipant, pid)
    if participant is None or participant.event_id != event.id or participant.kind != kind:
        raise InvalidInput(
            f"participant {pid} is not a {kind.value} of this event", field=f"{kind.value}_participant_id"
        )
    return participant


__all__ = [
    "OPEN_FOR_SIGN_UP",
    "add_conflict",
    "as_utc",
    "can_see_event",
    "can_see_meeting",
    "conflicts",
    "create_event",
    "interests",
    "list_events",
    "local_clock",
    "my_participants",
    "owns",
    "participant_of",
    "participants",
    "register",
    "remove_participant",
    "set_interest",
    "slot_start",
    "tell_schedule_changed",
    "transition_event",
    "update_event",
    "update_participant",
]
