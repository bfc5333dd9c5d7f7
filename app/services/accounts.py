"""Accounts and API keys: create, sign in, issue and revoke keys."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.security import hash_password, new_api_token, token_digest, verify_password
from app.services.common import commit, ensure_unique, get_or_404
from app.services.sign_in import (
    DEFAULT_LIMITS,
    SignInLimits,
    check_not_locked,
    record_failure,
    record_success,
)
from models import Account, ApiKey, Enterprise, Postdoc, Role
from models.base import utcnow

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "MIN_PASSWORD_CHARS",
    "account_for_token",
    "authenticate",
    "count_admins",
    "create_account",
    "ensure_demo_accounts",
    "find_account",
    "get_account",
    "issue_api_key",
    "list_api_keys",
    "revoke_api_key",
    "set_language",
]

MIN_PASSWORD_CHARS = 10


def create_account(
    session: Session,
    *,
    email: str,
    name: str,
    role: Role,
    password: str | None = None,
    enterprise_id: int | None = None,
    postdoc_id: int | None = None,
    language: str = "zh",
) -> Account:
    """Create an account; enterprise accounts link to an enterprise, postdoc accounts to a postdoc."""
    _check_links(session, role, enterprise_id, postdoc_id)
    if password is not None and len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_CHARS} characters", field="password")
    ensure_unique(session, Account, "email", email.strip().lower())
    account = Account(
        email=email.strip().lower(),
        name=name,
        role=role,
        password_hash=hash_password(password) if password else None,
        enterprise_id=enterprise_id,
        postdoc_id=postdoc_id,
        language=language,
    )
    session.add(account)
    commit(session)
    return account


def _check_links(session: Session, role: Role, enterprise_id: int | None, postdoc_id: int | None) -> None:
    if (role == Role.enterprise) != (enterprise_id is not None):
        raise InvalidInput(
            "an enterprise account (and only one) links to an enterprise", field="enterprise_id"
        )
    if (role == Role.postdoc) != (postdoc_id is not None):
        raise InvalidInput("a postdoc account (and only one) links to a postdoc", field="postdoc_id")
    if enterprise_id is not None and session.get(Enterprise, enterprise_id) is None:
        raise InvalidInput(f"enterprise {enterprise_id} does not exist", field="enterprise_id")
    if postdoc_id is not None and session.get(Postdoc, postdoc_id) is None:
        raise InvalidInput(f"postdoc {postdoc_id} does not exist", field="postdoc_id")


def find_account(session: Session, email: str) -> Account | None:
    return session.scalar(select(Account).where(Account.email == email.strip().lower()))


def authenticate(
    session: Session, email: str, password: str, *, limits: SignInLimits = DEFAULT_LIMITS
) -> Account | None:
    """The account when email and password match; None otherwise (never says which was wrong).

    Raises TooManyAttempts while the email is locked after ``limits.max_failures`` failures
    (pass ``SignInLimits.from_settings(settings)``; the default is the Settings' default)."""
    key = email.strip().lower()
    check_not_locked(session, key)
    account = find_account(session, email)
    ok = verify_password(password, account.password_hash if account else None)
    if ok and account is not None and account.is_active:
        record_success(session, key)
        return account
    record_failure(session, key, limits)
    return None


def issue_api_key(session: Session, account: Account, name: str) -> tuple[ApiKey, str]:
    """A new key for ``account``; the token is returned once and only its digest is stored."""
    token, digest = new_api_token()
    key = ApiKey(
        account_id=account.id, name=name, prefix=token[:10], token_sha256=digest, created_at=utcnow()
    )
    session.add(key)
    commit(session)
    return key, token


def account_for_token(session: Session, token: str) -> Account | None:
    key = session.scalar(
        select(ApiKey).where(ApiKey.token_sha256 == token_digest(token), ApiKey.revoked_at.is_(None))
    )
    if key is None or not key.account.is_active:
        return None
    return key.account


def list_api_keys(session: Session, account: Account) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).where(ApiKey.account_id == account.id).order_by(ApiKey.id)))


def revoke_api_key(session: Session, account: Account, key_id: int) -> ApiKey:
    key = session.get(ApiKey, key_id)
    if key is None or (key.account_id != account.id and account.role != Role.admin):
        raise NotFound(f"api key {key_id} not found")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        commit(session)
    return key


def get_account(session: Session, account_id: int) -> Account:
    return get_or_404(session, Account, account_id, "account")


def count_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Account).where(Account.role == Role.admin)) or 0


# Demo sign-ins (dev only; documented in the README). The enterprise and postdoc accounts link
# to the first demo enterprise and postdoc.
DEMO_PASSWORD = "jiebang-demo-2026"
DEMO_ACCOUNTS = (
    ("admin@demo.jiebang.cn", "演示管理员", Role.admin),
    ("hr@demo.jiebang.cn", "人社局审核员", Role.hr),
    ("enterprise@demo.jiebang.cn", "企业联系人", Role.enterprise),
    ("postdoc@demo.jiebang.cn", "博士后演示用户", Role.postdoc),
)


def ensure_demo_accounts(session: Session) -> list[Account]:
    """Create the demo accounts that are missing (rows already there are left as they are)."""
    enterprise_id = session.scalar(select(Enterprise.id).order_by(Enterprise.id).limit(1))
    postdoc_id = session.scalar(select(Postdoc.id).order_by(Postdoc.id).limit(1))
    created = []
    for email, name, role in DEMO_ACCOUNTS:
        if find_account(session, email) is not None:
            continue
        ent = enterprise_id if role == Role.enterprise else None
        doc = postdoc_id if role == Role.postdoc else None
        if role in (Role.enterprise, Role.postdoc) and not (ent or doc):
            continue  # no demo enterprise / postdoc to link to yet
        created.append(
            create_account(
                session,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                enterprise_id=ent,
                postdoc_id=doc,
            )
        )
    return created


def set_language(session: Session, account: Account, language: str) -> Account:
    """The one language the account's notifications and emails are written in."""
    account.language = language
    commit(session)
    return account
