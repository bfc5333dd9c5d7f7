"""The challenge list HR and enterprises work from: words (Chinese or English) over title and
description, filters, sorting and paging, each challenge with the state of its review."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from app.services.common import contains_pattern
from models import Challenge, ChallengeStatus, Enterprise, MatchEntry, MatchStatus, Sector

__all__ = [
    "SORTS",
    "ChallengeQuery",
    "ChallengeRow",
    "enterprise_options",
    "search_challenges",
]

# How the list can be ordered; every order ends on the id so pages never overlap.
SORTS = ("newest", "deadline", "budget", "title")
REVIEW_STATES = ("pending", "approved")


@dataclass(frozen=True)
class ChallengeQuery:
    """What a person asked the list for; empty fields filter nothing."""

    text: str = ""
    status: ChallengeStatus | None = None
    sector: Sector | None = None
    enterprise_id: int | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    review: str = ""  # "pending": open/matched with nothing approved yet; "approved": something approved
    sort: str = "newest"


@dataclass(frozen=True)
class ChallengeRow:
    challenge: Challenge
    listed: int  # people on its match list
    approved: int  # of them approved


def _text_filter(text: str) -> ColumnElement[bool] | None:
    """Every word must appear in the title or the description (case-insensitive)."""
    terms = [t for t in text.split() if t][:8]
    if not terms:
        return None
    return and_(
        *(
            or_(
                func.lower(Challenge.title).like(contains_pattern(t), escape="\\"),
                func.lower(Challenge.description).like(contains_pattern(t), escape="\\"),
            )
            for t in terms
        )
    )


def _approved_exists() -> ColumnElement[bool]:
    return exists().where(MatchEntry.challenge_id == Challenge.id, MatchEntry.status == MatchStatus.approved)


def _filtered(query: Select, q: ChallengeQuery) -> Select:
    conditions: list[ColumnElement[bool] | None] = [
        _text_filter(q.text),
        Challenge.status == q.status if q.status else None,
        Challenge.sector == q.sector if q.sector else None,
        Challenge.enterprise_id == q.enterprise_id if q.enterprise_id else None,
        Challenge.deadline >= q.deadline_from if q.deadline_from else None,
        Challenge.deadline <= q.deadline_to if q.deadline_to else None,
        Challenge.budget_cny >= q.budget_min if q.budget_min is not None else None,
        Challenge.budget_cny <= q.budget_max if q.budget_max is not None else None,
    ]
    if q.review == "pending":
        live = Challenge.status.in_((ChallengeStatus.open, ChallengeStatus.matched))
        conditions.append(and_(live, ~_approved_exists()))
    elif q.review == "approved":
        conditions.append(_approved_exists())
    return query.where(*(c for c in conditions if c is not None))


def _ordered(query: Select, sort: str) -> Select:
    if sort == "deadline":  # soonest first, none last
        return query.order_by(
            case((Challenge.deadline.is_(None), 1), else_=0), Challenge.deadline, Challenge.id
        )
    if sort == "budget":  # largest first, none last
        return query.order_by(
            case((Challenge.budget_cny.is_(None), 1), else_=0), Challenge.budget_cny.desc(), Challenge.id
        )
    if sort == "title":
        return query.order_by(Challenge.title, Challenge.id)
    return query.order_by(Challenge.id.desc())


def search_challenges(
    session: Session, q: ChallengeQuery, scope: Callable[[Select], Select], *, limit: int, offset: int
) -> tuple[list[ChallengeRow], int]:
    """One page of the challenges ``scope`` lets the caller see that match ``q``, and the total."""
    base = _filtered(scope(select(Challenge)), q)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    page = _ordered(base.options(joinedload(Challenge.enterprise)), q.sort).limit(limit).offset(offset)
    challenges = list(session.scalars(page).unique())
    counts = _list_counts(session, [c.id for c in challenges])
    return [ChallengeRow(c, *counts.get(c.id, (0, 0))) for c in challenges], int(total)


def _list_counts(session: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    if not ids:
        return {}
    approved = func.sum(case((MatchEntry.status == MatchStatus.approved, 1), else_=0))
    rows = session.execute(
        select(MatchEntry.challenge_id, func.count(), approved)
        .where(MatchEntry.challenge_id.in_(ids))
        .group_by(MatchEntry.challenge_id)
    )
    return {cid: (int(n), int(a or 0)) for cid, n, a in rows}


def enterprise_options(session: Session, scope: Callable[[Select], Select]) -> list[tuple[int, str]]:
    """Enterprises with a challenge the caller may see, by name (the list's filter)."""
    owners = scope(select(Challenge.enterprise_id)).distinct().subquery()
    query = (
        select(Enterprise.id, Enterprise.name)
        .where(Enterprise.id.in_(select(owners)))
        .order_by(Enterprise.name)
    )
    return [(i, n) for i, n in session.execute(query)]
