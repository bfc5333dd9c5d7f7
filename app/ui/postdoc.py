"""Pages of every role around one challenge (its detail page, team applications) and the
postdoc's own pages (the feed, bookmarks, applying as a team)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import DELIVER_AFTER, SearchViewDep, SessionDep, SettingsDep, load
from app.errors import JiebangError
from app.matching.filters import ChallengeFilters
from app.matching.recommend import rank_challenges
from app.services import applications as apps
from app.services import reviews, tenancy
from app.services.postdocs import postdocs_by_ids
from app.services.teammates import find_teammates, teammate_ids_by_email
from app.ui.enterprise import EDITABLE
from app.ui.error_text import localize_error
from app.ui.i18n import language
from app.ui.routes import FormUser, VisibleApplication, VisibleChallenge, WebUser, back, render, require_role
from models import MarkKind, Postdoc, Role

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/challenges/{challenge_id}")
def challenge_page(
    request: Request,
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: WebUser,
    challenge: VisibleChallenge,
) -> HTMLResponse:
    approved, applications, marks = [], [], set()
    if tenancy.can_change_challenge(user, challenge):
        approved = reviews.match_list(
            session, view, challenge, approved_only=True, evidence_of=settings.max_page_size
        )
        applications = apps.list_applications(
            session,
            lambda q: tenancy.scope_applications(q, user),
            challenge_id=challenge.id,
            limit=100,
            offset=0,
        )
    if user.postdoc_id is not None:
        marks = {k for k in MarkKind if challenge.id in apps.marked_ids(session, user.postdoc_id, k)}
    return render(
        request,
        "challenge.html",
        user,
        challenge=challenge,
        approved=approved,
        applications=applications,
        marks=marks,
        can_apply=user.role == Role.postdoc and challenge.status in apps.APPLICABLE,
        can_edit=tenancy.can_change_challenge(user, challenge) and challenge.status in EDITABLE,
        decidable=challenge.status in apps.APPLICABLE,
    )


@router.get("/feed")
def feed(request: Request, session: SessionDep, view: SearchViewDep, user: WebUser) -> HTMLResponse:
    require_role(user, Role.postdoc)
    assert user.postdoc_id is not None
    postdoc = load(session, user, Postdoc, user.postdoc_id)
    page = rank_challenges(session, view, postdoc, ChallengeFilters(), limit=20, offset=0)
    bookmarks = apps.bookmarked_challenges(session, postdoc.id)
    return render(
        request, "feed.html", user, page=page, marked={c.id for c in bookmarks}, bookmarks=bookmarks
    )


@router.post("/challenges/{challenge_id}/mark")
def mark(
    session: SessionDep,
    user: FormUser,
    challenge: VisibleChallenge,
    kind: Annotated[MarkKind, Form()],
    on: Annotated[bool, Form()] = True,
) -> Response:
    require_role(user, Role.postdoc)
    assert user.postdoc_id is not None
    apps.set_mark(session, user.postdoc_id, challenge.id, kind, on)
    return back("/ui/feed")


@router.get("/challenges/{challenge_id}/apply")
def apply_form(request: Request, user: WebUser, challenge: VisibleChallenge) -> HTMLResponse:
    require_role(user, Role.postdoc)
    return _apply_page(request, user, challenge, {}, members=[], found=[], who="", proposal="", emails="")


def _apply_page(request, user, challenge, errors, status_code=200, **typed):  # type: ignore[no-untyped-def]
    return render(request, "apply.html", user, status_code, challenge=challenge, errors=errors, **typed)


@router.post("/challenges/{challenge_id}/apply", dependencies=[DELIVER_AFTER])
def apply(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: FormUser,
    challenge: VisibleChallenge,
    proposal: Annotated[str, Form(max_length=100_000)] = "",
    members: Annotated[str, Form(max_length=5000)] = "",
    member_id: Annotated[list[int], Form(max_length=50)] = [],  # noqa: B006 (FastAPI default)
    who: Annotated[str, Form(max_length=100)] = "",
    find: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Apply as a team; with ``find``, look teammates up by name and show the form again with
    everything typed (no JavaScript needed)."""
    require_role(user, Role.postdoc)
    lang = language(request)
    chosen = [p for p in postdocs_by_ids(session, member_id) if p.id != user.postdoc_id]
    typed = {"proposal": proposal, "emails": members, "members": chosen, "who": who}
    if find:
        found = find_teammates(session, user, who, limit=settings.ui_name_search_limit)
        return _apply_page(request, user, challenge, {}, found=found, **typed)
    try:
        by_email = teammate_ids_by_email(session, user, members.splitlines())
        apps.apply(
            session,
            user,
            challenge,
            [*(p.id for p in chosen), *by_email],
            proposal,
            max_proposal_chars=settings.max_proposal_chars,
        )
    except JiebangError as exc:
        session.rollback()
        errors = {exc.field or "form": localize_error(exc.message, lang)}
        return _apply_page(request, user, challenge, errors, exc.status_code, found=[], **typed)
    return back("/ui/applications?sent=1")


@router.get("/applications")
def applications_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    rows = apps.list_applications(
        session, lambda q: tenancy.scope_applications(q, user), challenge_id=None, limit=100, offset=0
    )
    return render(
        request,
        "applications.html",
        user,
        applications=rows,
        sent="sent" in request.query_params,
        decidable=apps.APPLICABLE,
    )


@router.post("/applications/{application_id}/confirm")
def confirm(session: SessionDep, user: FormUser, application: VisibleApplication) -> Response:
    require_role(user, Role.postdoc)
    apps.confirm(session, user, application)
    return back("/ui/applications")


@router.post("/applications/{application_id}/decline")
def decline(session: SessionDep, user: FormUser, application: VisibleApplication) -> Response:
    require_role(user, Role.postdoc)
    apps.decline(session, user, application)
    return back("/ui/applications")


@router.post("/applications/{application_id}/decision", dependencies=[DELIVER_AFTER])
def decide_application(
    session: SessionDep,
    user: FormUser,
    application: VisibleApplication,
    decision: Annotated[str, Form(pattern="^(accepted|rejected)$")],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    require_role(user, Role.hr, Role.admin, Role.enterprise)
    apps.decide(session, user, application, decision, note)
    return back(f"/ui/challenges/{application.challenge_id}")
