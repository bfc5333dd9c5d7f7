"""Web sessions held server-side: the signed cookie carries a random session id, never the
account id, and signing out deletes the session row.

The app sees ``request.session`` as before (a dict; ``account_id`` when signed in). When a
response goes out and the account in the session changed (sign-in, or ``session.clear()`` at
sign-out), the old session row is deleted and, for a sign-in, a new one started with a fresh id.
Anonymous data (the CSRF token of the sign-in form) stays in the signed cookie, so pages that
only read never write to the database. A cookie forged with a leaked key gains nothing: an
``account_id`` in a cookie is ignored, and session ids are random and checked against SQL.
"""

from __future__ import annotations

import json
from base64 import b64decode, b64encode
from typing import Any

from anyio import to_thread
from itsdangerous import BadSignature, TimestampSigner
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.services import sign_in

__all__ = ["COOKIE", "ServerSessionMiddleware"]

COOKIE = "jiebang_session"
SID = "sid"


class ServerSessionMiddleware:
    def __init__(self, app: ASGIApp, *, secret_key: str, max_age: int, https_only: bool) -> None:
        self.app = app
        self.signer = TimestampSigner(secret_key)
        self.max_age = max_age
        self.flags = "; httponly; samesite=lax" + ("; secure" if https_only else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        had_cookie = COOKIE in HTTPConnection(scope).cookies
        data = self._read(HTTPConnection(scope).cookies.get(COOKIE))
        sid = data.pop(SID, None)
        data.pop("account_id", None)  # only the server-side row says who is signed in
        account_id = await self._account(scope, sid) if isinstance(sid, str) else None
        if account_id is None:
            sid = None
        else:
            data["account_id"] = account_id
        scope["session"] = data

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                await self._save(scope, message, sid, account_id, had_cookie)
            await send(message)

        await self.app(scope, receive, send_wrapper)

    def _read(self, cookie: str | None) -> dict[str, Any]:
        if not cookie:
            return {}
        try:
            value = json.loads(b64decode(self.signer.unsign(cookie.encode(), max_age=self.max_age)))
        except (BadSignature, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    async def _save(
        self, scope: Scope, message: Message, sid: str | None, account_id: int | None, had_cookie: bool
    ) -> None:
        data = dict(scope["session"])
        new_account = data.pop("account_id", None)
        if new_account != account_id:
            if sid is not None:
                await _call(scope, sign_in.end_session, sid)
            sid = None
            if isinstance(new_account, int):
                sid = await _call(scope, sign_in.start_session, new_account, self.max_age)
        if sid is not None:
            data[SID] = sid
        headers = MutableHeaders(scope=message)
        if data:
            value = self.signer.sign(b64encode(json.dumps(data).encode())).decode()
            headers.append("Set-Cookie", f"{COOKIE}={value}; path=/; Max-Age={self.max_age}{self.flags}")
        elif had_cookie:
            headers.append(
                "Set-Cookie", f"{COOKIE}=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT{self.flags}"
            )

    async def _account(self, scope: Scope, sid: str) -> int | None:
        return await _call(scope, sign_in.account_of_session, sid)


async def _call(scope: Scope, fn: Any, *args: Any) -> Any:
    """``fn(session, *args)`` in a worker thread, in a database session of the app's runtime."""
    runtime = scope["app"].state.runtime

    def run() -> Any:
        with runtime.session() as session:
            return fn(session, *args)

    return await to_thread.run_sync(run)
