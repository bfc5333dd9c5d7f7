"""Teams for an open call: ``GET /challenges/{id}/teams`` and scoring a hand-made draft."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import STAFF_ONLY, ChallengeDep, SearchViewDep, SessionDep
from app.errors import InvalidInput
from app.matching.filters import PostdocFilters
from app.schemas.common import Id as IdValue
from app.schemas.common import IdFilter, QueryText
from app.schemas.teams import MAX_TEAM_SIZE, MAX_TEAMS, DraftTeam, DraftTeamScore, TeamsPage
from app.services import teams as service
from models import Availability

__all__ = ["router"]

# Team proposals rank people, as the candidate list does: HR staff and admins only.
router = APIRouter(prefix="/challenges", tags=["teams"], dependencies=STAFF_ONLY)

Size = Annotated[int | None, Query(ge=1, le=MAX_TEAM_SIZE)]


@router.get("/{challenge_id}/teams", response_model=TeamsPage)
def teams(
    session: SessionDep,
    view: SearchViewDep,
    challenge: ChallengeDep,
    size: Annotated[int | None, Query(ge=1, le=MAX_TEAM_SIZE, description="exact team size")] = None,
    size_min: Size = None,
    size_max: Size = None,
    count: Annotated[int, Query(ge=1, le=MAX_TEAMS, description="distinct teams to return")] = 3,
    max_per_station: Annotated[int | None, Query(ge=1, le=MAX_TEAM_SIZE)] = None,
    exclude: Annotated[list[IdValue], Query(max_length=200, description="postdoc ids to leave out")] = [],  # noqa: B006
    availability: Annotated[list[Availability], Query(max_length=3)] = [  # noqa: B006
        Availability.available,
        Availability.limited,
    ],
    station_id: IdFilter = None,
    city: QueryText(50) = None,  # type: ignore[valid-type]
) -> object:
    """Top distinct teams covering the challenge's requirements (``required_expertise``, or
    extracted key phrases), each with who covers which requirement, evidence and gaps."""
    low, high = _sizes(size, size_min, size_max)
    request = service.TeamRequest(
        size_min=low,
        size_max=high,
        count=count,
        max_per_station=max_per_station,
        exclude=frozenset(exclude),
        availability=tuple(dict.fromkeys(availability)),
        filters=PostdocFilters(station_id=station_id, city=city),
    )
    return service.recommend_teams(session, view, challenge, request)


@router.post("/{challenge_id}/teams/score", response_model=DraftTeamScore)
def score_team(session: SessionDep, view: SearchViewDep, challenge: ChallengeDep, body: DraftTeam) -> object:
    """Score a team HR assembled by hand, with the same objective, evidence and gaps."""
    return service.score_draft_team(session, view, challenge, body.postdoc_ids)


def _sizes(size: int | None, size_min: int | None, size_max: int | None) -> tuple[int, int]:
    if size is not None:
        if size_min is not None or size_max is not None:
            raise InvalidInput("give either size or size_min/size_max, not both", field="size")
        return size, size
    low = size_min if size_min is not None else min(2, size_max or 2)
    high = size_max if size_max is not None else max(4, low)
    if low > high:
        raise InvalidInput(f"size_min ({low}) is larger than size_max ({high})", field="size_min")
    return low, high
