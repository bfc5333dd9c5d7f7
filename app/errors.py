"""Domain errors, mapped to HTTP by one handler in ``app.main``.

    JiebangError              base; never raised directly
    ├── NotAuthenticated 401  no valid session or API key
    ├── Forbidden       403   the caller's role may not do this (never for another tenant's
    │                         object: that is a NotFound, so existence does not leak)
    ├── NotFound        404   unknown id, or an object the caller may not see
    ├── Conflict        409   duplicate unique field (``field`` names it), object still in use
    ├── InvalidTransition 409 a challenge status change the workflow does not allow
    ├── InvalidInput    422   input that passed the schema but not a domain rule
    ├── PayloadTooLarge 413   request body over the configured cap
    └── TooManyAttempts 429   sign-in locked after repeated failures (``retry_after_s``)

Anything else is a bug and becomes a 500 (never a 422).
"""

from __future__ import annotations

__all__ = [
    "Conflict",
    "Forbidden",
    "InvalidInput",
    "InvalidTransition",
    "JiebangError",
    "NotAuthenticated",
    "NotFound",
    "PayloadTooLarge",
    "TooManyAttempts",
]


class JiebangError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def payload(self) -> dict[str, str]:
        body = {"detail": self.message}
        if self.field:
            body["field"] = self.field
        return body


class NotAuthenticated(JiebangError):
    status_code = 401


class Forbidden(JiebangError):
    status_code = 403


class NotFound(JiebangError):
    status_code = 404


class Conflict(JiebangError):
    status_code = 409


class InvalidTransition(Conflict):
    pass


class InvalidInput(JiebangError):
    status_code = 422


class PayloadTooLarge(JiebangError):
    status_code = 413


class TooManyAttempts(JiebangError):
    status_code = 429

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
