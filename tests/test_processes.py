"""Real server processes: a killed server restarts with the same results; several uvicorn
workers (and two servers on different ports sharing one database) stay consistent.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from app.runtime import build_runtime
from tests.conftest import TEST_SECRET, api_key_headers, credit_code, make_settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(
    data_dir: Path, database_url: str, *, workers: int = 1, snapshot_every_ops: int = 500
) -> Iterator[httpx.Client]:
    port = free_port()
    env = dict(
        os.environ,
        JIEBANG_DATA_DIR=str(data_dir),
        JIEBANG_DATABASE_URL=database_url,
        JIEBANG_MODEL="hashing:64",
        JIEBANG_ENV="test",
        JIEBANG_SECRET_KEY=TEST_SECRET,
        JIEBANG_SNAPSHOT_EVERY_OPS=str(snapshot_every_ops),
    )
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.asgi:app",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    client = httpx.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=30, headers=admin_headers(data_dir, database_url)
    )
    try:
        _wait_ready(client, proc)
        yield client
    finally:
        client.close()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def admin_headers(data_dir: Path, database_url: str) -> dict[str, str]:
    """An admin API key in the servers' database (migrating it first, as the servers would)."""
    runtime = build_runtime(
        make_settings(data_dir.parent, database_url, data_dir=data_dir), open_indexes=False
    )
    try:
        return api_key_headers(runtime)
    finally:
        runtime.close()


def _wait_ready(client: httpx.Client, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError("server did not start")


def seed(client: httpx.Client) -> int:
    ent = client.post(
        "/enterprises",
        json={"name": "青岛焊装", "credit_code": credit_code(1), "industry": "船舶", "city": "青岛"},
    ).json()
    for i, interests in enumerate(["焊缝缺陷 机器视觉", "锂电池 正极", "焊缝 冶金", "海洋 牧场"]):
        body = {
            "name": f"P{i}",
            "email": f"p{i}@x.cn",
            "discipline": "工学",
            "research_interests": interests,
            "publications": [{"title": f"{interests} 论文"}],
        }
        assert client.post("/postdocs", json=body).status_code == 201
    ch = client.post(
        "/challenges",
        json={
            "enterprise_id": ent["id"],
            "title": "焊缝检测",
            "description": "船体焊缝缺陷机器视觉检测",
            "sector": "marine",
            "status": "open",
        },
    )
    return ch.json()["id"]


def ranking(client: httpx.Client, challenge_id: int) -> list[tuple[int, float]]:
    items = client.get(f"/challenges/{challenge_id}/candidates").json()["items"]
    return [(i["postdoc"]["id"], i["score"]) for i in items]


def test_killed_server_restarts_with_same_results(tmp_path: Path, database_url: str) -> None:
    with server(tmp_path, database_url, snapshot_every_ops=4) as client:
        challenge = seed(client)
        before = ranking(client, challenge)
        client.patch("/postdocs/2", json={"research_interests": "焊缝缺陷检测 机器视觉 焊缝"})
        after_update = ranking(client, challenge)
        # SIGKILL: no shutdown hook, no snapshot of the last writes
        subprocess.run(["pkill", "-9", "-f", f"--port {client.base_url.port}"], check=False)
    assert before != after_update
    assert list(tmp_path.rglob("postdocs.manifest.json")), "a snapshot was taken before the kill"
    with server(tmp_path, database_url) as client:
        assert ranking(client, challenge) == after_update


def test_workers_and_replicas_stay_consistent(tmp_path: Path, database_url: str) -> None:
    with server(tmp_path / "a", database_url, workers=2) as a, server(tmp_path / "b", database_url) as b:
        challenge = seed(a)
        expected = ranking(a, challenge)
        # many requests land on both workers of A, and on replica B
        seen = {tuple(ranking(a, challenge)) for _ in range(10)} | {tuple(ranking(b, challenge))}
        assert seen == {tuple(expected)}
        created = b.post(
            "/postdocs",
            json={
                "name": "新人",
                "email": "new@x.cn",
                "discipline": "工学",
                "research_interests": "焊缝缺陷 机器视觉 焊缝检测 船体",
            },
        ).json()
        for _ in range(6):
            assert created["id"] in [pid for pid, _ in ranking(a, challenge)]
        b.delete(f"/postdocs/{created['id']}")
        for _ in range(6):
            assert created["id"] not in [pid for pid, _ in ranking(a, challenge)]
