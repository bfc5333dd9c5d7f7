"""What an event's timetable becomes outside the app: an ICS calendar per participant, an xlsx
workbook with one sheet per table (Chinese headers), plain-text rows for the CLI, and the
programme statistics that meeting outcomes feed."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.services.event_meetings import meetings
from app.services.events import local_clock, slot_start
from models import (
    Challenge,
    ChallengeStatus,
    Event,
    EventParticipant,
    Meeting,
    MeetingOutcome,
    ParticipantKind,
)

TIMETABLE_HEADERS = ["时段", "开始时间", "结束时间", "对接台", "企业", "博士后", "锁定", "结果"]
OUTCOME_ZH = {
    MeetingOutcome.held: "已会谈",
    MeetingOutcome.no_show: "未到场",
    MeetingOutcome.follow_up: "后续跟进",
    MeetingOutcome.contract: "已签约",
}


def timetable_rows(session: Session, event: Event, zone: ZoneInfo) -> list[list[object]]:
    """One row per meeting in slot and table order, times in ``zone`` (no headers)."""
    rows: list[list[object]] = []
    for m in meetings(session, event):
        start = slot_start(event, m.slot)
        end = start + timedelta(minutes=event.slot_minutes)
        outcome = OUTCOME_ZH[m.outcome] if m.outcome else ""
        rows.append(
            [
                m.slot + 1,
                local_clock(start, zone),
                local_clock(end, zone),
                m.table + 1,
                m.enterprise.label,
                m.postdoc.label,
                "是" if m.locked else "",
                outcome,
            ]
        )
    return rows


def timetable_xlsx(session: Session, event: Event, zone: ZoneInfo) -> bytes:
    """A workbook with one printable sheet per table, Chinese headers, times in ``zone``."""
    rows = timetable_rows(session, event, zone)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for table in range(1, event.table_count + 1):
        sheet = book.create_sheet(f"对接台 {table}")
        sheet.append(TIMETABLE_HEADERS)
        for row in (r for r in rows if r[3] == table):
            sheet.append(row)
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def participant_ics(session: Session, participant: EventParticipant) -> str:
    """The participant's meetings as an iCalendar file (RFC 5545, UTC times)."""
    event = participant.event
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jiebang//events//ZH", "CALSCALE:GREGORIAN"]
    for m in _own(session, participant):
        start = slot_start(event, m.slot)
        other = m.enterprise.label if participant.kind == ParticipantKind.postdoc else m.postdoc.label
        lines += [
            "BEGIN:VEVENT",
            f"UID:jiebang-meeting-{m.id}@{event.id}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTEND:{(start + timedelta(minutes=event.slot_minutes)).strftime('%Y%m%dT%H%M%SZ')}",
            f"SUMMARY:{_escape(f'{event.title}：{other}')}",
            f"LOCATION:{_escape(f'{event.venue} 对接台 {m.table + 1}'.strip())}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _own(session: Session, participant: EventParticipant) -> list[Meeting]:
    side = (
        Meeting.postdoc_participant_id
        if participant.kind == ParticipantKind.postdoc
        else Meeting.enterprise_participant_id
    )
    mine = set(session.scalars(select(Meeting.id).where(side == participant.id)))
    return [m for m in meetings(session, participant.event) if m.id in mine]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > 75:
            out.append(current.decode("utf-8"))
            current = b" "
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n".join(out)


def programme_statistics(session: Session) -> dict[str, int]:
    """Needs posted (published challenges), results matched (meetings held or followed up or
    signed), contracts signed, and events and meetings, over every event."""
    outcomes = Counter(
        dict(session.execute(select(Meeting.outcome, func.count()).group_by(Meeting.outcome)).all())
    )
    posted = select(func.count()).select_from(Challenge).where(Challenge.status != ChallengeStatus.draft)
    matched = (
        outcomes[MeetingOutcome.held] + outcomes[MeetingOutcome.follow_up] + outcomes[MeetingOutcome.contract]
    )
    return {
        "events": session.scalar(select(func.count()).select_from(Event)) or 0,
        "meetings": sum(outcomes.values()),
        "needs_posted": session.scalar(posted) or 0,
        "results_matched": matched,
        "contracts_signed": outcomes[MeetingOutcome.contract],
        "no_shows": outcomes[MeetingOutcome.no_show],
    }


__all__ = [
    "TIMETABLE_HEADERS",
    "participant_ics",
    "programme_statistics",
    "timetable_rows",
    "timetable_xlsx",
]
