"""Matchmaking events (产才对接). HR creates and runs events; postdocs and enterprises register
themselves, state their availability and interest, and see their own meetings only.

Another tenant's participant or meeting, and a draft event seen by a non-staff account, answer
404, as unknown ids do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.api.deps import (
    STAFF_ONLY,
    CurrentUser,
    Id,
    Lang,
    SearchViewDep,
    SessionDep,
    SettingsDep,
    caller_language,
)
from app.schemas.events import (
    ConflictCreate,
    EventCreate,
    EventPublic,
    EventTransition,
    EventUpdate,
    InterestSet,
    MeetingCreate,
    MeetingPublic,
    MeetingUpdate,
    ParticipantCreate,
    ParticipantPublic,
    ParticipantUpdate,
    SolveReport,
    Suggestion,
)
from app.services import event_exports, event_meetings, event_planning, tenancy
from app.services import events as service
from models import Event, EventParticipant, Meeting

router = APIRouter(tags=["events"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _event(session: SessionDep, user: CurrentUser, event_id: Id) -> Event:
    event = session.get(Event, event_id)
    if event is None or not service.can_see_event(user, event):
        raise tenancy.not_found("event", event_id)
    return event


def _participant(session: SessionDep, user: CurrentUser, participant_id: Id) -> EventParticipant:
    participant = session.get(EventParticipant, participant_id)
    if participant is None or not service.owns(user, participant):
        raise tenancy.not_found("participant", participant_id)
    return participant


def _meeting(session: SessionDep, user: CurrentUser, meeting_id: Id) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not service.can_see_meeting(user, meeting):
        raise tenancy.not_found("meeting", meeting_id)
    return meeting


EventDep = Annotated[Event, Depends(_event)]
ParticipantDep = Annotated[EventParticipant, Depends(_participant)]
MeetingDep = Annotated[Meeting, Depends(_meeting)]


@router.post(
    "/events", response_model=EventPublic, status_code=status.HTTP_201_CREATED, dependencies=STAFF_ONLY
)
def create_event(session: SessionDep, settings: SettingsDep, body: EventCreate) -> object:
    return service.create_event(session, settings, body)


@router.get("/events", response_model=list[EventPublic])
def list_events(session: SessionDep, user: CurrentUser) -> object:
    """Every event for HR; events open for registration or later for everyone else."""
    return service.list_events(session, user)


@router.get("/events/{event_id}", response_model=EventPublic)
def get_event(event: EventDep) -> object:
    return event


@router.patch("/events/{event_id}", response_model=EventPublic, dependencies=STAFF_ONLY)
def update_event(session: SessionDep, event: EventDep, body: EventUpdate) -> object:
    return service.update_event(session, event, body)


@router.post("/events/{event_id}/transitions", response_model=EventPublic, dependencies=STAFF_ONLY)
def transition_event(session: SessionDep, event: EventDep, body: EventTransition) -> object:
    """draft → registration → scheduled (publishes the timetable, notifies) → held → closed."""
    return service.transition_event(session, event, body.status)


@router.post(
    "/events/{event_id}/participants", response_model=ParticipantPublic, status_code=status.HTTP_201_CREATED
)
def register(session: SessionDep, user: CurrentUser, event: EventDep, body: ParticipantCreate) -> object:
    """HR registers any postdoc or enterprise; a postdoc or enterprise account registers itself
    while registration is open (and before the deadline)."""
    return service.register(session, user, event, body)


@router.get("/events/{event_id}/participants", response_model=list[ParticipantPublic])
def list_participants(session: SessionDep, user: CurrentUser, event: EventDep) -> object:
    """HR: everyone registered; others: their own registration (if any)."""
    if user.sees_everything:
        return service.participants(session, event)
    return service.my_participants(session, user, event)


@router.post(
    "/events/{event_id}/conflicts",
    status_code=status.HTTP_201_CREATED,
    dependencies=STAFF_ONLY,
    response_model=dict[str, int],
)
def add_conflict(session: SessionDep, event: EventDep, body: ConflictCreate) -> object:
    """An explicit conflict of interest: the pair is never scheduled."""
    return {"id": service.add_conflict(session, event, body).id}


@router.post("/events/{event_id}/schedule", response_model=SolveReport, dependencies=STAFF_ONLY)
def run_schedule(
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: CurrentUser,
    event: EventDep,
    lang: Lang = None,
) -> object:
    """Run the solver (stage A: which meetings; stage B: slots and tables). Locked meetings stay;
    the report counts supply and demand and diagnoses what cannot be met, with the fix."""
    report = event_planning.run_schedule(session, view, settings, event)
    return event_planning.report_in(report, caller_language(user, lang))


@router.get("/events/{event_id}/report", response_model=SolveReport | None, dependencies=STAFF_ONLY)
def last_report(user: CurrentUser, event: EventDep, lang: Lang = None) -> object:
    """The last solver run's report (null before the first run)."""
    return event_planning.report_in(event.solve_report, caller_language(user, lang))


@router.get("/events/{event_id}/meetings", response_model=list[MeetingPublic])
def list_meetings(session: SessionDep, user: CurrentUser, event: EventDep) -> object:
    """HR: the whole timetable; a participant: its own meetings."""
    rows = event_meetings.meetings(session, event, None if user.sees_everything else user)
    return [event_meetings.meeting_view(m) for m in rows]


@router.post(
    "/events/{event_id}/meetings",
    response_model=MeetingPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=STAFF_ONLY,
)
def add_meeting(session: SessionDep, event: EventDep, body: MeetingCreate) -> object:
    """HR places a meeting by hand (locked: a re-run keeps it)."""
    return event_meetings.meeting_view(event_meetings.add_meeting(session, event, body))


@router.get(
    "/events/{event_id}/timetable.xlsx",
    dependencies=STAFF_ONLY,
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "one sheet per table, Chinese headers"}},
)
def timetable_xlsx(session: SessionDep, settings: SettingsDep, event: EventDep) -> Response:
    """The timetable per table (对接台), printable, as an xlsx workbook (times in
    ``JIEBANG_EVENT_TIMEZONE``)."""
    body = event_exports.timetable_xlsx(session, event, settings.event_zone)
    headers = {"Content-Disposition": f'attachment; filename="event-{event.id}-timetable.xlsx"'}
    return Response(body, media_type=XLSX, headers=headers)


@router.get("/event-statistics", response_model=dict[str, int], dependencies=STAFF_ONLY)
def statistics(session: SessionDep) -> object:
    """Programme figures fed by meeting outcomes: needs posted, results matched, contracts."""
    return event_exports.programme_statistics(session)


@router.get(
    "/event-participants/{participant_id}/schedule.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "the participant's meetings"}},
)
def schedule_ics(session: SessionDep, participant: ParticipantDep) -> Response:
    """The participant's meetings as an iCalendar file."""
    body = event_exports.participant_ics(session, participant)
    headers = {"Content-Disposition": f'attachment; filename="event-{participant.event_id}.ics"'}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/event-participants/{participant_id}", response_model=ParticipantPublic)
def get_participant(participant: ParticipantDep) -> object:
    return participant


@router.patch("/event-participants/{participant_id}", response_model=ParticipantPublic)
def update_participant(session: SessionDep, participant: ParticipantDep, body: ParticipantUpdate) -> object:
    """Availability (slots), an enterprise's tables and the challenges it brings."""
    return service.update_participant(session, participant, body)


@router.delete("/event-participants/{participant_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_participant(session: SessionDep, participant: ParticipantDep) -> None:
    service.remove_participant(session, participant)


@router.get("/event-participants/{participant_id}/suggestions", response_model=list[Suggestion])
def suggestions(
    session: SessionDep, view: SearchViewDep, settings: SettingsDep, participant: ParticipantDep
) -> object:
    """The other side's best matches from the recommender, with the reasons and both answers."""
    return event_planning.suggestions(session, view, settings, participant)


@router.put("/event-participants/{participant_id}/interest", status_code=status.HTTP_204_NO_CONTENT)
def set_interest(session: SessionDep, participant: ParticipantDep, body: InterestSet) -> None:
    """Must / would like / no for one participant of the other side (null withdraws)."""
    service.set_interest(session, participant, body.target_participant_id, body.interest)


@router.patch("/meetings/{meeting_id}", response_model=MeetingPublic, dependencies=STAFF_ONLY)
def update_meeting(session: SessionDep, meeting: MeetingDep, body: MeetingUpdate) -> object:
    """Move (then locked), lock or unlock, or record the outcome of a meeting."""
    return event_meetings.meeting_view(event_meetings.update_meeting(session, meeting, body))


@router.delete("/meetings/{meeting_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=STAFF_ONLY)
def delete_meeting(session: SessionDep, meeting: MeetingDep) -> None:
    event_meetings.delete_meeting(session, meeting)


__all__ = ["router"]
