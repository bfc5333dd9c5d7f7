"""FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from app import api_docs, openapi, ui
from app.api import (
    accounts,
    admin,
    applications,
    challenges,
    enterprises,
    events,
    imports,
    postdocs,
    reviews,
    stations,
    teams,
    webhooks,
)
from app.config import Settings, get_settings
from app.errors import JiebangError, TooManyAttempts
from app.headers import SecurityHeadersMiddleware
from app.limits import BodyLimitMiddleware
from app.runtime import Runtime, build_runtime
from app.services.deliveries import drain_quietly
from app.session_cookies import ServerSessionMiddleware

__all__ = ["DESCRIPTION", "create_app"]

log = logging.getLogger(__name__)

DESCRIPTION = """
**Jiebang (揭榜)** matches postdocs with enterprises' technical problems (企业难题清单):
ranked candidates for each open call (揭榜挂帅) and recommended challenges for each postdoc.
Scores fuse dense sentence embeddings with bilingual BM25 (jieba for Chinese); every result
carries its evidence.
"""


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """Build the app; the runtime (database, model, indexes) is created at start-up if not given."""
    settings = settings or (runtime.settings if runtime else get_settings())
    secret = settings.session_secret  # refuses to build a server without a real key (prod)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = runtime is None
        app.state.runtime = runtime or await run_in_threadpool(
            partial(build_runtime, settings, reencode_in_background=True)
        )
        poller = asyncio.create_task(_drain_every(app.state.runtime)) if settings.delivery_poll_s else None
        yield
        if poller is not None:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
        if owned:
            await run_in_threadpool(app.state.runtime.save_snapshots)
            app.state.runtime.close()

    app = FastAPI(
        title="Jiebang 揭榜",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from local files by api_docs, not a CDN
        redoc_url=None,
    )
    for router in (
        admin,
        stations,
        postdocs,
        enterprises,
        challenges,
        teams,
        imports,
        accounts,
        reviews,
        applications,
        events,
        webhooks,
    ):
        app.include_router(router.router)
    app.add_middleware(BodyLimitMiddleware, limit_for=_body_limits(settings))
    # Signed, HttpOnly cookie holding a server-side session id; ends at sign-out or after
    # session_max_age_s.
    app.add_middleware(
        ServerSessionMiddleware,
        secret_key=secret,
        max_age=settings.session_max_age_s,
        https_only=settings.cookie_secure,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    _install_error_handlers(app)
    ui.install(app)
    openapi.install(app, settings)
    api_docs.install(app)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/health", tags=["service"])
    def health(request: Request) -> dict[str, object]:
        """Liveness, the model serving queries and its index sizes; ``reencode`` while the
        indexes are being re-encoded with another model (or when that failed)."""
        models = request.app.state.runtime.models
        view = models.view()  # replays the outbox first: sizes include every committed write
        body: dict[str, object] = {
            "status": "ok",
            "model_id": view.model_id,
            "indexes": {str(name): idx.size for name, idx in view.indexes.items()},
        }
        reencode = models.status()
        if reencode is not None:
            body["reencode"] = reencode
            body["reencode_error"] = models.error
        return body

    return app


async def _drain_every(runtime: Runtime) -> None:
    """The delivery log's periodic drain: retries, and whatever a request's own drain missed."""
    while True:
        await asyncio.sleep(runtime.settings.delivery_poll_s)
        await run_in_threadpool(drain_quietly, runtime.sessions, runtime.settings)


def _body_limits(settings: Settings):  # type: ignore[no-untyped-def]
    def limit_for(path: str) -> int:
        return settings.max_import_bytes if path.startswith("/imports") else settings.max_body_bytes

    return limit_for


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Exception)
    async def server_error(_: Request, exc: Exception) -> JSONResponse:
        # A bug (Starlette re-raises it afterwards, so the server logs it): say so, and say that
        # the connection closes, as the server closes it after a 500.
        return JSONResponse(
            {"detail": "internal error; it has been logged"}, status_code=500, headers={"Connection": "close"}
        )

    @app.exception_handler(JiebangError)
    async def domain_error(_: Request, exc: JiebangError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, TooManyAttempts) else None
        return JSONResponse(exc.payload(), status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": ".".join(str(p) for p in err["loc"] if p != "body"), "message": err["msg"]}
            for err in exc.errors()
        ]
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return JSONResponse({"detail": f"invalid input — {summary}", "errors": errors}, status_code=422)
