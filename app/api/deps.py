"""Annotated dependencies shared by the routers.

Authentication: an API key (``Authorization: Bearer jb_…`` or ``X-API-Key``) or the web session
cookie; a cookie-authenticated request that changes state must carry ``X-CSRF-Token``.
Tenancy: loaders (``ChallengeDep``, ``PostdocDep`` …) fetch by id *and* caller and raise the
same 404 for "no such id" and "not yours"; role checks (``require``) come first and say 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from app.errors import Forbidden, InvalidInput, NotAuthenticated
from app.runtime import Runtime
from app.schemas.common import BoundedId, whole_number
from app.security import same_token
from app.services import tenancy
from app.services.accounts import account_for_token
from models import Account, Application, Challenge, Enterprise, Postdoc, Role

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
STAFF = (Role.admin, Role.hr)


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def _session(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(_session)]

Id = Annotated[BoundedId, BeforeValidator(whole_number), Path(description="database id")]


class PageParams:
    def __init__(
        self,
        runtime: RuntimeDep,
        limit: Annotated[int, Query(ge=1, le=1000, description="page size (≤ max_page_size)")] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> None:
        settings = runtime.settings
        if limit > settings.max_page_size:
            raise InvalidInput(f"limit must be at most {settings.max_page_size}", field="limit")
        if offset > settings.max_offset:
            raise InvalidInput(f"offset must be at most {settings.max_offset}", field="offset")
        self.limit = limit
        self.offset = offset


PageDep = Annotated[PageParams, Depends()]


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


def _challenge(session: SessionDep, user: CurrentUser, challenge_id: Id) -> Challenge:
    challenge = session.get(Challenge, challenge_id)
    if challenge is None or not tenancy.can_see_challenge(user, challenge):
        raise tenancy.not_found("challenge", challenge_id)
    return challenge


def _owned_challenge(user: CurrentUser, challenge: Annotated[Challenge, Depends(_challenge)]) -> Challenge:
    # Only reached after the role check of the route, so a postdoc never gets here for writes.
    if not tenancy.can_change_challenge(user, challenge):
        raise tenancy.not_found("challenge", challenge.id)
    return challenge


def _postdoc(session: SessionDep, user: CurrentUser, postdoc_id: Id) -> Postdoc:
    postdoc = session.get(Postdoc, postdoc_id)
    if postdoc is None or not tenancy.can_see_postdoc(user, postdoc_id):
        raise tenancy.not_found("postdoc", postdoc_id)
    return postdoc


def _enterprise(session: SessionDep, user: CurrentUser, enterprise_id: Id) -> Enterprise:
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None or not tenancy.can_see_enterprise(user, enterprise_id):
        raise tenancy.not_found("enterprise", enterprise_id)
    return enterprise


def _application(session: SessionDep, user: CurrentUser, application_id: Id) -> Application:
    application = session.get(Application, application_id)
    if application is None or not tenancy.can_see_application(user, application):
        raise tenancy.not_found("application", application_id)
    return application


# A challenge the caller may see (HR/admin: any; enterprise: its own; postdoc: published ones).
ChallengeDep = Annotated[Challenge, Depends(_challenge)]
ChallengeOfCaller = ChallengeDep
# A challenge the caller may change (HR/admin, or the enterprise that posted it).
OwnedChallengeDep = Annotated[Challenge, Depends(_owned_challenge)]
PostdocDep = Annotated[Postdoc, Depends(_postdoc)]
EnterpriseDep = Annotated[Enterprise, Depends(_enterprise)]
ApplicationDep = Annotated[Application, Depends(_application)]
