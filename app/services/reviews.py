"""HR's review of a challenge's match list: seed from the ranking, decide, reorder, add by hand
(its export: app/services/review_export.py). Every change is audited; the approved entries
are what the enterprise sees."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.errors import Conflict, InvalidInput, NotFound
from app.matching.candidates import rank_candidates
from app.matching.filters import PostdocFilters
from app.matching.view import SearchView
from app.schemas.postdocs import PostdocSummary
from app.schemas.ranking import Evidence
from app.schemas.review import MatchEntryPublic
from app.services import audit
from app.services.announcements import match_list_approved
from app.services.common import commit
from app.services.notifications import Message, challenge_target, notify, postdoc_accounts
from models import Account, Challenge, MatchEntry, MatchStatus, Postdoc

__all__ = [
    "SEED_SIZE",
    "add_by_hand",
    "decide",
    "decide_many",
    "entries",
    "get_entry",
    "match_list",
    "move",
    "move_to",
    "reorder",
    "seed_match_list",
]

SEED_SIZE = 20  # candidates put on a new list


def _state(entry: MatchEntry) -> dict:
    return {"status": entry.status.value, "note": entry.note, "position": entry.position}


def entries(session: Session, challenge_id: int, *, approved_only: bool = False) -> list[MatchEntry]:
    query = (
        select(MatchEntry)
        .options(selectinload(MatchEntry.postdoc).selectinload(Postdoc.station))
        .where(MatchEntry.challenge_id == challenge_id)
        .order_by(MatchEntry.position, MatchEntry.id)
    )
    if approved_only:
        query = query.where(MatchEntry.status == MatchStatus.approved)
    return list(session.scalars(query))


def seed_match_list(
    session: Session, view: SearchView, actor: Account, challenge: Challenge, size: int = SEED_SIZE
) -> int:
    """Put the top ``size`` ranked postdocs on an empty list (a list that has entries is left
    alone); returns how many were added. A write: ``POST …/match-list/seed``, never a page view."""
    if entries(session, challenge.id):
        return 0
    page = rank_candidates(session, view, challenge, PostdocFilters(), limit=size, offset=0)
    for item in page.items:
        entry = MatchEntry(
            challenge_id=challenge.id, postdoc_id=item.postdoc.id, position=item.rank, score=item.score
        )
        session.add(entry)
        session.flush()
        audit.record(
            session, actor, "seed", entry, challenge_id=challenge.id, before=None, after=_state(entry)
        )
    commit(session)
    return len(page.items)


def match_list(
    session: Session, view: SearchView, challenge: Challenge, *, approved_only: bool, evidence_of: int
) -> list[MatchEntryPublic]:
    """The list in review order, each entry with its current evidence from the ranking (of the
    top ``evidence_of`` candidates)."""
    rows = entries(session, challenge.id, approved_only=approved_only)
    evidence = _evidence(session, view, challenge, evidence_of) if rows else {}
    return [
        MatchEntryPublic(
            id=e.id,
            challenge_id=e.challenge_id,
            position=e.position,
            status=e.status,
            score=e.score,
            note=e.note,
            added_by_hand=e.added_by_hand,
            postdoc=PostdocSummary.model_validate(e.postdoc),
            evidence=evidence.get(e.postdoc_id, []),
        )
        for e in rows
    ]


def _evidence(
    session: Session, view: SearchView, challenge: Challenge, limit: int
) -> dict[int, list[Evidence]]:
    page = rank_candidates(session, view, challenge, PostdocFilters(), limit=limit, offset=0)
    return {item.postdoc.id: item.evidence for item in page.items}


def get_entry(session: Session, entry_id: int) -> MatchEntry:
    entry = session.get(MatchEntry, entry_id)
    if entry is None:
        raise NotFound(f"match entry {entry_id} not found")
    return entry


def decide(session: Session, actor: Account, entry: MatchEntry, status: MatchStatus, note: str) -> MatchEntry:
    """Shortlist / approve / reject (or put back as candidate) with a note; audited."""
    approved = _decide(session, actor, entry, status, note)
    match_list_approved(session, entry.challenge, [entry] if approved else [])
    commit(session)
    return entry


def decide_many(
    session: Session,
    actor: Account,
    challenge: Challenge,
    entry_ids: list[int],
    status: MatchStatus,
    note: str | None,
) -> int:
    """One decision and one note (``None``: each keeps its own) for several entries of one list,
    in one transaction; each is audited. Ids of other lists are refused (nothing is changed)."""
    wanted = set(entry_ids)
    rows = [e for e in entries(session, challenge.id) if e.id in wanted]
    if len(rows) != len(wanted):
        raise InvalidInput("entry_ids must be entries of this list", field="entry_ids")
    approved = [entry for entry in rows if _decide(session, actor, entry, status, note)]
    match_list_approved(session, challenge, approved)
    commit(session)
    return len(rows)


def _decide(
    session: Session, actor: Account, entry: MatchEntry, status: MatchStatus, note: str | None
) -> bool:
    """Decide one entry; True when it is newly approved (the caller announces those once)."""
    before = _state(entry)
    entry.status, entry.note = status, entry.note if note is None else note
    audit.record(
        session, actor, "decide", entry, challenge_id=entry.challenge_id, before=before, after=_state(entry)
    )
    if status == MatchStatus.shortlisted and before["status"] != status.value:
        title = entry.challenge.title
        notify(
            session,
            postdoc_accounts(session, [entry.postdoc_id]),
            "shortlisted",
            Message(f"您已入围难题《{title}》的候选名单", f"You were shortlisted for “{title}”"),
            challenge_target(entry.challenge_id),
        )
    return status == MatchStatus.approved and before["status"] != status.value


def reorder(session: Session, actor: Account, challenge: Challenge, entry_ids: list[int]) -> None:
    """Give the list the order of ``entry_ids`` (which must be exactly the list's entries)."""
    rows = {e.id: e for e in entries(session, challenge.id)}
    if sorted(entry_ids) != sorted(rows):
        raise InvalidInput("entry_ids must name every entry of this list exactly once", field="entry_ids")
    before = [e.id for e in sorted(rows.values(), key=lambda e: e.position)]
    for position, entry_id in enumerate(entry_ids, start=1):
        rows[entry_id].position = position
    audit.record(
        session,
        actor,
        "reorder",
        challenge,
        challenge_id=challenge.id,
        before={"order": before},
        after={"order": entry_ids},
    )
    commit(session)


def move(session: Session, actor: Account, entry: MatchEntry, step: int) -> MatchEntry:
    """Move one entry ``step`` places up (negative) or down the list; audited as a reorder."""
    order = [e.id for e in entries(session, entry.challenge_id)]
    i = order.index(entry.id)
    j = i + step
    if 0 <= j < len(order) and i != j:
        order.insert(j, order.pop(i))
        reorder(session, actor, entry.challenge, order)
    return entry


def move_to(session: Session, actor: Account, entry: MatchEntry, position: int) -> MatchEntry:
    """Put one entry at ``position`` (1 = top; past the end = last); audited as a reorder."""
    order = [e.id for e in entries(session, entry.challenge_id)]
    i = order.index(entry.id)
    j = min(max(position, 1), len(order)) - 1
    if i != j:
        order.insert(j, order.pop(i))
        reorder(session, actor, entry.challenge, order)
    return entry


def add_by_hand(
    session: Session, actor: Account, challenge: Challenge, postdoc_id: int, note: str
) -> MatchEntry:
    if session.get(Postdoc, postdoc_id) is None:
        raise InvalidInput(f"postdoc {postdoc_id} does not exist", field="postdoc_id")
    taken = select(MatchEntry.id).where(
        MatchEntry.challenge_id == challenge.id, MatchEntry.postdoc_id == postdoc_id
    )
    if session.scalar(taken) is not None:
        raise Conflict(f"postdoc {postdoc_id} is already on this list", field="postdoc_id")
    last = session.scalar(
        select(func.max(MatchEntry.position)).where(MatchEntry.challenge_id == challenge.id)
    )
    entry = MatchEntry(
        challenge_id=challenge.id,
        postdoc_id=postdoc_id,
        position=(last or 0) + 1,
        note=note,
        added_by_hand=True,
    )
    session.add(entry)
    session.flush()
    audit.record(session, actor, "add", entry, challenge_id=challenge.id, before=None, after=_state(entry))
    commit(session)
    return entry
