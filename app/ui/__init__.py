"""The web UI: ``install(app)`` adds its routes, static files and HTML error pages."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import Response

from app.errors import JiebangError
from app.ui import (
    accounts,
    challenge_list,
    enterprise,
    events,
    hr,
    postdoc,
    profiles,
    review_table,
    webhooks,
)
from app.ui.error_pages import error_page, http_error_page, login_redirect, validation_error_page
from app.ui.routes import HERE, LoginRequired, router

__all__ = ["install"]


def install(app: FastAPI) -> None:
    pages = (
        router,
        challenge_list.router,
        review_table.router,
        profiles.router,
        hr.router,
        postdoc.router,
        enterprise.router,
        events.router,
        accounts.router,
        webhooks.router,
    )
    for page_router in pages:
        app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(LoginRequired, login_redirect)
    # Pages get an HTML error page; the API keeps its JSON body.
    _under_ui(app, JiebangError, error_page)
    _under_ui(app, RequestValidationError, validation_error_page)
    _under_ui(app, HTTPException, http_error_page)


def _under_ui(app: FastAPI, kind: type[Exception], page: Callable) -> None:
    """Route ``kind`` under /ui to ``page``; elsewhere to the handler the app had for it."""
    fallback = app.exception_handlers[kind]

    async def handler(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/ui"):
            return page(request, exc)  # type: ignore[no-any-return]
        response = fallback(request, exc)
        return await response if inspect.isawaitable(response) else response  # type: ignore[no-any-return]

    app.add_exception_handler(kind, handler)
