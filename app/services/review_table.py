"""The review table: a challenge's whole match list with each person's coverage of every
requirement (the team builder's scores), sortable by any column and paged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.matching.coverage import calibrated_matrix, requirement_idf
from app.matching.filters import PostdocFilters
from app.matching.requirements import challenge_requirements, score_requirements
from app.matching.teams import team_coverage_model
from app.matching.view import SearchView
from app.services.reviews import entries
from models import Challenge, MatchEntry

__all__ = ["REVIEW_SORTS", "ReviewRow", "ReviewTable", "review_table"]

# Sortable columns; "req<N>" sorts by the coverage of requirement N.
REVIEW_SORTS = ("position", "score", "name", "station", "discipline", "availability", "status")


@dataclass(frozen=True)
class ReviewRow:
    entry: MatchEntry
    coverage: list[float]  # one per requirement, the absolute fused score (0 = nothing shared)


@dataclass(frozen=True)
class ReviewTable:
    requirements: list[str]
    rows: list[ReviewRow]  # this page
    total: int
    gap_below: float  # a calibrated coverage under this is a gap (the team builder's threshold)


def _key(sort: str):  # type: ignore[no-untyped-def]
    if sort.startswith("req") and sort[3:].isdigit():
        j = int(sort[3:])
        return lambda r: r.coverage[j] if j < len(r.coverage) else 0.0
    keys = {
        "score": lambda r: r.entry.score if r.entry.score is not None else -1.0,
        "name": lambda r: r.entry.postdoc.name,
        "station": lambda r: r.entry.postdoc.station.name if r.entry.postdoc.station else "",
        "discipline": lambda r: r.entry.postdoc.discipline,
        "availability": lambda r: r.entry.postdoc.availability.value,
        "status": lambda r: r.entry.status.value,
    }
    return keys.get(sort, lambda r: r.entry.position)


def review_table(
    session: Session,
    view: SearchView,
    challenge: Challenge,
    *,
    sort: str,
    descending: bool,
    limit: int,
    offset: int,
) -> ReviewTable:
    """One page of the list sorted by ``sort`` (ties keep the list's order). Coverage is scored
    for exactly the people on the list, so it is the same whatever page is shown."""
    rows = entries(session, challenge.id)
    requirements = challenge_requirements(challenge)
    coverage: dict[int, list[float]] = {}
    if rows and requirements:
        owners = {e.postdoc_id for e in rows}
        scores = score_requirements(session, view, challenge, requirements, PostdocFilters(), owners)
        ordered = sorted(owners)
        idf = requirement_idf(scores, view.postdocs.lexical_index)
        matrix = calibrated_matrix(scores, ordered, idf, team_coverage_model(view))
        coverage = {o: [round(float(v), 4) for v in matrix[i]] for i, o in enumerate(ordered)}
    table = [ReviewRow(e, coverage.get(e.postdoc_id, [0.0] * len(requirements))) for e in rows]
    table.sort(key=_key(sort), reverse=descending)
    return ReviewTable(
        requirements=[r.text for r in requirements],
        rows=table[offset : offset + limit],
        total=len(table),
        gap_below=team_coverage_model(view).gap_below,
    )
