"""Reusable field validators: text hygiene and the unified social credit code.

统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (digits and
upper-case letters without I, O, Z, S, V); the last one is a mod-31 check character.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
import zlib
from collections import Counter

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "MIN_SECRET_CHARS",
    "control_character_problem",
    "credit_code_check_char",
    "credit_code_problem",
    "email_problem",
    "normalize_credit_code",
    "secret_problem",
]

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ALLOWED_CONTROLS = {"\n", "\t", "\r"}


def credit_code_check_char(first17: str) -> str:
    """Return the check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(ch) * weight
        for ch, weight in zip(first17, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Explain what is wrong with a credit code, or return None when it is valid."""
    if len(code) != 18:
        return f"统一社会信用代码 must be 18 characters, got {len(code)}"
    bad = sorted({ch for ch in code if ch not in CREDIT_CODE_ALPHABET})
    if bad:
        return f"统一社会信用代码 contains characters outside the standard alphabet: {''.join(bad)}"
    if credit_code_check_char(code[:17]) != code[17]:
        return "统一社会信用代码 check character does not match (mistyped code?)"
    return _credit_code_structure(code)


_REGISTRATION_AUTHORITIES = "123456789ANY"  # GB 32100-2015 table 1 (1 机构编制 … 9 工商, Y 其他)


def _credit_code_structure(code: str) -> str | None:
    if set(code) == {"0"}:
        return "统一社会信用代码 cannot be all zeros"
    if code[0] not in _REGISTRATION_AUTHORITIES:
        return f"统一社会信用代码 starts with {code[0]!r}, which is no registration authority code"
    if not code[2:8].isdigit():
        return "统一社会信用代码 characters 3–8 must be digits (the administrative division code)"
    return None


def normalize_credit_code(code: str) -> str:
    """Upper-case and strip a credit code; full-width characters become ASCII."""
    return unicodedata.normalize("NFKC", code).strip().upper()


# Characters that change how a line reads without showing: direction overrides, embeddings and
# isolates (U+202E makes "gpj.exe" look like "exe.jpg"), zero-width spaces and joiners, BOM.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff")


def control_character_problem(text: str, *, multiline: bool) -> str | None:
    """Explain which control character a text holds, or return None when it is clean; a
    single-line text (a name, a title) also refuses invisible formatting characters."""
    for ch in text:
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in _ALLOWED_CONTROLS):
            name = "NUL" if ch == "\x00" else f"U+{ord(ch):04X}"
            return f"contains a control character ({name}); remove it and resend"
        if not multiline and ch in _INVISIBLE:
            return f"contains an invisible formatting character (U+{ord(ch):04X}); remove it and resend"
    return None


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_problem(email: str) -> str | None:
    """A light syntactic check: one @, a dot in the domain, no spaces."""
    if not _EMAIL_RE.match(email):
        return "is not a valid e-mail address (expected name@domain.tld)"
    return None


# 32 random bytes in base64url (``secrets.token_urlsafe(32)``) are 43 characters.
MIN_SECRET_CHARS = 43
_MIN_SECRET_BITS = 160  # observed entropy; 32 random bytes in base64url never show under ~185


def secret_problem(secret: str) -> str | None:
    """Why ``secret`` is too weak to sign sessions, or None when it looks random enough.

    Length alone is not enough ("aaaa…" is long): the secret must also show enough distinct
    symbols (Shannon entropy of its characters), not compress (repeats), and not walk the
    alphabet ("abcd…", "0123…").
    """
    if len(secret) < MIN_SECRET_CHARS:
        return f"is {len(secret)} characters; use at least {MIN_SECRET_CHARS} (32 random bytes)"
    counts = Counter(secret)
    bits = -sum(n * math.log2(n / len(secret)) for n in counts.values())
    steps = sum(abs(ord(a) - ord(b)) <= 1 for a, b in itertools.pairwise(secret))
    if (
        bits < _MIN_SECRET_BITS
        or len(zlib.compress(secret.encode(), 9)) < len(secret) / 2
        or steps >= (len(secret) - 1) / 2
    ):
        return "does not look random (repeated or sequential characters)"
    return None
