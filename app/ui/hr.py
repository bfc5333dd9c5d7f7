"""HR pages: the programme dashboard and a challenge's match-list review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import Id, SearchViewDep, SessionDep, SettingsDep
from app.errors import InvalidInput
from app.matching.view import SearchView
from app.schemas.teams import TeamsPage
from app.services import audit, dashboard, reviews
from app.services import teams as team_service
from app.ui.routes import FormUser, VisibleChallenge, WebUser, back, render, require_role
from models import Challenge, MatchStatus, Role

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/hr")
def hr_dashboard(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    require_role(user, Role.hr, Role.admin)
    counts = dashboard.programme_counts(session)
    return render(
        request,
        "hr_dashboard.html",
        user,
        pending_applications=counts.pending_applications,
        by_status=counts.by_status,
        by_sector=counts.by_sector,
        pending=dashboard.pending_reviews(session),
    )


@router.get("/challenges/{challenge_id}/review")
def review_page(
    request: Request,
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: WebUser,
    challenge: VisibleChallenge,
) -> HTMLResponse:
    require_role(user, Role.hr, Role.admin)
    items = reviews.match_list(
        session, view, challenge, approved_only=False, evidence_of=settings.max_page_size
    )
    log = audit.challenge_log(session, challenge.id, limit=30, offset=0)
    teams, teams_error = _proposed_teams(session, view, challenge)
    return render(
        request,
        "review.html",
        user,
        challenge=challenge,
        items=items,
        log=log,
        teams=teams,
        teams_error=teams_error,
        listed={e.postdoc.id for e in items},
    )


@router.post("/challenges/{challenge_id}/match-list/seed")
def seed_list(
    session: SessionDep, view: SearchViewDep, user: FormUser, challenge: VisibleChallenge
) -> Response:
    require_role(user, Role.hr, Role.admin)
    reviews.seed_match_list(session, view, user, challenge)
    return back(f"/ui/challenges/{challenge.id}/review")


def _proposed_teams(
    session: SessionDep, view: SearchView, challenge: Challenge
) -> tuple[TeamsPage | None, str]:
    """The top teams (default sizes and count) from the service the teams API uses, or why none:
    ``None`` when the challenge is not open or matched, an error message when teams cannot be
    proposed (no requirements could be extracted)."""
    if challenge.status not in team_service.TEAMABLE_STATUSES:
        return None, ""
    try:
        return team_service.recommend_teams(session, view, challenge, team_service.TeamRequest()), ""
    except InvalidInput as exc:
        return None, exc.message


@router.post("/match-entries/{entry_id}/decide")
def decide_entry(
    session: SessionDep,
    user: FormUser,
    entry_id: Id,
    status: Annotated[MatchStatus, Form()],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    require_role(user, Role.hr, Role.admin)
    entry = reviews.decide(session, user, reviews.get_entry(session, entry_id), status, note)
    return back(f"/ui/challenges/{entry.challenge_id}/review#entry-{entry.id}")


@router.post("/match-entries/{entry_id}/move")
def move_entry(
    session: SessionDep, user: FormUser, entry_id: Id, direction: Annotated[str, Form(pattern="^(up|down)$")]
) -> Response:
    require_role(user, Role.hr, Role.admin)
    entry = reviews.move(session, user, reviews.get_entry(session, entry_id), -1 if direction == "up" else 1)
    return back(f"/ui/challenges/{entry.challenge_id}/review#entry-{entry.id}")


@router.post("/challenges/{challenge_id}/match-list")
def add_person(
    session: SessionDep,
    user: FormUser,
    challenge: VisibleChallenge,
    postdoc_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    require_role(user, Role.hr, Role.admin)
    reviews.add_by_hand(session, user, challenge, postdoc_id, note)
    return back(f"/ui/challenges/{challenge.id}/review")
