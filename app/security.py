"""Passwords (argon2), API tokens (random, stored as sha256) and CSRF tokens.

Web sessions are Starlette's signed cookie (itsdangerous, HttpOnly, SameSite=Lax, Secure outside
dev); the session holds only the account id and the CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = [
    "hash_password",
    "new_api_token",
    "new_csrf_token",
    "new_secret",
    "same_token",
    "token_digest",
    "verify_password",
]

_hasher = PasswordHasher()
TOKEN_PREFIX = "jb_"
# Verified against when an email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when ``password`` matches; an absent hash still costs one verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_api_token() -> tuple[str, str]:
    """A fresh token (shown to its owner once) and the sha256 that is stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def same_token(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(str(given), str(expected))


def new_secret() -> str:
    """A fresh session secret: 32 random bytes, base64url (43 characters)."""
    return secrets.token_urlsafe(32)
