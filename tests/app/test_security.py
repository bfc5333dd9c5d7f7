"""Secrets, password and key storage, the create-admin command."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from typer.testing import CliRunner

from app.cli import cli
from app.config import DEV_SECRET_KEY, Settings, get_settings
from app.errors import InvalidInput
from app.main import create_app
from app.runtime import Runtime
from app.security import token_digest
from app.services.accounts import authenticate, create_account, issue_api_key
from models import Account, ApiKey, Role


def test_default_environment_is_production_and_needs_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIEBANG_ENV", raising=False)
    monkeypatch.delenv("JIEBANG_SECRET_KEY", raising=False)
    settings = Settings(data_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    assert settings.env == "prod" and settings.cookie_secure is True
    with pytest.raises(ValueError, match="JIEBANG_SECRET_KEY must be set when env=prod"):
        create_app(settings)
    assert Settings(env="dev", data_dir=tmp_path).cookie_secure is False
    assert Settings(env="dev", data_dir=tmp_path).session_secret == DEV_SECRET_KEY


@pytest.mark.parametrize(
    "weak",
    [
        "a" * 16,
        "a" * 64,
        "ab" * 32,
        "0123456789abcdef" * 4,
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "a-long-random-production-secret",
        DEV_SECRET_KEY,
    ],
)
def test_weak_secrets_are_refused_outside_dev(tmp_path: Path, weak: str) -> None:
    with pytest.raises(ValidationError, match="JIEBANG_SECRET_KEY"):
        Settings(env="prod", data_dir=tmp_path, secret_key=weak)


def test_generated_secrets_are_accepted(tmp_path: Path) -> None:
    runner = CliRunner()
    for _ in range(50):
        result = runner.invoke(cli, ["generate-secret"])
        assert result.exit_code == 0
        secret = result.output.strip()
        assert len(secret) == 43
        assert Settings(env="prod", data_dir=tmp_path, secret_key=secret).session_secret == secret


def test_serve_refuses_to_start_without_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEBANG_ENV", raising=False)
    monkeypatch.delenv("JIEBANG_SECRET_KEY", raising=False)
    monkeypatch.setenv("JIEBANG_DATA_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["serve"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "JIEBANG_SECRET_KEY must be set when env=prod" in result.output
    assert not (tmp_path / "var").exists()  # refused before anything was built


def test_dockerfile_serves_in_production() -> None:
    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()
    cmd = [line for line in dockerfile.splitlines() if line.startswith("CMD")]
    assert cmd == ['CMD ["jiebang", "serve", "--host", "0.0.0.0", "--port", "8000"]']
    assert "JIEBANG_ENV=prod" in dockerfile


def test_demo_runs_in_dev_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEBANG_ENV", raising=False)
    monkeypatch.delenv("JIEBANG_SECRET_KEY", raising=False)
    monkeypatch.setenv("JIEBANG_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("JIEBANG_MODEL", "hashing:64")
    monkeypatch.delenv("JIEBANG_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["demo", "--no-serve"])
        assert get_settings().env == "dev"
    finally:
        monkeypatch.delenv("JIEBANG_ENV", raising=False)  # demo set it
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "DEV MODE (JIEBANG_ENV=dev)" in result.output
    assert "demo accounts: 4 created" in result.output


def test_passwords_and_keys_are_stored_hashed(runtime: Runtime) -> None:
    with runtime.session() as session:
        account = create_account(
            session, email="Hr@Example.org", name="hr", role=Role.hr, password="long-password-1"
        )
        key, token = issue_api_key(session, account, "erp")
        stored = session.scalar(select(Account.password_hash).where(Account.id == account.id))
        assert stored is not None and stored.startswith("$argon2id$") and "long-password-1" not in stored
        assert session.scalar(select(ApiKey.token_sha256).where(ApiKey.id == key.id)) == token_digest(token)
        assert token not in {key.prefix, key.token_sha256}
        assert authenticate(session, "hr@example.org", "long-password-1") == account
        assert authenticate(session, "hr@example.org", "wrong-password") is None
        assert authenticate(session, "nobody@example.org", "long-password-1") is None


def test_account_links_must_match_the_role(runtime: Runtime) -> None:
    with runtime.session() as session:
        with pytest.raises(InvalidInput, match="an enterprise account"):
            create_account(session, email="e@x.cn", name="e", role=Role.enterprise)
        with pytest.raises(InvalidInput, match="postdoc 42 does not exist"):
            create_account(session, email="p@x.cn", name="p", role=Role.postdoc, postdoc_id=42)


def test_create_admin_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIEBANG_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("JIEBANG_MODEL", "hashing:64")
    monkeypatch.delenv("JIEBANG_DATABASE_URL", raising=False)
    from app.config import get_settings

    get_settings.cache_clear()
    try:
        runner = CliRunner()
        ok = runner.invoke(
            cli, ["create-admin", "--email", "root@example.org"], input="admin-password-1\nadmin-password-1\n"
        )
        assert ok.exit_code == 0, ok.output
        assert "admin account 1 created for root@example.org" in ok.output
        again = runner.invoke(
            cli, ["create-admin", "--email", "root@example.org"], input="admin-password-1\nadmin-password-1\n"
        )
        assert again.exit_code != 0 and "already registered" in again.output
        key = runner.invoke(cli, ["create-api-key", "--email", "root@example.org"])
        assert key.exit_code == 0 and key.output.startswith("jb_")
    finally:
        get_settings.cache_clear()
