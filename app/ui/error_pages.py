"""Error pages under /ui: HTML in the page's language with the menu of the signed-in user, for
domain errors, request validation errors and unknown paths; never the API's JSON.

A missing session on a page view redirects to the sign-in form saying why; on a form post the
sign-in form is shown at once and carries what was typed, so nothing is lost."""

from __future__ import annotations

import json
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from app.errors import JiebangError
from app.ui.error_text import localize_error, validation_message
from app.ui.i18n import MESSAGES, language, translator
from app.ui.routes import LoginRequired, back, page_user, render

__all__ = ["error_page", "http_error_page", "login_redirect", "validation_error_page"]


def error_page(request: Request, exc: JiebangError) -> HTMLResponse:
    return _page(request, exc.status_code, localize_error(exc.message, language(request)))


def _page(request: Request, status_code: int, message: str) -> HTMLResponse:
    t = translator(language(request))
    key = f"error_{status_code}"
    heading = t(key if key in MESSAGES else "error")
    return render(request, "error.html", page_user(request), status_code, heading=heading, message=message)


def validation_error_page(request: Request, exc: RequestValidationError) -> HTMLResponse:
    """422 with each bad field named in the page's language."""
    lang = language(request)
    t = translator(lang)
    parts = []
    for error in exc.errors()[:5]:
        field = next((str(p) for p in reversed(error.get("loc", ())) if isinstance(p, str)), "")
        parts.append(f"{t('field_' + field) if field else ''}{t('colon')}{validation_message(error, lang)}")
    return _page(request, 422, "；".join(parts) if lang == "zh" else "; ".join(parts))


def http_error_page(request: Request, exc: HTTPException) -> HTMLResponse:
    """Unknown paths (404) and wrong methods (405) under /ui."""
    t = translator(language(request))
    message = t("not_found") if exc.status_code == 404 else t("error_method")
    return _page(request, exc.status_code, message)


def login_redirect(request: Request, exc: Exception) -> Response:
    """The sign-in form: by redirect for a page view; at once, carrying the typed form and where
    it was posted, for a form post (the session expired while the person was typing)."""
    assert isinstance(exc, LoginRequired)
    if exc.kept is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return back(f"/ui/login?next={quote(path)}&why=signin")
    t = translator(language(request))
    return render(
        request,
        "login.html",
        None,
        401,
        next=exc.back_to,
        error=None,
        notice=t("session_expired_kept"),
        resume=json.dumps(exc.kept, ensure_ascii=False),
        resume_action=request.url.path,
    )
