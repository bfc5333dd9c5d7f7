"""SQL filters applied to every ranked hit (index hits never bypass SQL)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models import Availability, Challenge, ChallengeStatus, Enterprise, Postdoc, Sector, Station

__all__ = [
    "EXACT_OWNER_LIMIT",
    "ChallengeFilters",
    "PostdocFilters",
    "allowed_owners",
    "keep_allowed",
    "recheck_needed",
]

# Filtered rankings score every document of the allowed owners exactly when they are this few;
# otherwise the index's top documents are retrieved and filtered afterwards.
EXACT_OWNER_LIMIT = 2000


@dataclass(frozen=True)
class PostdocFilters:
    availability: Availability | None = None
    discipline: str | None = None
    station_id: int | None = None
    city: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.availability, self.discipline, self.station_id, self.city))

    def query(self) -> Select:
        query = select(Postdoc.id)
        if self.availability:
            query = query.where(Postdoc.availability == self.availability)
        if self.discipline:
            query = query.where(Postdoc.discipline == self.discipline)
        if self.station_id:
            query = query.where(Postdoc.station_id == self.station_id)
        if self.city:
            query = query.join(Station, Postdoc.station_id == Station.id).where(Station.city == self.city)
        return query


@dataclass(frozen=True)
class ChallengeFilters:
    status: ChallengeStatus | None = ChallengeStatus.open
    sector: Sector | None = None
    city: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.status, self.sector, self.city))

    def query(self) -> Select:
        query = select(Challenge.id)
        if self.status:
            query = query.where(Challenge.status == self.status)
        if self.sector:
            query = query.where(Challenge.sector == self.sector)
        if self.city:
            query = query.join(Enterprise, Challenge.enterprise_id == Enterprise.id).where(
                Enterprise.city == self.city
            )
        return query


def allowed_owners(session: Session, query: Select) -> set[int] | None:
    """The owners a filter allows, or None when there are too many to score exhaustively."""
    ids = session.scalars(query.limit(EXACT_OWNER_LIMIT + 1)).all()
    return None if len(ids) > EXACT_OWNER_LIMIT else set(ids)


def recheck_needed(filters: PostdocFilters | ChallengeFilters, allowed: set[int] | None) -> bool:
    """Whether ranked owners must be checked against SQL after retrieval.

    Not when retrieval was already restricted to the ``allowed`` owners SQL just named, nor when
    no filter is active: the request synced the index with SQL first, and the page is hydrated
    from SQL (an owner deleted since is dropped there). Checking thousands of ranked owners
    cost 20 ms a request at 100,000 postdocs (docs/performance.md).
    """
    return allowed is None and filters.active


def keep_allowed(session: Session, query: Select, owner_ids: list[int]) -> set[int]:
    """Which of ``owner_ids`` exist in SQL and pass the filter."""
    kept: set[int] = set()
    entity = query.selected_columns[0]
    for start in range(0, len(owner_ids), 1000):
        part = owner_ids[start : start + 1000]
        kept.update(session.scalars(query.where(entity.in_(part))).all())
    return kept
