"""Web pages for matchmaking events (产才对接).

HR: the event list and creation form; an event's page with its participants, the interest they
stated, the solver run with its diagnosis, and the timetable (slots × tables) where meetings are
moved, locked or removed. Postdocs and enterprises: registration, availability, suggestions
with reasons and their answers, and their own schedule (phone-width).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field

from app.api.deps import Id, SearchViewDep, SessionDep, SettingsDep
from app.config import Settings
from app.errors import Forbidden
from app.schemas.events import EventCreate, MeetingUpdate, ParticipantCreate, ParticipantUpdate
from app.services import event_exports, event_meetings, event_planning, tenancy
from app.services import events as service
from app.ui.i18n import language
from app.ui.routes import FormUser, WebUser, back, render
from models import (
    EVENT_TRANSITIONS,
    Account,
    Event,
    EventMode,
    EventParticipant,
    EventStatus,
    Interest,
    Meeting,
    MeetingOutcome,
    ParticipantKind,
)

router = APIRouter(prefix="/ui", include_in_schema=False)

SlotField = Annotated[int, Form(ge=0, le=199)]


def _staff(user: Account) -> None:
    if not user.sees_everything:
        raise Forbidden("this page is for HR staff")


def _event(session: SessionDep, user: WebUser, event_id: Id) -> Event:
    event = session.get(Event, event_id)
    if event is None or not service.can_see_event(user, event):
        raise tenancy.not_found("event", event_id)
    return event


def _participant(session: SessionDep, user: WebUser, participant_id: Id) -> EventParticipant:
    participant = session.get(EventParticipant, participant_id)
    if participant is None or not service.owns(user, participant):
        raise tenancy.not_found("participant", participant_id)
    return participant


def _meeting(session: SessionDep, user: WebUser, meeting_id: Id) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not service.can_see_meeting(user, meeting):
        raise tenancy.not_found("meeting", meeting_id)
    return meeting


VisibleEvent = Annotated[Event, Depends(_event)]
OwnParticipant = Annotated[EventParticipant, Depends(_participant)]
VisibleMeeting = Annotated[Meeting, Depends(_meeting)]


def _clock(settings: Settings):  # type: ignore[no-untyped-def]
    """Times as the event's people read them (``JIEBANG_EVENT_TIMEZONE``)."""
    zone = settings.event_zone
    return lambda moment: service.as_utc(moment).astimezone(zone)


@router.get("/events")
def events_page(request: Request, session: SessionDep, settings: SettingsDep, user: WebUser) -> HTMLResponse:
    events = service.list_events(session, user)
    stats = event_exports.programme_statistics(session) if user.sees_everything else None
    return render(
        request,
        "events.html",
        user,
        events=events,
        modes=list(EventMode),
        stats=stats,
        local=_clock(settings),
        zone=settings.event_timezone,
    )


@router.post("/events")
def create_event(
    session: SessionDep,
    settings: SettingsDep,
    user: FormUser,
    title: Annotated[str, Form(max_length=200)],
    starts_at: Annotated[datetime, Form()],
    venue: Annotated[str, Form(max_length=200)] = "",
    mode: Annotated[EventMode, Form()] = EventMode.offline,
    slot_minutes: Annotated[int, Form(ge=5, le=240)] = 20,
    slot_count: Annotated[int, Form(ge=1, le=200)] = 8,
    table_count: Annotated[int, Form(ge=1, le=500)] = 10,
) -> Response:
    _staff(user)
    zone = settings.event_zone
    data = EventCreate(
        title=title,
        starts_at=starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=zone),  # local time
        venue=venue or None,
        mode=mode,
        slot_minutes=slot_minutes,
        slot_count=slot_count,
        table_count=table_count,
    )
    event = service.create_event(session, settings, data)
    return back(f"/ui/events/{event.id}")


@router.get("/events/{event_id}")
def event_page(
    request: Request, session: SessionDep, settings: SettingsDep, user: WebUser, event: VisibleEvent
) -> Response:
    if not user.sees_everything:
        return back(f"/ui/events/{event.id}/mine")
    everyone = service.participants(session, event)
    meetings = event_meetings.meetings(session, event)
    return render(
        request,
        "event.html",
        user,
        event=event,
        participants=everyone,
        answers=_answer_counts(session, event),
        grid={(m.slot, m.table): m for m in meetings},
        meeting_count=len(meetings),
        local=_clock(settings),
        times=[_clock(settings)(service.slot_start(event, s)) for s in range(event.slot_count)],
        outcomes=list(MeetingOutcome),
        time_limit=f"{settings.event_solver_time_limit_s:g}",
        report=event_planning.report_in(event.solve_report, language(request)),
        next_statuses=sorted(EVENT_TRANSITIONS[event.status], key=list(EventStatus).index),
    )


def _answer_counts(session: SessionDep, event: Event) -> dict[int, Counter]:
    counts: dict[int, Counter] = {}
    for (source, _), interest in service.interests(session, event).items():
        counts.setdefault(source, Counter())[interest.value] += 1
    return counts


@router.post("/events/{event_id}/transition")
def transition(
    session: SessionDep, user: FormUser, event: VisibleEvent, status: Annotated[EventStatus, Form()]
) -> Response:
    _staff(user)
    service.transition_event(session, event, status)
    return back(f"/ui/events/{event.id}")


@router.post("/events/{event_id}/schedule")
def run_solver(
    session: SessionDep, view: SearchViewDep, settings: SettingsDep, user: FormUser, event: VisibleEvent
) -> Response:
    _staff(user)
    event_planning.run_schedule(session, view, settings, event)
    return back(f"/ui/events/{event.id}#timetable")


@router.post("/events/{event_id}/register")
def register(
    session: SessionDep,
    user: FormUser,
    event: VisibleEvent,
    postdoc_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
    enterprise_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
    tables: Annotated[int, Form(ge=1, le=20)] = 1,
) -> Response:
    """A participant signs itself up; HR signs up the postdoc or enterprise it names."""
    data = ParticipantCreate(postdoc_id=postdoc_id, enterprise_id=enterprise_id, tables=tables)
    service.register(session, user, event, data)
    return back(f"/ui/events/{event.id}" if user.sees_everything else f"/ui/events/{event.id}/mine")


@router.get("/events/{event_id}/mine")
def my_page(
    request: Request,
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: WebUser,
    event: VisibleEvent,
) -> HTMLResponse:
    """A participant's page: registration, availability, suggestions, and its schedule."""
    mine = service.my_participants(session, user, event)
    me = mine[0] if mine else None
    suggestions = event_planning.suggestions(session, view, settings, me) if me else []
    meetings = event_meetings.meetings(session, event, user) if me else []
    return render(
        request,
        "event_mine.html",
        user,
        event=event,
        me=me,
        can_register=me is None and event.status == EventStatus.registration and not user.sees_everything,
        suggestions=suggestions,
        meetings=[event_meetings.meeting_view(m) for m in meetings],
        local=_clock(settings),
        times=[_clock(settings)(service.slot_start(event, s)) for s in range(event.slot_count)],
        interests=list(Interest),
        Kind=ParticipantKind,
    )


@router.post("/event-participants/{participant_id}/slots")
def save_slots(
    session: SessionDep,
    user: FormUser,
    participant: OwnParticipant,
    slot: Annotated[list[Annotated[int, Field(ge=0, le=199)]] | None, Form(max_length=200)] = None,
) -> Response:
    """The availability form: one checkbox per slot (none ticked: no slot)."""
    service.update_participant(session, participant, ParticipantUpdate(slots=slot or []))
    return back(f"/ui/events/{participant.event_id}/mine")


@router.post("/event-participants/{participant_id}/interest")
def set_interest(
    session: SessionDep,
    user: FormUser,
    participant: OwnParticipant,
    target_participant_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    interest: Annotated[str, Form(pattern="^(must|like|no|none)$")],
) -> Response:
    answer = None if interest == "none" else Interest(interest)
    service.set_interest(session, participant, target_participant_id, answer)
    return back(f"/ui/events/{participant.event_id}/mine#s-{target_participant_id}")


@router.post("/meetings/{meeting_id}/move")
def move_meeting(
    session: SessionDep, user: FormUser, meeting: VisibleMeeting, slot: SlotField, table: SlotField
) -> Response:
    _staff(user)
    event_meetings.update_meeting(session, meeting, MeetingUpdate(slot=slot, table=table))
    return back(f"/ui/events/{meeting.event_id}#timetable")


@router.post("/meetings/{meeting_id}/lock")
def lock_meeting(
    session: SessionDep, user: FormUser, meeting: VisibleMeeting, locked: Annotated[bool, Form()]
) -> Response:
    _staff(user)
    event_meetings.update_meeting(session, meeting, MeetingUpdate(locked=locked))
    return back(f"/ui/events/{meeting.event_id}#timetable")


@router.post("/meetings/{meeting_id}/outcome")
def record_outcome(
    session: SessionDep,
    user: FormUser,
    meeting: VisibleMeeting,
    outcome: Annotated[str, Form(pattern="^(held|no_show|follow_up|contract|none)$")],
) -> Response:
    _staff(user)
    value = None if outcome == "none" else MeetingOutcome(outcome)
    event_meetings.update_meeting(session, meeting, MeetingUpdate(outcome=value))
    return back(f"/ui/events/{meeting.event_id}#timetable")


@router.post("/meetings/{meeting_id}/remove")
def remove_meeting(session: SessionDep, user: FormUser, meeting: VisibleMeeting) -> Response:
    _staff(user)
    event_id = meeting.event_id
    event_meetings.delete_meeting(session, meeting)
    return back(f"/ui/events/{event_id}#timetable")


__all__ = ["router"]
