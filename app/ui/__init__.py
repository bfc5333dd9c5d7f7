"""The web UI: ``install(app)`` adds its routes, static files and HTML error pages."""

from __future__ import annotations

import inspect

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

from app.errors import JiebangError
from app.ui import enterprise, events, hr, postdoc
from app.ui.routes import HERE, LoginRequired, error_page, login_redirect, router

__all__ = ["install"]


def install(app: FastAPI) -> None:
    for pages in (router, hr.router, postdoc.router, enterprise.router, events.router):
        app.include_router(pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(LoginRequired, login_redirect)
    json_handler = app.exception_handlers[JiebangError]

    async def domain_error(request: Request, exc: Exception) -> Response:
        # Pages get an HTML error page; the API keeps its JSON body.
        if request.url.path.startswith("/ui") and isinstance(exc, JiebangError):
            return error_page(request, exc)
        response = json_handler(request, exc)
        return await response if inspect.isawaitable(response) else response

    app.add_exception_handler(JiebangError, domain_error)
