from __future__ import annotations

from fastapi import APIRouter, status

from app.api.deps import AdminUser, CurrentUser, Id, SessionDep
from app.schemas.accounts import (
    AccountCreate,
    AccountPublic,
    AccountUpdateMe,
    ApiKeyCreate,
    ApiKeyIssued,
    ApiKeyPublic,
)
from app.services import accounts as service

__all__ = ["create_account", "issue_api_key", "list_api_keys", "me", "revoke_api_key", "router", "update_me"]

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.post("", response_model=AccountPublic, status_code=status.HTTP_201_CREATED)
def create_account(session: SessionDep, _: AdminUser, body: AccountCreate) -> object:
    """Create an account (admin only); enterprise/postdoc accounts name the row they belong to."""
    return service.create_account(session, **body.model_dump())


@router.get("/me", response_model=AccountPublic)
def me(user: CurrentUser) -> object:
    return user


@router.patch("/me", response_model=AccountPublic)
def update_me(session: SessionDep, user: CurrentUser, body: AccountUpdateMe) -> object:
    """Set the language of the caller's notifications and emails (one language per message)."""
    return service.set_language(session, user, body.language)


@router.post("/me/api-keys", response_model=ApiKeyIssued, status_code=status.HTTP_201_CREATED)
def issue_api_key(session: SessionDep, user: CurrentUser, body: ApiKeyCreate) -> object:
    """A new API key for the caller; the token is in this answer only."""
    key, token = service.issue_api_key(session, user, body.name)
    return ApiKeyIssued(**ApiKeyPublic.model_validate(key).model_dump(), token=token)


@router.get("/me/api-keys", response_model=list[ApiKeyPublic])
def list_api_keys(session: SessionDep, user: CurrentUser) -> object:
    return service.list_api_keys(session, user)


@router.delete("/me/api-keys/{key_id}", response_model=ApiKeyPublic)
def revoke_api_key(session: SessionDep, user: CurrentUser, key_id: Id) -> object:
    """Revoke one of the caller's keys (admin: any key); requests with it then get 401."""
    return service.revoke_api_key(session, user, key_id)
