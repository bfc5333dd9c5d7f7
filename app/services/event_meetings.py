"""Meetings of an event: the timetable as stored, hand placement by HR (move, lock, add,
remove) under the same hard rules as the solver, and outcomes after the event."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import Conflict, InvalidInput
from app.schemas.events import MeetingCreate, MeetingUpdate
from app.services.common import commit
from app.services.events import can_see_meeting, participant_of, slot_start, tell_schedule_changed
from models import Account, Event, EventParticipant, Meeting, ParticipantKind

# --- meetings --------------------------------------------------------------------------------


def meetings(session: Session, event: Event, account: Account | None = None) -> list[Meeting]:
    """The event's meetings in slot and table order (only the caller's own, unless HR)."""
    query = (
        select(Meeting)
        .where(Meeting.event_id == event.id)
        .options(
            selectinload(Meeting.postdoc).selectinload(EventParticipant.postdoc),
            selectinload(Meeting.enterprise).selectinload(EventParticipant.enterprise),
        )
        .order_by(Meeting.slot, Meeting.table)
    )
    rows = list(session.scalars(query))
    return rows if account is None else [m for m in rows if can_see_meeting(account, m)]


def add_meeting(session: Session, event: Event, data: MeetingCreate) -> Meeting:
    """HR places a meeting by hand; it is locked, so a re-run keeps it."""
    postdoc = participant_of(session, event, data.postdoc_participant_id, ParticipantKind.postdoc)
    enterprise = participant_of(session, event, data.enterprise_participant_id, ParticipantKind.enterprise)
    meeting = Meeting(
        event_id=event.id,
        postdoc_participant_id=postdoc.id,
        enterprise_participant_id=enterprise.id,
        slot=data.slot,
        table=data.table,
        locked=True,
    )
    meeting.postdoc, meeting.enterprise = postdoc, enterprise
    _check_place(session, event, meeting, data.slot, data.table)
    session.add(meeting)
    tell_schedule_changed(session, event)
    commit(session)
    return meeting


def update_meeting(session: Session, meeting: Meeting, data: MeetingUpdate) -> Meeting:
    """Move (the meeting is then locked where HR put it), lock or unlock, record the outcome."""
    changes = data.model_dump(exclude_unset=True)
    slot, table = changes.get("slot", meeting.slot), changes.get("table", meeting.table)
    moved = (slot, table) != (meeting.slot, meeting.table)
    if moved:
        _check_place(session, meeting.event, meeting, slot, table)
        meeting.slot, meeting.table, meeting.locked = slot, table, True
    if changes.get("locked") is not None:
        meeting.locked = changes["locked"]
    if "outcome" in changes:
        meeting.outcome = changes["outcome"]
    if moved:
        tell_schedule_changed(session, meeting.event)
    commit(session)
    return meeting


def delete_meeting(session: Session, meeting: Meeting) -> None:
    event = meeting.event
    session.delete(meeting)
    tell_schedule_changed(session, event)
    commit(session)


def _check_place(session: Session, event: Event, meeting: Meeting, slot: int, table: int) -> None:
    """A hand-placed meeting keeps the hard rules: grid, availability, nobody booked twice."""
    if slot >= event.slot_count or table >= event.table_count:
        raise InvalidInput(
            f"slots are 0–{event.slot_count - 1}, tables 0–{event.table_count - 1}", field="slot"
        )
    for side in (meeting.postdoc, meeting.enterprise):
        if slot not in side.slots:
            raise Conflict(f"{side.label} cannot attend slot {slot + 1}", field="slot")
    others = [m for m in meetings(session, event) if m.id != meeting.id and m.slot == slot]
    if any(m.table == table for m in others):
        raise Conflict(f"table {table + 1} is taken in slot {slot + 1}", field="table")
    if any(m.postdoc_participant_id == meeting.postdoc_participant_id for m in others):
        raise Conflict(f"{meeting.postdoc.label} already has a meeting in slot {slot + 1}", field="slot")
    busy = sum(1 for m in others if m.enterprise_participant_id == meeting.enterprise_participant_id)
    if busy >= meeting.enterprise.tables:
        raise Conflict(f"{meeting.enterprise.label} has no free table in slot {slot + 1}", field="slot")
    same = (meeting.postdoc_participant_id, meeting.enterprise_participant_id)
    pairs = {
        (m.postdoc_participant_id, m.enterprise_participant_id)
        for m in meetings(session, event)
        if m.id != meeting.id
    }
    if same in pairs:
        raise Conflict("these two already meet", field="enterprise_participant_id")


def meeting_view(meeting: Meeting) -> dict:
    """A meeting with both names and its start time (for responses and pages)."""
    return {
        "id": meeting.id,
        "event_id": meeting.event_id,
        "postdoc_participant_id": meeting.postdoc_participant_id,
        "enterprise_participant_id": meeting.enterprise_participant_id,
        "postdoc": meeting.postdoc.label,
        "enterprise": meeting.enterprise.label,
        "slot": meeting.slot,
        "table": meeting.table,
        "starts_at": slot_start(meeting.event, meeting.slot),
        "locked": meeting.locked,
        "score": meeting.score,
        "outcome": meeting.outcome,
    }


__all__ = ["add_meeting", "delete_meeting", "meeting_view", "meetings", "update_meeting"]
