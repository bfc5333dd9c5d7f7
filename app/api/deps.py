"""Annotated dependencies shared by the routers.

Authentication: an API key (``Authorization: Bearer jb_…`` or ``X-API-Key``) or the web session
cookie; a cookie-authenticated request that changes state must carry ``X-CSRF-Token``.
Tenancy: loaders (``ChallengeDep``, ``PostdocDep`` …) fetch by id *and* caller and raise the
same 404 for "no such id" and "not yours"; role checks (``require``) come first and say 403.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, TypeVar

from fastapi import BackgroundTasks, Depends, Path, Query, Request
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import Forbidden, InvalidInput, NotAuthenticated
from app.matching.view import SearchView
from app.runtime import Runtime
from app.schemas.common import BoundedId, whole_number
from app.security import same_token
from app.services import tenancy
from app.services.accounts import account_for_token
from app.services.deliveries import drain_quietly
from models import Account, Application, Challenge, Enterprise, Postdoc, Role

__all__ = [
    "DELIVER_AFTER",
    "SAFE_METHODS",
    "SIGNED_IN",
    "STAFF",
    "STAFF_ONLY",
    "STAFF_OR_ENTERPRISE",
    "STAFF_OR_POSTDOC",
    "AdminUser",
    "ApplicationDep",
    "CallerLanguage",
    "ChallengeDep",
    "CurrentUser",
    "EnterpriseDep",
    "Id",
    "Lang",
    "OwnedChallengeDep",
    "PageDep",
    "PageParams",
    "PostdocDep",
    "RuntimeDep",
    "SearchViewDep",
    "SessionDep",
    "SettingsDep",
    "StaffUser",
    "WriteViewDep",
    "api_token",
    "caller_language",
    "load",
    "loader",
    "require",
    "session_account",
]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
STAFF = (Role.admin, Role.hr)
Lang = Annotated[Literal["zh", "en"] | None, Query(description="message language; default: the account's")]


def caller_language(user: Account, lang: str | None) -> str:
    """``lang`` when asked for, else the account's language (Chinese unless it says English)."""
    return lang or (user.language if user.language in ("zh", "en") else "zh")


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def _settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(_settings)]


def _session(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(_session)]


def _search_view(runtime: RuntimeDep) -> SearchView:
    """The serving model generation, up to date with the outbox: what a ranking reads."""
    return runtime.models.view()


def _write_view(runtime: RuntimeDep) -> SearchView:
    """The serving generation as it is: what a write encodes its documents with."""
    return runtime.models.current()


def _deliver_after(runtime: RuntimeDep, background: BackgroundTasks) -> None:
    """After the response (and so after the route's commit), send what it queued."""
    background.add_task(drain_quietly, runtime.sessions, runtime.settings)


# On routes whose use-case may queue webhook calls or emails (the periodic drain is the backstop).
DELIVER_AFTER = Depends(_deliver_after)

SearchViewDep = Annotated[SearchView, Depends(_search_view)]
WriteViewDep = Annotated[SearchView, Depends(_write_view)]

Id = Annotated[BoundedId, BeforeValidator(whole_number), Path(description="database id")]


class PageParams:
    def __init__(
        self,
        settings: SettingsDep,
        limit: Annotated[int, Query(ge=1, le=1000, description="page size (≤ max_page_size)")] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> None:
        if limit > settings.max_page_size:
            raise InvalidInput(f"limit must be at most {settings.max_page_size}", field="limit")
        if offset > settings.max_offset:
            raise InvalidInput(f"offset must be at most {settings.max_offset}", field="offset")
        self.limit = limit
        self.offset = offset


PageDep = Annotated[PageParams, Depends()]


def _caller_language(
    request: Request,
    lang: Annotated[str | None, Query(pattern="^(zh|en)$", description="language of messages")] = None,
) -> str:
    """``?lang=`` or the first of zh/en in Accept-Language; Chinese by default."""
    if lang:
        return lang
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ("zh", "en"):
            return tag
    return "zh"


CallerLanguage = Annotated[str, Depends(_caller_language)]


def api_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("x-api-key")


def session_account(request: Request, session: Session) -> Account | None:
    """The signed-in account of the web session cookie, if any."""
    account_id = request.session.get("account_id") if "session" in request.scope else None
    account = session.get(Account, account_id) if isinstance(account_id, int) else None
    return account if account is not None and account.is_active else None


def _current_user(request: Request, session: SessionDep) -> Account:
    token = api_token(request)
    if token:
        account = account_for_token(session, token)
        if account is None:
            raise NotAuthenticated("the API key is unknown or revoked")
        return account
    account = session_account(request, session)
    if account is None:
        raise NotAuthenticated("sign in (web session) or send an API key: Authorization: Bearer <key>")
    if request.method not in SAFE_METHODS and not same_token(
        request.headers.get("x-csrf-token"), request.session.get("csrf")
    ):
        raise Forbidden("CSRF token missing or wrong: send the X-CSRF-Token header of your session")
    return account


CurrentUser = Annotated[Account, Depends(_current_user)]


def require(*roles: Role) -> Callable[[Account], Account]:
    """A dependency that lets only ``roles`` through (403 otherwise; it does not look at ids)."""

    def check(user: CurrentUser) -> Account:
        if user.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise Forbidden(f"this action needs one of the roles: {allowed}")
        return user

    return check


STAFF_ONLY = [Depends(require(*STAFF))]
STAFF_OR_ENTERPRISE = [Depends(require(*STAFF, Role.enterprise))]
STAFF_OR_POSTDOC = [Depends(require(*STAFF, Role.postdoc))]
SIGNED_IN = [Depends(_current_user)]

StaffUser = Annotated[Account, Depends(require(*STAFF))]
AdminUser = Annotated[Account, Depends(require(Role.admin))]


# What each loader fetches, the name its 404 uses and who may see a row of it.
_VISIBLE: dict[type, tuple[str, Callable[[Account, Any], bool]]] = {
    Challenge: ("challenge", tenancy.can_see_challenge),
    Postdoc: ("postdoc", lambda user, row: tenancy.can_see_postdoc(user, row.id)),
    Enterprise: ("enterprise", lambda user, row: tenancy.can_see_enterprise(user, row.id)),
    Application: ("application", tenancy.can_see_application),
}
Row = TypeVar("Row", Challenge, Postdoc, Enterprise, Application)


def load(session: Session, user: Account, model: type[Row], row_id: int) -> Row:
    """The row if ``user`` may see it; the same 404 for "no such id" and "not yours"."""
    label, visible = _VISIBLE[model]
    row = session.get(model, row_id)
    if row is None or not visible(user, row):
        raise tenancy.not_found(label, row_id)
    return row


def loader(model: type[Row], user_dependency: Callable[..., Account]) -> Callable[..., Row]:
    """A dependency that loads ``model`` by the path's ``{<name>_id}`` for the account that
    ``user_dependency`` yields (the API's caller, or the web UI's signed-in user)."""
    param = f"{_VISIBLE[model][0]}_id"

    def load_row(session: Session, user: Account, row_id: int) -> Row:
        return load(session, user, model, row_id)

    load_row.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("session", inspect.Parameter.KEYWORD_ONLY, annotation=SessionDep),
            inspect.Parameter(
                "user",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[Account, Depends(user_dependency)],
            ),
            inspect.Parameter(
                "row_id",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[BoundedId, BeforeValidator(whole_number), Path(alias=param)],
            ),
        ]
    )
    return load_row


_challenge = loader(Challenge, _current_user)


def _owned_challenge(user: CurrentUser, challenge: Annotated[Challenge, Depends(_challenge)]) -> Challenge:
    # Only reached after the role check of the route, so a postdoc never gets here for writes.
    if not tenancy.can_change_challenge(user, challenge):
        raise tenancy.not_found("challenge", challenge.id)
    return challenge


# A challenge the caller may see (HR/admin: any; enterprise: its own; postdoc: published ones).
ChallengeDep = Annotated[Challenge, Depends(_challenge)]
# A challenge the caller may change (HR/admin, or the enterprise that posted it).
OwnedChallengeDep = Annotated[Challenge, Depends(_owned_challenge)]
PostdocDep = Annotated[Postdoc, Depends(loader(Postdoc, _current_user))]
EnterpriseDep = Annotated[Enterprise, Depends(loader(Enterprise, _current_user))]
ApplicationDep = Annotated[Application, Depends(loader(Application, _current_user))]
