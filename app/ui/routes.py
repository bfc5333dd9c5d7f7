"""The web UI's shared parts and its account pages: templates, the web-session user, page
loaders (the API's, with the web user), rendering, sign-in and notifications.

Pages authenticate with the session cookie (or an API key, as the API does); every form that
changes state carries the session's CSRF token. The role pages are app/ui/hr.py,
app/ui/postdoc.py and app/ui/enterprise.py; none of them runs SQL: they call services.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from app.api.deps import (
    Id,
    SessionDep,
    SettingsDep,
    api_token,
    loader,
    session_account,
)
from app.errors import Forbidden, NotAuthenticated
from app.security import new_csrf_token, same_token
from app.services import notifications, tenancy
from app.services.accounts import account_for_token, authenticate, set_language
from app.services.events import local_clock
from app.services.sign_in import SignInLimits
from app.ui.i18n import LANG_COOKIE, language, translator
from app.ui.links import target_url
from models import Account, Application, ApplicationMember, Challenge, Enterprise, Role

__all__ = [
    "HERE",
    "HOME",
    "FormUser",
    "LoginRequired",
    "VisibleApplication",
    "VisibleChallenge",
    "VisibleEnterprise",
    "WebUser",
    "back",
    "money",
    "page_user",
    "render",
    "require_role",
    "router",
    "templates",
    "visible_team",
]

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals["target_url"] = target_url


def money(amount: int | None, lang: str) -> str:
    """A budget as people write it: 50 万元, or CNY 500,000."""
    if amount is None:
        return ""
    if lang != "zh":
        return f"CNY {amount:,}"
    wan = amount / 10_000
    return f"{wan:,.0f} 万元" if wan == int(wan) else f"{wan:,.2f} 万元"


templates.env.globals["money"] = money


def lang_url(request: Request, lang: str) -> str:
    """This page in another language, keeping its query (filters, page)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return "?" + urlencode([*params, ("lang", lang)])


templates.env.globals["lang_url"] = lang_url


def visible_team(user: Account, application: Application) -> tuple[list[ApplicationMember], int]:
    """The members whose names ``user`` may see, and how many others are pending."""
    shown = [m for m in application.members if tenancy.sees_member_name(user, m)]
    return shown, len(application.members) - len(shown)


templates.env.globals["visible_team"] = visible_team
router = APIRouter(prefix="/ui", include_in_schema=False)

HOME = {Role.admin: "/ui/hr", Role.hr: "/ui/hr", Role.enterprise: "/ui/enterprise", Role.postdoc: "/ui/feed"}


# Fields never carried through a sign-in: secrets, and the old session's token.
_NOT_KEPT = {"csrf_token", "password"}


class LoginRequired(Exception):
    """No valid session. A page view redirects to the sign-in form; a form post shows it at
    once, carrying what was typed (``kept``: the form's fields) and where it was going."""

    def __init__(self, kept: list[tuple[str, str]] | None = None, back_to: str = "") -> None:
        super().__init__("sign-in required")
        self.kept, self.back_to = kept, back_to


def _lookup(request: Request, session: SessionDep, token: str | None) -> Account | None:
    return account_for_token(session, token) if token else session_account(request, session)


async def _web_user(request: Request, session: SessionDep) -> Account:
    token = api_token(request)
    account = await run_in_threadpool(_lookup, request, session, token)
    if account is None:
        if token:
            raise NotAuthenticated("the API key is unknown or revoked")
        if request.method == "POST":
            # FastAPI already parsed this request's form (cached on the request object).
            form = await request.form()
            kept = [
                (k, v) for k, v in form.multi_items() if k not in _NOT_KEPT and not isinstance(v, UploadFile)
            ]
            raise LoginRequired(kept, _referer_path(request))
        raise LoginRequired()
    request.state.by_cookie = not token
    return account


def _referer_path(request: Request) -> str:
    """The page a form was posted from, when it is one of ours."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc and referer.netloc != request.url.netloc:
        return ""
    path = referer.path + (f"?{referer.query}" if referer.query else "")
    return _safe_next(path)


WebUser = Annotated[Account, Depends(_web_user)]


def _checked_user(
    request: Request, user: WebUser, csrf_token: Annotated[str | None, Form(max_length=100)] = None
) -> Account:
    """The signed-in account of a form post whose CSRF token matches the session's."""
    if request.state.by_cookie and not same_token(csrf_token, request.session.get("csrf")):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")
    return user


FormUser = Annotated[Account, Depends(_checked_user)]


# The API's loaders (same tenancy, same 404), with the web-session user.
VisibleChallenge = Annotated[Challenge, Depends(loader(Challenge, _web_user))]
VisibleApplication = Annotated[Application, Depends(loader(Application, _web_user))]
VisibleEnterprise = Annotated[Enterprise, Depends(loader(Enterprise, _web_user))]


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
        with request.app.state.runtime.sessions() as session:
            unread = notifications.unread_count(session, user)
    zone = request.app.state.runtime.settings.event_zone
    context.setdefault("today", date.today())
    context.update(
        t=translator(lang), lang=lang, user=user, csrf_token=_csrf(request), unread=unread, Role=Role
    )
    # Times are shown as the programme reads them (JIEBANG_EVENT_TIMEZONE), not in UTC.
    context.update(when=lambda moment: local_clock(moment, zone) if moment else "")
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def require_role(user: Account, *roles: Role) -> None:
    if user.role not in roles:
        raise Forbidden("this page is for another role")


# --- sign-in -------------------------------------------------------------------------------


@router.get("")
def home(request: Request, session: SessionDep) -> Response:
    account = session_account(request, session)
    return back(HOME[account.role] if account else "/ui/login")


@router.get("/login")
def login_form(request: Request, next: str = "", why: str = "") -> HTMLResponse:
    notice = translator(language(request))("please_sign_in") if why == "signin" else ""
    return render(request, "login.html", None, next=_safe_next(next), error=None, notice=notice)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str | None, Form(max_length=100)] = None,
    next: Annotated[str, Form(max_length=300)] = "",
    resume: Annotated[str, Form(max_length=1_000_000)] = "",
    resume_action: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    if not same_token(csrf_token, request.session.get("csrf")):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")
    account = authenticate(session, email, password, limits=SignInLimits.from_settings(settings))
    kept = _kept_fields(resume) if _safe_next(resume_action) else []
    if account is None:
        t = translator(language(request))
        return render(
            request,
            "login.html",
            None,
            401,
            next=_safe_next(next),
            error=t("bad_login"),
            email=email,
            resume=resume if kept else "",
            resume_action=resume_action if kept else "",
        )
    request.session.clear()  # a new session id and CSRF token on sign-in
    request.session.update(account_id=account.id, csrf=new_csrf_token())
    if kept:
        # Back to the interrupted form: what was typed, posted again with the new session.
        return render(
            request, "resume.html", account, action=resume_action, fields=kept, back_to=_safe_next(next)
        )
    return back(_safe_next(next) or HOME[account.role])


def _kept_fields(resume: str) -> list[tuple[str, str]]:
    try:
        pairs = json.loads(resume) if resume else []
    except ValueError:
        return []
    if not isinstance(pairs, list):
        return []
    return [(str(p[0]), str(p[1])) for p in pairs if isinstance(p, list) and len(p) == 2]


def _safe_next(url: str) -> str:
    return url if url.startswith("/ui/") and not url.startswith("//") else ""


@router.post("/logout")
def logout(request: Request, _: FormUser) -> Response:
    request.session.clear()
    return back("/ui/login")


# --- notifications -------------------------------------------------------------------------


@router.get("/notifications")
def notifications_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    rows = notifications.list_notifications(session, user, limit=100, offset=0)
    return render(request, "notifications.html", user, rows=rows)


@router.post("/notifications/language")
def notification_language(
    session: SessionDep, user: FormUser, language: Annotated[str, Form(pattern="^(zh|en)$")]
) -> Response:
    """The one language the account's notifications and emails are written in from now on."""
    set_language(session, user, language)
    return back("/ui/notifications?language_saved=1")


@router.post("/notifications/{notification_id}/read")
def read_notification(session: SessionDep, user: FormUser, notification_id: Id) -> Response:
    notifications.mark_read(session, user, notification_id)
    return back("/ui/notifications")


def page_user(request: Request) -> Account | None:
    """The signed-in account of a page whose route did not resolve one (error pages)."""
    if "session" not in request.scope:
        return None
    with request.app.state.runtime.sessions() as session:
        account = session_account(request, session)
        if account is not None:
            session.expunge(account)
        return account
