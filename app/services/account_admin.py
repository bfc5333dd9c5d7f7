"""Account administration for admins: the paged, searchable list, deactivating and
reactivating, new passwords, and API-key resets (creating accounts and revoking one key are in
app/services/accounts.py)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.security import hash_password, new_api_token
from app.services.accounts import MIN_PASSWORD_CHARS
from app.services.common import commit, contains_pattern, paginate
from app.services.postdocs import postdoc_ids_by_email
from models import Account, ApiKey, Role
from models.base import utcnow

__all__ = [
    "RESET_KEY_NAME",
    "active_key_counts",
    "list_accounts",
    "postdoc_for_email",
    "reset_api_key",
    "set_active",
    "set_password",
]

RESET_KEY_NAME = "reset by admin"


def list_accounts(
    session: Session, *, text: str = "", role: Role | None = None, limit: int, offset: int
) -> tuple[list[Account], int]:
    """Accounts whose name or email contains ``text`` (any case), oldest first, and how many."""
    query = select(Account).order_by(Account.id)
    if text.strip():
        pattern = contains_pattern(text.strip())
        query = query.where(
            or_(func.lower(Account.name).like(pattern, escape="\\"), Account.email.like(pattern, escape="\\"))
        )
    if role is not None:
        query = query.where(Account.role == role)
    return paginate(session, query, limit=limit, offset=offset)


def active_key_counts(session: Session, account_ids: list[int]) -> dict[int, int]:
    """Unrevoked API keys per account, for the accounts listed."""
    rows = session.execute(
        select(ApiKey.account_id, func.count())
        .where(ApiKey.account_id.in_(account_ids), ApiKey.revoked_at.is_(None))
        .group_by(ApiKey.account_id)
    )
    return {account_id: count for account_id, count in rows}


def set_active(session: Session, actor: Account, account: Account, active: bool) -> Account:
    """Deactivate (signing in, sessions and keys stop working at once) or reactivate an
    account. Nobody deactivates themselves, so the admin who acts stays: there is always an
    active admin."""
    if not active and account.id == actor.id:
        raise InvalidInput("you cannot deactivate your own account", field="active")
    account.is_active = active
    commit(session)
    return account


def set_password(session: Session, account: Account, password: str) -> None:
    """A new password for ``account`` (the admin tells the person; the old one stops working)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_CHARS} characters", field="password")
    account.password_hash = hash_password(password)
    commit(session)


def reset_api_key(session: Session, account: Account) -> tuple[ApiKey, str]:
    """Revoke every key of ``account`` and issue one new one, in one transaction; the token is
    returned once and only its digest is stored."""
    now = utcnow()
    for key in session.scalars(
        select(ApiKey).where(ApiKey.account_id == account.id, ApiKey.revoked_at.is_(None))
    ):
        key.revoked_at = now
    token, digest = new_api_token()
    key = ApiKey(
        account_id=account.id, name=RESET_KEY_NAME, prefix=token[:10], token_sha256=digest, created_at=now
    )
    session.add(key)
    commit(session)
    return key, token


def postdoc_for_email(session: Session, email: str) -> int:
    """The id of the postdoc whose profile has ``email``: a postdoc account links to it."""
    found = postdoc_ids_by_email(session, [email]).get(email.strip().lower())
    if found is None:
        raise InvalidInput(f"no postdoc profile has the email {email}", field="postdoc_email")
    return found
