"""Sign-in throttling held in the database, server-side sessions that end at sign-out, and the
security headers of every response."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.config import Settings
from app.errors import TooManyAttempts
from app.main import create_app
from app.runtime import Runtime, build_runtime
from app.services.accounts import authenticate
from app.services.sign_in import SignInLimits
from models import SignInThrottle, WebSession
from tests.app.test_ui import PASSWORD, account, sign_in

LIMITS = SignInLimits(max_failures=5, window_s=900, lockout_s=900)


def test_lockout_after_repeated_failures_refuses_even_the_right_password(runtime: Runtime) -> None:
    from models import Role

    account(runtime, Role.hr, "hr@example.org")
    with runtime.session() as session:
        for _ in range(5):
            assert authenticate(session, "hr@example.org", "wrong-password", limits=LIMITS) is None
        with pytest.raises(TooManyAttempts, match="try again in 15 minutes") as locked:
            authenticate(session, "HR@example.org", PASSWORD, limits=LIMITS)
        assert "登录失败次数过多" in locked.value.message
        assert 890 < locked.value.retry_after_s <= 901


def test_unknown_emails_lock_alike(runtime: Runtime) -> None:
    with runtime.session() as session:
        for _ in range(5):
            assert authenticate(session, "nobody@example.org", "x", limits=LIMITS) is None
        with pytest.raises(TooManyAttempts):
            authenticate(session, "nobody@example.org", "x", limits=LIMITS)


def test_a_success_clears_the_count(runtime: Runtime) -> None:
    from models import Role

    account(runtime, Role.hr, "hr@example.org")
    with runtime.session() as session:
        for _ in range(4):
            authenticate(session, "hr@example.org", "wrong", limits=LIMITS)
        assert authenticate(session, "hr@example.org", PASSWORD, limits=LIMITS) is not None
        assert session.scalar(select(func.count()).select_from(SignInThrottle)) == 0
        for _ in range(4):
            authenticate(session, "hr@example.org", "wrong", limits=LIMITS)
        assert authenticate(session, "hr@example.org", PASSWORD, limits=LIMITS) is not None


def test_the_count_holds_across_processes_sharing_the_database(runtime: Runtime, settings: Settings) -> None:
    # A second runtime on the same database stands in for another worker or replica.
    from models import Role

    account(runtime, Role.hr, "hr@example.org")
    other = build_runtime(settings.model_copy(update={"data_dir": settings.data_dir / "replica"}))
    try:
        for n in range(5):
            rt = runtime if n % 2 else other
            with rt.session() as session:
                authenticate(session, "hr@example.org", "wrong", limits=LIMITS)
        with other.session() as session, pytest.raises(TooManyAttempts):
            authenticate(session, "hr@example.org", PASSWORD, limits=LIMITS)
    finally:
        other.close()


def test_the_sign_in_page_says_the_account_is_locked(runtime: Runtime) -> None:
    from models import Role

    account(runtime, Role.hr, "hr@example.org")
    with TestClient(create_app(runtime=runtime)) as web:
        for _ in range(5):
            assert sign_in(web, "hr@example.org", "wrong-password").status_code == 401
        locked = sign_in(web, "hr@example.org")
        assert locked.status_code == 429  # type: ignore[attr-defined]
        assert "Too many failed sign-ins" in locked.text  # type: ignore[attr-defined]
        assert web.get("/ui/hr", follow_redirects=False).status_code == 303


def test_sign_out_ends_the_session_for_every_copy_of_the_cookie(runtime: Runtime) -> None:
    from models import Role

    account(runtime, Role.hr, "hr@example.org")
    with TestClient(create_app(runtime=runtime)) as web:
        assert sign_in(web, "hr@example.org").status_code == 303  # type: ignore[attr-defined]
        cookie = web.cookies["jiebang_session"]
        assert web.get("/accounts/me").status_code == 200
        with runtime.session() as session:
            assert session.scalar(select(func.count()).select_from(WebSession)) == 1
        page = web.get("/ui/hr").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        assert web.post("/ui/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
        with runtime.session() as session:
            assert session.scalar(select(func.count()).select_from(WebSession)) == 0
    with TestClient(create_app(runtime=runtime)) as replay:
        replay.cookies.set("jiebang_session", cookie)
        assert replay.get("/accounts/me").status_code == 401
        assert replay.get("/ui/hr", follow_redirects=False).status_code == 303


def test_signing_in_again_gives_a_new_session_id(runtime: Runtime) -> None:
    from models import Role

    account(runtime, Role.hr, "hr@example.org")
    account(runtime, Role.hr, "hr2@example.org")
    with TestClient(create_app(runtime=runtime)) as web:
        sign_in(web, "hr@example.org")
        first = web.cookies["jiebang_session"]
        sign_in(web, "hr2@example.org")
        assert web.cookies["jiebang_session"] != first
        assert web.get("/accounts/me").json()["email"] == "hr2@example.org"
        with runtime.session() as session:
            assert session.scalar(select(func.count()).select_from(WebSession)) == 1


def test_reading_pages_writes_no_session_rows(runtime: Runtime) -> None:
    with TestClient(create_app(runtime=runtime)) as web:
        for _ in range(3):
            assert web.get("/ui/login").status_code == 200
    with runtime.session() as session:
        assert session.scalar(select(func.count()).select_from(WebSession)) == 0


@pytest.mark.parametrize("path", ["/ui/login", "/health", "/stations", "/static/app.js", "/nowhere"])
def test_security_headers(anon_client: TestClient, path: str) -> None:
    headers = anon_client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp  # no external source
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_the_api_docs_keep_working_under_their_own_policy(anon_client: TestClient) -> None:
    response = anon_client.get("/docs")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "http" not in csp and "unsafe-inline" not in csp
    assert re.search(r"script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='; ", csp)
    assert "/docs/assets/swagger-ui-bundle.js" in response.text
