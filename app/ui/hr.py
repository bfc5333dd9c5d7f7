"""HR pages: the programme dashboard and single-entry review actions (decide, move, add); the
review page itself is app/ui/review_table.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import DELIVER_AFTER, Id, SessionDep, SettingsDep
from app.services import dashboard, reviews
from app.ui.review_table import review_url
from app.ui.routes import FormUser, VisibleChallenge, WebUser, back, render, require_role
from models import MatchStatus, Role

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/hr")
def hr_dashboard(request: Request, session: SessionDep, settings: SettingsDep, user: WebUser) -> HTMLResponse:
    require_role(user, Role.hr, Role.admin)
    counts = dashboard.programme_counts(session)
    overview = dashboard.programme_overview(
        session, zone=settings.event_zone, months=settings.ui_dashboard_months
    )
    return render(
        request,
        "hr_dashboard.html",
        user,
        pending_applications=counts.pending_applications,
        by_status=counts.by_status,
        overview=overview,
        pending=dashboard.pending_reviews(session),
    )


@router.post("/match-entries/{entry_id}/decide", dependencies=[DELIVER_AFTER])
def decide_entry(
    session: SessionDep,
    user: FormUser,
    entry_id: Id,
    status: Annotated[MatchStatus, Form()],
    note: Annotated[str, Form(max_length=1000)] = "",
    view: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    require_role(user, Role.hr, Role.admin)
    entry = reviews.get_entry(session, entry_id)
    # The table's note box is shared by its rows: left empty, the entry keeps its note.
    reviews.decide(session, user, entry, status, note.strip() or entry.note)
    return back(review_url(entry.challenge_id, view, f"#entry-{entry.id}"))


@router.post("/match-entries/{entry_id}/move")
def move_entry(
    session: SessionDep, user: FormUser, entry_id: Id, direction: Annotated[str, Form(pattern="^(up|down)$")]
) -> Response:
    require_role(user, Role.hr, Role.admin)
    entry = reviews.move(session, user, reviews.get_entry(session, entry_id), -1 if direction == "up" else 1)
    return back(review_url(entry.challenge_id, anchor=f"#entry-{entry.id}"))


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
    return back(review_url(challenge.id))
