"""The accounts pages for admins (the role model gives accounts to admins only; programme HR
gets the 403 page): the paged, searchable list with the creation form, and one account's page
(deactivate / reactivate, a new password, API keys reset or revoked).

A form error re-renders its page with what was typed and the message by the field; a new API
key's token is shown once, in the answer to the post that made it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.api.deps import Id, SessionDep, SettingsDep
from app.errors import JiebangError
from app.schemas.accounts import AccountCreate
from app.services import account_admin
from app.services.accounts import create_account, get_account, list_api_keys, revoke_api_key
from app.services.enterprises import enterprise_choices
from app.ui.challenge_list import page_links, page_number
from app.ui.error_text import form_errors
from app.ui.i18n import language
from app.ui.routes import FormUser, WebUser, back, render, require_role
from models import Account, Role

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)
QUERY_KEYS = ("q", "role")
_FORM_FIELD = {"postdoc_id": "postdoc_email"}
Text = Annotated[str, Form(max_length=1000)]


def _role(raw: str) -> Role | None:
    return Role(raw) if raw in Role.__members__ else None


def _list_page(request, session, settings, user, values=None, errors=None, status_code=200):  # type: ignore[no-untyped-def]
    params = dict(request.query_params)
    size, page = settings.ui_list_page_size, page_number(params, settings)
    rows, total = account_admin.list_accounts(
        session,
        text=params.get("q", "")[:100],
        role=_role(params.get("role", "")),
        limit=size,
        offset=(page - 1) * size,
    )
    pages = max(1, -(-total // size))
    enterprises = enterprise_choices(session, limit=settings.max_page_size)
    return render(
        request,
        "accounts.html",
        user,
        status_code,
        rows=rows,
        keys=account_admin.active_key_counts(session, [a.id for a in rows]),
        total=total,
        page=page,
        pages=pages,
        links=page_links(params, page, pages, QUERY_KEYS),
        params=params,
        roles=list(Role),
        enterprises=enterprises,
        values=values or {},
        errors=errors or {},
    )


@router.get("/accounts")
def accounts_page(
    request: Request, session: SessionDep, settings: SettingsDep, user: WebUser
) -> HTMLResponse:
    require_role(user, Role.admin)
    return _list_page(request, session, settings, user)


class AccountForm:
    """The creation form's fields as typed (checked by ``AccountCreate`` afterwards)."""

    def __init__(
        self,
        email: Text = "",
        name: Text = "",
        role: Annotated[str, Form(max_length=40)] = "",
        password: Annotated[str, Form(max_length=200)] = "",
        enterprise_id: Annotated[str, Form(max_length=20)] = "",
        postdoc_email: Text = "",
    ) -> None:
        self.values = dict(
            email=email.strip(),
            name=name.strip(),
            role=role,
            enterprise_id=enterprise_id,
            postdoc_email=postdoc_email.strip(),
        )
        self.password = password

    def fields(self, session: Session) -> dict[str, object]:
        """The schema's fields; a postdoc account links to the profile with its email."""
        v = self.values
        role = v["role"]
        email = v["postdoc_email"] or v["email"]
        postdoc = account_admin.postdoc_for_email(session, email) if role == Role.postdoc else None
        return {
            "email": v["email"],
            "name": v["name"],
            "role": role,
            "password": self.password or None,
            "enterprise_id": (v["enterprise_id"] or None) if role == Role.enterprise else None,
            "postdoc_id": postdoc,
        }


@router.post("/accounts")
def create_account_form(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: FormUser,
    form: Annotated[AccountForm, Depends()],
) -> Response:
    require_role(user, Role.admin)
    try:
        data = AccountCreate.model_validate(form.fields(session))
        account = create_account(session, **data.model_dump())
    except (JiebangError, ValidationError) as exc:
        session.rollback()
        errors = form_errors(exc, language(request), _FORM_FIELD)
        return _list_page(request, session, settings, user, form.values, errors, 422)
    return back(f"/ui/accounts/{account.id}?created=1")


def _admin_account(session: SessionDep, user: WebUser, account_id: Id) -> Account:
    require_role(user, Role.admin)
    return get_account(session, account_id)


def _admin_account_posted(session: SessionDep, user: FormUser, account_id: Id) -> Account:
    return _admin_account(session, user, account_id)


ShownAccount = Annotated[Account, Depends(_admin_account)]
ChangedAccount = Annotated[Account, Depends(_admin_account_posted)]


def _account_page(request, session, user, account, status_code=200, **context):  # type: ignore[no-untyped-def]
    return render(
        request,
        "account.html",
        user,
        status_code,
        account=account,
        api_keys=list_api_keys(session, account),
        created=request.query_params.get("created") == "1",
        errors=context.pop("errors", {}),
        **context,
    )


@router.get("/accounts/{account_id}")
def account_page(request: Request, session: SessionDep, user: WebUser, account: ShownAccount) -> HTMLResponse:
    return _account_page(request, session, user, account)


@router.post("/accounts/{account_id}/active")
def set_active(
    request: Request,
    session: SessionDep,
    user: FormUser,
    account: ChangedAccount,
    active: Annotated[bool, Form()],
) -> Response:
    try:
        account_admin.set_active(session, user, account, active)
    except JiebangError as exc:
        session.rollback()
        errors = form_errors(exc, language(request), {})
        return _account_page(request, session, user, account, exc.status_code, errors=errors)
    return back(f"/ui/accounts/{account.id}")


@router.post("/accounts/{account_id}/password")
def set_password(
    request: Request,
    session: SessionDep,
    user: FormUser,
    account: ChangedAccount,
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        account_admin.set_password(session, account, password)
    except JiebangError as exc:
        session.rollback()
        errors = form_errors(exc, language(request), {})
        return _account_page(request, session, user, account, exc.status_code, errors=errors)
    return _account_page(request, session, user, account, password_set=True)


@router.post("/accounts/{account_id}/api-keys/reset")
def reset_api_key(request: Request, session: SessionDep, user: FormUser, account: ChangedAccount) -> Response:
    _, token = account_admin.reset_api_key(session, account)
    return _account_page(request, session, user, account, token=token)


@router.post("/api-keys/{key_id}/revoke")
def revoke_key(session: SessionDep, user: FormUser, key_id: Id) -> Response:
    require_role(user, Role.admin)
    key = revoke_api_key(session, user, key_id)
    return back(f"/ui/accounts/{key.account_id}")
