"""Server-rendered web UI (Jinja2): sign-in, HR dashboard and match-list review, the postdoc feed
and application form, the enterprise's challenges and posting form, notifications.

Pages authenticate with the session cookie (or an API key, as the API does); every form that
changes state carries the session's CSRF token.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import func, select

from app.api.deps import Id, RuntimeDep, SessionDep, api_token, session_account
from app.errors import Forbidden, InvalidInput, JiebangError, NotAuthenticated
from app.matching.filters import ChallengeFilters
from app.matching.recommend import rank_challenges
from app.schemas.challenges import ChallengeCreate
from app.schemas.teams import TeamsPage
from app.security import new_csrf_token, same_token
from app.services import applications as apps
from app.services import audit, notifications, reviews, tenancy
from app.services import teams as team_service
from app.services.accounts import account_for_token, authenticate
from app.services.challenges import create_challenge
from app.ui.i18n import LANG_COOKIE, language, translator
from models import (
    Account,
    Application,
    ApplicationStatus,
    Challenge,
    ChallengeStatus,
    MarkKind,
    MatchEntry,
    MatchStatus,
    Postdoc,
    Role,
    Sector,
)

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(prefix="/ui", include_in_schema=False)

HOME = {Role.admin: "/ui/hr", Role.hr: "/ui/hr", Role.enterprise: "/ui/enterprise", Role.postdoc: "/ui/feed"}


class LoginRequired(Exception):
    """No valid session: the page redirects to the sign-in form."""


def _web_user(request: Request, session: SessionDep) -> Account:
    token = api_token(request)
    account = account_for_token(session, token) if token else session_account(request, session)
    if account is None:
        if token:
            raise NotAuthenticated("the API key is unknown or revoked")
        raise LoginRequired()
    request.state.by_cookie = not token
    return account


WebUser = Annotated[Account, Depends(_web_user)]


def _checked_user(
    request: Request, user: WebUser, csrf_token: Annotated[str | None, Form(max_length=100)] = None
) -> Account:
    """The signed-in account of a form post whose CSRF token matches the session's."""
    if request.state.by_cookie and not same_token(csrf_token, request.session.get("csrf")):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")
    return user


FormUser = Annotated[Account, Depends(_checked_user)]


def _csrf(request: Request) -> str:
    if "csrf" not in request.session:
        request.session["csrf"] = new_csrf_token()
    return str(request.session["csrf"])


def render(
    request: Request, name: str, user: Account | None, status_code: int = 200, **context: object
) -> HTMLResponse:
    lang = language(request)
    unread = 0
    if user is not None:
        with request.app.state.runtime.session() as session:
            unread = notifications.unread_count(session, user)
    context.update(
        t=translator(lang), lang=lang, user=user, csrf_token=_csrf(request), unread=unread, Role=Role
    )
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _require(user: Account, *roles: Role) -> None:
    if user.role not in roles:
        raise Forbidden("this page is for another role")


def _challenge(session: SessionDep, user: WebUser, challenge_id: Id) -> Challenge:
    challenge = session.get(Challenge, challenge_id)
    if challenge is None or not tenancy.can_see_challenge(user, challenge):
        raise tenancy.not_found("challenge", challenge_id)
    return challenge


VisibleChallenge = Annotated[Challenge, Depends(_challenge)]


def _application(session: SessionDep, user: WebUser, application_id: Id) -> Application:
    application = session.get(Application, application_id)
    if application is None or not tenancy.can_see_application(user, application):
        raise tenancy.not_found("application", application_id)
    return application


VisibleApplication = Annotated[Application, Depends(_application)]


# --- sign-in -------------------------------------------------------------------------------


@router.get("")
def home(request: Request, session: SessionDep) -> Response:
    account = session_account(request, session)
    return back(HOME[account.role] if account else "/ui/login")


@router.get("/login")
def login_form(request: Request, next: str = "") -> HTMLResponse:
    return render(request, "login.html", None, next=_safe_next(next), error=None)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str | None, Form(max_length=100)] = None,
    next: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    if not same_token(csrf_token, request.session.get("csrf")):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")
    account = authenticate(session, email, password)
    if account is None:
        t = translator(language(request))
        return render(
            request, "login.html", None, 401, next=_safe_next(next), error=t("bad_login"), email=email
        )
    request.session.clear()  # a new session id and CSRF token on sign-in
    request.session.update(account_id=account.id, csrf=new_csrf_token())
    return back(_safe_next(next) or HOME[account.role])


def _safe_next(url: str) -> str:
    return url if url.startswith("/ui/") and not url.startswith("//") else ""


@router.post("/logout")
def logout(request: Request, _: FormUser) -> Response:
    request.session.clear()
    return back("/ui/login")


# --- HR ------------------------------------------------------------------------------------


@router.get("/hr")
def hr_dashboard(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    _require(user, Role.hr, Role.admin)
    by_status = dict(session.execute(select(Challenge.status, func.count()).group_by(Challenge.status)).all())
    by_sector = dict(session.execute(select(Challenge.sector, func.count()).group_by(Challenge.sector)).all())
    pending = _pending_reviews(session)
    waiting = (
        select(func.count()).select_from(Application).where(Application.status == ApplicationStatus.pending)
    )
    return render(
        request,
        "hr_dashboard.html",
        user,
        pending_applications=session.scalar(waiting) or 0,
        by_status=[(s.value, by_status.get(s, 0)) for s in ChallengeStatus],
        by_sector=[(s.value, by_sector.get(s, 0)) for s in Sector],
        pending=pending,
    )


def _pending_reviews(session: SessionDep) -> list[tuple[Challenge, int]]:
    """Open or matched challenges whose list has no approved entry yet, with their list size."""
    live = select(Challenge).where(Challenge.status.in_([ChallengeStatus.open, ChallengeStatus.matched]))
    challenges = list(session.scalars(live.order_by(Challenge.id).limit(200)))
    approved = set(
        session.scalars(select(MatchEntry.challenge_id).where(MatchEntry.status == MatchStatus.approved))
    )
    sizes = Counter(session.scalars(select(MatchEntry.challenge_id)))
    return [(c, sizes.get(c.id, 0)) for c in challenges if c.id not in approved]


@router.get("/challenges/{challenge_id}/review")
def review_page(
    request: Request, session: SessionDep, runtime: RuntimeDep, user: WebUser, challenge: VisibleChallenge
) -> HTMLResponse:
    _require(user, Role.hr, Role.admin)
    reviews.seed_match_list(session, runtime, user, challenge)
    items = reviews.match_list(session, runtime, challenge, approved_only=False)
    log = audit.challenge_log(session, challenge.id, limit=30, offset=0)
    teams, teams_error = _proposed_teams(session, runtime, challenge)
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


def _proposed_teams(
    session: SessionDep, runtime: RuntimeDep, challenge: Challenge
) -> tuple[TeamsPage | None, str]:
    """The top teams (default sizes and count) from the service the teams API uses, or why none:
    ``None`` when the challenge is not open or matched, an error message when teams cannot be
    proposed (no requirements could be extracted)."""
    if challenge.status not in team_service.TEAMABLE_STATUSES:
        return None, ""
    try:
        return team_service.recommend_teams(session, runtime, challenge, team_service.TeamRequest()), ""
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
    _require(user, Role.hr, Role.admin)
    entry = reviews.decide(session, user, reviews.get_entry(session, entry_id), status, note)
    return back(f"/ui/challenges/{entry.challenge_id}/review#entry-{entry.id}")


@router.post("/match-entries/{entry_id}/move")
def move_entry(
    session: SessionDep, user: FormUser, entry_id: Id, direction: Annotated[str, Form(pattern="^(up|down)$")]
) -> Response:
    _require(user, Role.hr, Role.admin)
    entry = reviews.get_entry(session, entry_id)
    order = [e.id for e in reviews.entries(session, entry.challenge_id)]
    i = order.index(entry.id)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        reviews.reorder(session, user, entry.challenge, order)
    return back(f"/ui/challenges/{entry.challenge_id}/review#entry-{entry.id}")


@router.post("/challenges/{challenge_id}/match-list")
def add_person(
    session: SessionDep,
    user: FormUser,
    challenge: VisibleChallenge,
    postdoc_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    _require(user, Role.hr, Role.admin)
    reviews.add_by_hand(session, user, challenge, postdoc_id, note)
    return back(f"/ui/challenges/{challenge.id}/review")


# --- challenge detail (every role, tenancy applies) ------------------------------------------


@router.get("/challenges/{challenge_id}")
def challenge_page(
    request: Request, session: SessionDep, runtime: RuntimeDep, user: WebUser, challenge: VisibleChallenge
) -> HTMLResponse:
    approved, applications, marks = [], [], set()
    if tenancy.can_change_challenge(user, challenge):
        approved = reviews.match_list(session, runtime, challenge, approved_only=True)
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
    )


# --- postdoc -------------------------------------------------------------------------------


@router.get("/feed")
def feed(request: Request, session: SessionDep, runtime: RuntimeDep, user: WebUser) -> HTMLResponse:
    _require(user, Role.postdoc)
    postdoc = session.get(Postdoc, user.postdoc_id)
    assert postdoc is not None
    page = rank_challenges(session, runtime, postdoc, ChallengeFilters(), limit=20, offset=0)
    bookmarks = apps.bookmarked(session, postdoc.id)
    marked = {m.challenge_id for m in bookmarks}
    titles = {c.id: c for c in session.scalars(select(Challenge).where(Challenge.id.in_(marked)))}
    return render(
        request,
        "feed.html",
        user,
        page=page,
        marked=marked,
        bookmarks=[titles[m.challenge_id] for m in bookmarks],
    )


@router.post("/challenges/{challenge_id}/mark")
def mark(
    session: SessionDep,
    user: FormUser,
    challenge: VisibleChallenge,
    kind: Annotated[MarkKind, Form()],
    on: Annotated[bool, Form()] = True,
) -> Response:
    _require(user, Role.postdoc)
    assert user.postdoc_id is not None
    apps.set_mark(session, user.postdoc_id, challenge.id, kind, on)
    return back("/ui/feed")


@router.get("/challenges/{challenge_id}/apply")
def apply_form(request: Request, user: WebUser, challenge: VisibleChallenge) -> HTMLResponse:
    _require(user, Role.postdoc)
    return render(request, "apply.html", user, challenge=challenge, error=None, members="", proposal="")


@router.post("/challenges/{challenge_id}/apply")
def apply(
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    user: FormUser,
    challenge: VisibleChallenge,
    proposal: Annotated[str, Form(max_length=100_000)],
    members: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    _require(user, Role.postdoc)
    t = translator(language(request))
    try:
        member_ids = _member_ids(session, members, t("unknown_member"))
        apps.apply(session, runtime, user, challenge, member_ids, proposal)
    except JiebangError as exc:
        session.rollback()
        return render(
            request,
            "apply.html",
            user,
            exc.status_code,
            challenge=challenge,
            error=exc.message,
            members=members,
            proposal=proposal[:200],
        )
    return back("/ui/applications?sent=1")


def _member_ids(session: SessionDep, text: str, unknown: str) -> list[int]:
    ids = []
    for email in (line.strip().lower() for line in text.splitlines()):
        if not email:
            continue
        postdoc_id = session.scalar(select(Postdoc.id).where(func.lower(Postdoc.email) == email))
        if postdoc_id is None:
            raise InvalidInput(unknown + email, field="members")
        ids.append(postdoc_id)
    return ids


@router.get("/applications")
def applications_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    rows = apps.list_applications(
        session, lambda q: tenancy.scope_applications(q, user), challenge_id=None, limit=100, offset=0
    )
    return render(request, "applications.html", user, applications=rows, sent="sent" in request.query_params)


@router.post("/applications/{application_id}/confirm")
def confirm(session: SessionDep, user: FormUser, application: VisibleApplication) -> Response:
    _require(user, Role.postdoc)
    apps.confirm(session, user, application)
    return back("/ui/applications")


@router.post("/applications/{application_id}/decision")
def decide_application(
    session: SessionDep,
    user: FormUser,
    application: VisibleApplication,
    decision: Annotated[str, Form(pattern="^(accepted|rejected)$")],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    _require(user, Role.hr, Role.admin, Role.enterprise)
    apps.decide(session, user, application, decision, note)
    return back(f"/ui/challenges/{application.challenge_id}")


# --- enterprise ----------------------------------------------------------------------------


@router.get("/enterprise")
def enterprise_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    _require(user, Role.enterprise)
    query = tenancy.scope_challenges(select(Challenge).order_by(Challenge.id.desc()), user)
    return render(request, "enterprise.html", user, challenges=list(session.scalars(query.limit(200))))


@router.get("/enterprise/new")
def new_challenge_form(request: Request, user: WebUser) -> HTMLResponse:
    _require(user, Role.enterprise)
    return render(request, "challenge_form.html", user, sectors=list(Sector), error=None, values={})


@router.post("/enterprise/new")
def post_challenge(
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    user: FormUser,
    title: Annotated[str, Form(max_length=300)],
    description: Annotated[str, Form(max_length=10000)],
    sector: Annotated[str, Form(max_length=40)],
    expertise: Annotated[str, Form(max_length=2000)] = "",
    publish: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    _require(user, Role.enterprise)
    values = {"title": title, "description": description, "sector": sector, "expertise": expertise}
    terms = [x.strip() for x in expertise.replace("，", ",").split(",") if x.strip()]
    try:
        data = ChallengeCreate.model_validate(
            {
                "enterprise_id": user.enterprise_id,
                "title": title,
                "description": description,
                "sector": sector,
                "required_expertise": terms,
                "status": "open" if publish else "draft",
            }
        )
        challenge = create_challenge(session, runtime, data)
        notifications.announce_challenge(session, runtime, challenge)
    except (JiebangError, ValidationError) as exc:
        session.rollback()
        if isinstance(exc, JiebangError):
            message = exc.message
        else:
            message = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors()[:3])
        return render(
            request, "challenge_form.html", user, 422, sectors=list(Sector), error=message, values=values
        )
    return back(f"/ui/challenges/{challenge.id}")


# --- notifications -------------------------------------------------------------------------


@router.get("/notifications")
def notifications_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    rows = notifications.list_notifications(session, user, limit=100, offset=0)
    return render(request, "notifications.html", user, rows=rows)


@router.post("/notifications/{notification_id}/read")
def read_notification(session: SessionDep, user: FormUser, notification_id: Id) -> Response:
    notifications.mark_read(session, user, notification_id)
    return back("/ui/notifications")


def login_redirect(request: Request, _: Exception) -> Response:
    return back(f"/ui/login?next={quote(request.url.path)}")


def error_page(request: Request, exc: JiebangError) -> HTMLResponse:
    return render(request, "error.html", None, exc.status_code, message=exc.message)
