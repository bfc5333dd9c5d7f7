from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, status

from app.api.deps import (
    STAFF_ONLY,
    STAFF_OR_ENTERPRISE,
    ChallengeDep,
    CurrentUser,
    OwnedChallengeDep,
    PageDep,
    RuntimeDep,
    SearchViewDep,
    SessionDep,
    WriteViewDep,
)
from app.errors import InvalidInput
from app.matching.candidates import rank_candidates
from app.matching.filters import PostdocFilters
from app.schemas.challenges import (
    ChallengeCreate,
    ChallengePublic,
    ChallengeUpdate,
    TransitionRequest,
)
from app.schemas.common import IdFilter, Page, QueryText
from app.schemas.ranking import CandidatePage
from app.services import challenges as service
from app.services import notifications, tenancy
from models import Availability, ChallengeStatus, Sector

__all__ = ["router"]

router = APIRouter(prefix="/challenges", tags=["challenges"])


@router.post(
    "", response_model=ChallengePublic, status_code=status.HTTP_201_CREATED, dependencies=STAFF_OR_ENTERPRISE
)
def create_challenge(
    session: SessionDep,
    view: WriteViewDep,
    runtime: RuntimeDep,
    user: CurrentUser,
    body: ChallengeCreate,
    background: BackgroundTasks,
) -> object:
    if not tenancy.can_see_enterprise(user, body.enterprise_id):
        # Same answer as for an id that does not exist.
        raise InvalidInput(f"enterprise {body.enterprise_id} does not exist", field="enterprise_id")
    challenge = service.create_challenge(session, view, body)
    background.add_task(notifications.announce_challenge, runtime.sessions, runtime.view, challenge.id)
    return challenge


@router.get("", response_model=Page[ChallengePublic])
def list_challenges(
    session: SessionDep,
    user: CurrentUser,
    page: PageDep,
    sector: Sector | None = None,
    status: ChallengeStatus | None = None,
    city: QueryText(50) = None,  # type: ignore[valid-type]
    enterprise_id: IdFilter = None,
) -> object:
    items, total = service.list_challenges(
        session,
        sector=sector,
        status=status,
        city=city,
        enterprise_id=enterprise_id,
        scope=lambda q: tenancy.scope_challenges(q, user),
        limit=page.limit,
        offset=page.offset,
    )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{challenge_id}", response_model=ChallengePublic)
def get_challenge(challenge: ChallengeDep) -> object:
    return challenge


@router.patch("/{challenge_id}", response_model=ChallengePublic, dependencies=STAFF_OR_ENTERPRISE)
def update_challenge(
    session: SessionDep, view: WriteViewDep, challenge: OwnedChallengeDep, body: ChallengeUpdate
) -> object:
    return service.update_challenge(session, view, challenge.id, body)


@router.post("/{challenge_id}/transitions", response_model=ChallengePublic, dependencies=STAFF_OR_ENTERPRISE)
def transition_challenge(
    session: SessionDep,
    runtime: RuntimeDep,
    challenge: OwnedChallengeDep,
    body: TransitionRequest,
    background: BackgroundTasks,
) -> object:
    """Move a challenge along draft → open → matched → claimed → in_progress → solved/closed."""
    moved = service.transition_challenge(session, challenge.id, body.status)
    if body.status == ChallengeStatus.open:
        background.add_task(notifications.announce_challenge, runtime.sessions, runtime.view, moved.id)
    return moved


@router.delete("/{challenge_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=STAFF_OR_ENTERPRISE)
def delete_challenge(session: SessionDep, challenge: OwnedChallengeDep) -> None:
    service.delete_challenge(session, challenge.id)


@router.get("/{challenge_id}/candidates", response_model=CandidatePage, dependencies=STAFF_ONLY)
def candidates(
    session: SessionDep,
    view: SearchViewDep,
    challenge: ChallengeDep,
    page: PageDep,
    availability: Availability | None = None,
    discipline: QueryText(100) = None,  # type: ignore[valid-type]
    station_id: IdFilter = None,
    city: QueryText(50) = None,  # type: ignore[valid-type]
) -> object:
    """Postdocs ranked for this challenge, with evidence (documents and matched terms)."""
    filters = PostdocFilters(
        availability=availability, discipline=discipline, station_id=station_id, city=city
    )
    return rank_candidates(session, view, challenge, filters, limit=page.limit, offset=page.offset)
