"""Planning an event: recommender scores for every postdoc–enterprise pair, suggestions with
their reasons, and the solver run that writes the timetable (``app.matching.event_schedule``).

``pair_scores`` is the one adapter to the recommender: it ranks each challenge an enterprise
brings over exactly the event's postdocs with ``app.matching.candidates.score_postdocs_many``
on the request's search view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.matching.candidates import evidence_item, score_postdocs_many
from app.matching.documents import challenge_query_text
from app.matching.event_schedule import SolverLimits, solve_event
from app.matching.events import EventProblem, Pair, Person, Placed, Schedule, Weights
from app.matching.evidence import matched_terms
from app.matching.filters import PostdocFilters
from app.matching.scoring import dense_weight, fuse_candidates
from app.matching.view import SearchView
from app.schemas.events import Suggestion
from app.schemas.ranking import Evidence
from app.services import events as event_service
from app.services.common import commit
from index.text import query_tokens
from models import (
    Challenge,
    ChallengeStatus,
    Document,
    Event,
    EventParticipant,
    Meeting,
    ParticipantKind,
)


@dataclass(frozen=True)
class PairScore:
    score: float
    reasons: list[Evidence]


def pair_scores(
    session: Session,
    view: SearchView,
    postdocs: list[EventParticipant],
    enterprises: list[EventParticipant],
    *,
    reasons: bool = True,
) -> dict[tuple[int, int], PairScore]:
    """(postdoc participant, enterprise participant) → the recommender's score and reasons.

    An enterprise's score for a postdoc is its best challenge's (those it brings, else its open
    ones); the reasons are the postdoc's documents that matched that challenge best.
    """
    owners = {p.postdoc_id: p.id for p in postdocs if p.postdoc_id is not None}
    out: dict[tuple[int, int], PairScore] = {}
    if not owners:
        return out
    options = view.options.ranking
    for enterprise in enterprises:
        for challenge in _challenges_of(session, enterprise):
            text = challenge_query_text(challenge, view.options.query_fields)
            weight = dense_weight(options, view.encoder, text)
            [(ranked, cands)] = score_postdocs_many(
                session, view, [text], [query_tokens(text)], [weight], PostdocFilters(), owners=set(owners)
            )
            lexical = cands.lexical()
            fused = fuse_candidates(cands, lexical, weight, options)
            for agg in ranked:
                key = (owners[agg.owner_id], enterprise.id)
                if key in out and agg.score <= out[key].score:
                    continue
                rows = [
                    (int(cands.doc_ids[r]), float(fused[r]), float(cands.dense[r]), float(lexical[r]))
                    for r in agg.best[: view.options.evidence_per_result]
                ]
                out[key] = PairScore(agg.score, _reasons(session, text, rows) if reasons else [])
    return out


def _challenges_of(session: Session, enterprise: EventParticipant) -> list[Challenge]:
    if enterprise.challenges:
        return list(enterprise.challenges)
    query = select(Challenge).where(
        Challenge.enterprise_id == enterprise.enterprise_id, Challenge.status == ChallengeStatus.open
    )
    return list(session.scalars(query.order_by(Challenge.id).limit(20)))


def _reasons(session: Session, text: str, rows: list[tuple[int, float, float, float]]) -> list[Evidence]:
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_([r[0] for r in rows])))}
    return [
        evidence_item(
            docs[doc_id],
            matched_terms(text, set(docs[doc_id].tokens.split())),
            score=score,
            dense=dense,
            lexical=lexical,
        )
        for doc_id, score, dense, lexical in rows
        if doc_id in docs and score > 0
    ]


def _sides(session: Session, event: Event) -> tuple[list[EventParticipant], list[EventParticipant]]:
    everyone = event_service.participants(session, event)
    return (
        [p for p in everyone if p.kind == ParticipantKind.postdoc],
        [p for p in everyone if p.kind == ParticipantKind.enterprise],
    )


def suggestions(
    session: Session, view: SearchView, settings: Settings, participant: EventParticipant
) -> list[Suggestion]:
    """The other side's participants best matched to ``participant``, with the reasons."""
    postdocs, enterprises = _sides(session, participant.event)
    mine_is_postdoc = participant.kind == ParticipantKind.postdoc
    scores = (
        pair_scores(session, view, [participant], enterprises)
        if mine_is_postdoc
        else pair_scores(session, view, postdocs, [participant])
    )
    answers = event_service.interests(session, participant.event)
    others = enterprises if mine_is_postdoc else postdocs
    out = []
    for other in others:
        key = (participant.id, other.id) if mine_is_postdoc else (other.id, participant.id)
        found = scores.get(key, PairScore(0.0, []))
        out.append(
            Suggestion(
                participant_id=other.id,
                label=other.label,
                score=round(found.score, 4),
                my_interest=answers.get((participant.id, other.id)),
                their_interest=answers.get((other.id, participant.id)),
                reasons=found.reasons,
            )
        )
    out.sort(key=lambda s: (-s.score, s.participant_id))
    return out[: settings.event_suggestions]


def build_problem(session: Session, view: SearchView, settings: Settings, event: Event) -> EventProblem:
    """The event as the solver sees it: people, scored pairs with interest, conflicts, locks."""
    postdocs, enterprises = _sides(session, event)
    scores = pair_scores(session, view, postdocs, enterprises, reasons=False)
    answers = event_service.interests(session, event)
    employer = {(p.id, e.id) for p in postdocs for e in enterprises if _employs(e, p)}
    pairs = tuple(
        Pair(
            p.id,
            e.id,
            scores[(p.id, e.id)].score if (p.id, e.id) in scores else 0.0,
            answers.get((p.id, e.id)),
            answers.get((e.id, p.id)),
        )
        for p in postdocs
        for e in enterprises
    )
    locked = tuple(
        Placed(m.postdoc_participant_id, m.enterprise_participant_id, m.slot, m.table, locked=True)
        for m in session.scalars(
            select(Meeting).where(Meeting.event_id == event.id, Meeting.locked.is_(True))
        )
    )
    return EventProblem(
        slots=event.slot_count,
        tables=event.table_count,
        postdocs=tuple(Person(p.id, frozenset(p.slots), p.label) for p in postdocs),
        enterprises=tuple(Person(e.id, frozenset(e.slots), e.label, seats=e.tables) for e in enterprises),
        pairs=pairs,
        max_per_postdoc=event.max_meetings_per_postdoc,
        min_per_enterprise=event.min_meetings_per_enterprise,
        conflicts=frozenset(event_service.conflicts(session, event) | employer),
        locked=locked,
        weights=_weights(settings),
    )


def _employs(enterprise: EventParticipant, postdoc: EventParticipant) -> bool:
    return postdoc.postdoc is not None and postdoc.postdoc.employer_enterprise_id == enterprise.enterprise_id


def _weights(s: Settings) -> Weights:
    return Weights(score=s.event_score_weight, like=s.event_like_weight, must=s.event_must_weight)


def run_schedule(
    session: Session,
    view: SearchView,
    settings: Settings,
    event: Event,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Solve and store the timetable: unlocked meetings are replaced, locked ones stay. When the
    locked meetings themselves clash nothing is replaced. ``progress`` hears of each better
    schedule found. Returns the stored report."""
    problem = build_problem(session, view, settings, event)
    s = settings
    limits = SolverLimits(
        s.event_solver_time_limit_s,
        s.event_solver_workers,
        s.event_diagnosis_max_vars,
        s.event_diagnosis_time_limit_s,
        progress,
    )
    schedule = solve_event(problem, limits)
    if schedule.meetings or not problem.locked:
        _store(session, event, problem, schedule)
    event.solve_report = _report(schedule)
    event_service.tell_schedule_changed(session, event)
    commit(session)
    return event.solve_report


def _store(session: Session, event: Event, problem: EventProblem, schedule: Schedule) -> None:
    session.execute(delete(Meeting).where(Meeting.event_id == event.id, Meeting.locked.is_(False)))
    session.flush()
    scores = {p.key: p.score for p in problem.pairs}
    for m in schedule.meetings:
        if not m.locked:
            session.add(
                Meeting(
                    event_id=event.id,
                    postdoc_participant_id=m.postdoc,
                    enterprise_participant_id=m.enterprise,
                    slot=m.slot,
                    table=m.table,
                    score=round(scores.get(m.key, 0.0), 4),
                )
            )


def _report(schedule: Schedule) -> dict:
    return {
        "status": schedule.status.value,
        "objective": round(schedule.objective, 2),
        "gap": round(schedule.gap, 4),
        "meetings": len(schedule.meetings),
        "unplaced": [list(k) for k in schedule.unplaced],
        "findings": [
            {"group": f.group, "zh": f.zh, "en": f.en, "items": list(f.items)} for f in schedule.findings
        ],
    }


def report_in(report: dict | None, lang: str) -> dict | None:
    """A stored report with each finding's message in ``lang``."""
    if report is None:
        return None
    findings = [
        {"group": f["group"], "message": f["zh" if lang == "zh" else "en"], "items": f["items"]}
        for f in report["findings"]
    ]
    return {**report, "findings": findings}


__all__ = ["PairScore", "build_problem", "pair_scores", "report_in", "run_schedule", "suggestions"]
