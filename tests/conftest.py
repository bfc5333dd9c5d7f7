"""Shared fixtures: a fresh database per test (SQLite file, or a PostgreSQL schema when
JIEBANG_TEST_POSTGRES=1), a runtime with the tiny hashing encoder, and the real bundled model.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.config import BUNDLED_MODEL, Settings
from app.main import create_app
from app.runtime import Runtime, build_runtime
from app.services.accounts import create_account, issue_api_key
from app.validators import credit_code_check_char
from models import Role

# A fixed key that passes the entropy check (tests run with env="test", so it is required).
TEST_SECRET = "Qm3v9TqX2pLr7WfZk0Yb4NcHs8JdE6uGaR1xVnKoMtI"
PG_BASE = os.environ.get("JIEBANG_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("JIEBANG_TEST_POSTGRES") == "1" else [])


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for one test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_BASE else "?"
    yield f"{PG_BASE}{sep}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def make_settings(tmp_path: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": "test",
        "data_dir": tmp_path / "var",
        "database_url": database_url,
        "model": "hashing:64",
        "secret_key": TEST_SECRET,
        "session_cookie_secure": False,  # TestClient and the e2e server speak plain http
        # hundreds of runtimes in one process: frozen objects of finished tests would never be
        # collected (test_gc_freeze.py covers the setting)
        "gc_freeze": False,
        # tests drain the delivery log themselves (tests/app/test_deliveries.py): no periodic
        # drain outliving its test against a dropped schema
        "delivery_poll_s": 0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    rt = build_runtime(settings)
    yield rt
    rt.close()


_accounts = itertools.count(1)


def api_key_headers(
    runtime: Runtime,
    role: Role = Role.admin,
    *,
    enterprise_id: int | None = None,
    postdoc_id: int | None = None,
) -> dict[str, str]:
    """Create an account with ``role`` and return the headers that authenticate as it."""
    with runtime.session() as session:
        account = create_account(
            session,
            email=f"{role.value}{next(_accounts)}-{uuid.uuid4().hex[:6]}@example.org",
            name=f"{role.value} user",
            role=role,
            enterprise_id=enterprise_id,
            postdoc_id=postdoc_id,
        )
        _, token = issue_api_key(session, account, "tests")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    """A client signed in as an admin (API key), so it may call every route."""
    with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as c:
        yield c


@pytest.fixture
def anon_client(runtime: Runtime) -> Iterator[TestClient]:
    """A client with no credentials."""
    with TestClient(create_app(runtime=runtime)) as c:
        yield c


ClientAs = Callable[..., TestClient]


@pytest.fixture
def client_as(runtime: Runtime) -> Iterator[ClientAs]:
    """``client_as(Role.enterprise, enterprise_id=3)``: a client authenticated as a new account."""
    app = create_app(runtime=runtime)
    opened: list[TestClient] = []

    def open_client(
        role: Role, *, enterprise_id: int | None = None, postdoc_id: int | None = None
    ) -> TestClient:
        headers = api_key_headers(runtime, role, enterprise_id=enterprise_id, postdoc_id=postdoc_id)
        c = TestClient(app, headers=headers)
        c.__enter__()
        opened.append(c)
        return c

    yield open_client
    for c in opened:
        c.__exit__(None, None, None)


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码 whose body encodes ``n``."""
    body = f"91370200MA{n:07d}"
    return body + credit_code_check_char(body)


class Factory:
    """Creates rows through the public API, with sensible defaults."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def station(self, **fields: object) -> dict:
        n = self._next()
        body = {
            "name": f"测试大学{n}号博士后科研流动站",
            "kind": "mobile",
            "host_institution": f"测试大学{n}",
            "city": "青岛",
        }
        return self._post("/stations", body, fields)

    def enterprise(self, **fields: object) -> dict:
        n = self._next()
        body = {
            "name": f"青岛测试{n}科技有限公司",
            "credit_code": credit_code(n),
            "industry": "海洋装备",
            "city": "青岛",
        }
        return self._post("/enterprises", body, fields)

    def postdoc(self, **fields: object) -> dict:
        n = self._next()
        body = {
            "name": f"博士后{n}",
            "email": f"postdoc{n}@example.edu.cn",
            "discipline": "控制科学与工程",
            "research_interests": "工业过程控制",
        }
        return self._post("/postdocs", body, fields)

    def challenge(self, enterprise_id: int | None = None, **fields: object) -> dict:
        if enterprise_id is None:
            enterprise_id = self.enterprise()["id"]
        body = {
            "enterprise_id": enterprise_id,
            "title": f"技术难题{self._next()}",
            "description": "需要解决生产线上的质量检测问题。",
            "sector": "intelligent_manufacturing",
            "status": "open",
        }
        return self._post("/challenges", body, fields)

    def _post(self, path: str, body: dict, fields: dict) -> dict:
        body.update(fields)
        response = self.client.post(path, json=body)
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture
def make(client: TestClient) -> Factory:
    return Factory(client)


@pytest.fixture
def real_client(tmp_path: Path, database_url: str) -> Iterator[TestClient]:
    """An authenticated admin client on a runtime with the real bundled model."""
    runtime = build_runtime(make_settings(tmp_path, database_url, model=BUNDLED_MODEL))
    with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as client:
        yield client
    runtime.close()


# Where PostgreSQL adds nothing a test of the same code on SQLite does not already show, its
# second run is left out, which keeps CI under 20 minutes:
# - browser tests drive pages whose SQL the TestClient suites run on both backends (the main
#   browser flow, test_browser.py, still runs on both);
# - the role × route matrix checks the loaders' 404/403 rules, which are Python over the same
#   ORM queries (every route's PostgreSQL path runs in the resource's own tests);
# - the bundled models' ranking tests measure the encoders, not the database.
POSTGRES_ALSO = {"tests/e2e/test_browser.py"}
SQLITE_IS_ENOUGH = {"tests/app/test_route_matrix.py::test_route_matrix"}


def _sqlite_is_enough(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is None or callspec.params.get("database_url") != "postgres":
        return False
    path = Path(str(item.path)).relative_to(Path(__file__).parents[1]).as_posix()
    if path.startswith("tests/e2e/"):
        return path not in POSTGRES_ALSO
    return (
        f"{path}::{item.originalname}" in SQLITE_IS_ENOUGH
        or item.get_closest_marker("real_model") is not None
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    dropped = [item for item in items if _sqlite_is_enough(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not _sqlite_is_enough(item)]
