from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.api.deps import (
    STAFF_ONLY,
    STAFF_OR_POSTDOC,
    CurrentUser,
    PageDep,
    PostdocDep,
    SearchViewDep,
    SessionDep,
    WriteViewDep,
)
from app.errors import InvalidInput
from app.matching.filters import ChallengeFilters
from app.matching.recommend import rank_challenges
from app.schemas.common import IdFilter, Page, QueryText
from app.schemas.postdocs import PostdocCreate, PostdocPublic, PostdocUpdate
from app.schemas.ranking import ChallengeRecommendationPage
from app.services import postdocs as service
from models import Availability, ChallengeStatus, Sector

__all__ = ["router"]

router = APIRouter(prefix="/postdocs", tags=["postdocs"])


@router.post("", response_model=PostdocPublic, status_code=status.HTTP_201_CREATED, dependencies=STAFF_ONLY)
def create_postdoc(session: SessionDep, view: WriteViewDep, body: PostdocCreate) -> object:
    return service.create_postdoc(session, view.encoder, body)


@router.get("", response_model=Page[PostdocPublic], dependencies=STAFF_ONLY)
def list_postdocs(
    session: SessionDep,
    page: PageDep,
    discipline: QueryText(100) = None,  # type: ignore[valid-type]
    station_id: IdFilter = None,
    city: QueryText(50) = None,  # type: ignore[valid-type]
    availability: Availability | None = None,
) -> object:
    items, total = service.list_postdocs(
        session,
        discipline=discipline,
        station_id=station_id,
        city=city,
        availability=availability,
        limit=page.limit,
        offset=page.offset,
    )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{postdoc_id}", response_model=PostdocPublic, dependencies=STAFF_OR_POSTDOC)
def get_postdoc(postdoc: PostdocDep) -> object:
    return postdoc


@router.patch("/{postdoc_id}", response_model=PostdocPublic, dependencies=STAFF_OR_POSTDOC)
def update_postdoc(
    session: SessionDep, view: WriteViewDep, postdoc: PostdocDep, body: PostdocUpdate
) -> object:
    return service.update_postdoc(session, view.encoder, postdoc.id, body)


@router.delete("/{postdoc_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=STAFF_ONLY)
def delete_postdoc(session: SessionDep, postdoc: PostdocDep) -> None:
    service.delete_postdoc(session, postdoc.id)


@router.get(
    "/{postdoc_id}/challenges", response_model=ChallengeRecommendationPage, dependencies=STAFF_OR_POSTDOC
)
def recommended_challenges(
    session: SessionDep,
    user: CurrentUser,
    view: SearchViewDep,
    postdoc: PostdocDep,
    page: PageDep,
    status: Annotated[
        ChallengeStatus, Query(description="challenge status to recommend (default open)")
    ] = ChallengeStatus.open,
    sector: Sector | None = None,
    city: QueryText(50) = None,  # type: ignore[valid-type]
) -> object:
    """Challenges recommended to this postdoc, best first, with the documents that match."""
    if status == ChallengeStatus.draft and not user.sees_everything:
        raise InvalidInput("drafts are not published; ask for open challenges", field="status")
    filters = ChallengeFilters(status=status, sector=sector, city=city)
    return rank_challenges(session, view, postdoc, filters, limit=page.limit, offset=page.offset)
