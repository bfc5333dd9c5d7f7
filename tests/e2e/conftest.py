"""A live server (uvicorn in a thread, the real app) and headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.services.accounts import create_account
from models import Role
from tests.conftest import Factory, make_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "e2e-password-123"

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True
    )


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    # The tiny hashing encoder has no coverage calibration (app/matching/resources): the pages
    # fix the gap threshold, as JIEBANG_TEAM_GAP_BELOW does, to test what they render.
    return make_settings(tmp_path, database_url, team_gap_below=0.3)


@pytest.fixture
def live_server(runtime: Runtime) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(runtime=runtime), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Scene:
    challenge_id: int
    challenge_title: str
    me_name: str
    teammate_email: str
    hr: str = "hr@e2e.cn"
    postdoc: str = "postdoc@e2e.cn"
    enterprise: str = "enterprise@e2e.cn"


@pytest.fixture
def scene(runtime: Runtime, make: Factory) -> Scene:
    """One enterprise with an open call, a postdoc who fits it, a teammate and a few others."""
    ent = make.enterprise(name="青岛海工装备有限公司")["id"]
    title = "船体焊缝缺陷的机器视觉检测"
    challenge = make.challenge(
        ent,
        title=title,
        description="船体分段焊接后需要自动检测焊缝缺陷，希望用机器视觉替代人工目检。",
        required_expertise=["机器视觉", "焊缝检测"],
        sector="marine",
    )["id"]
    make.challenge(
        ent, title="海水淡化膜污染控制", description="反渗透膜污染与清洗周期优化。", sector="marine"
    )
    station = make.station()["id"]  # a lead names teammates of its own station
    me = make.postdoc(
        station_id=station,
        name="王海",
        email="wanghai@example.edu.cn",
        research_interests="焊缝缺陷检测 机器视觉 深度学习",
        publications=[{"title": "基于深度学习的焊缝缺陷视觉检测", "keywords": ["焊缝", "机器视觉"]}],
    )["id"]
    make.postdoc(
        name="李青",
        email="liqing@example.edu.cn",
        research_interests="焊接冶金 焊缝组织性能",
        station_id=station,
    )
    make.postdoc(name="赵洋", email="zhaoyang@example.edu.cn", research_interests="海洋牧场 水产养殖")
    with runtime.session() as session:
        create_account(session, email="hr@e2e.cn", name="审核员", role=Role.hr, password=PASSWORD)
        create_account(
            session, email="postdoc@e2e.cn", name="王海", role=Role.postdoc, password=PASSWORD, postdoc_id=me
        )
        create_account(
            session,
            email="enterprise@e2e.cn",
            name="企业联系人",
            role=Role.enterprise,
            password=PASSWORD,
            enterprise_id=ent,
        )
    return Scene(challenge, title, "王海", "liqing@example.edu.cn")
