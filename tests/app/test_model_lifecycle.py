"""A model change on restart (or by an admin) re-encodes in the background and swaps when
complete; the previous model's indexes serve meanwhile. Real SQLite, the hashing encoder."""

from __future__ import annotations

import json
import threading

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.model_manager import ACTIVE_MODEL_FILE
from app.runtime import Runtime, build_runtime
from models import IndexName, Role
from tests.conftest import ClientAs, Factory


def seed(make: Factory) -> dict:
    make.postdoc(name="Welding", research_interests="weld seam defect detection with X-ray images")
    make.postdoc(name="Batteries", research_interests="lithium-ion battery cathode materials")
    make.postdoc(name="Ships", research_interests="ship hull resistance optimisation")
    return make.challenge(title="Weld inspection", description="Detect cracks in weld seams on X-ray images")


def ranking(client: TestClient, challenge_id: int) -> tuple[str, list[tuple[str, float]]]:
    body = client.get(f"/challenges/{challenge_id}/candidates").json()
    items = [(i["postdoc"]["name"], i["score"]) for i in body["items"]]
    return body["ranking"]["model_id"], items


def active_model(settings: Settings) -> str:
    return json.loads((settings.data_dir / ACTIVE_MODEL_FILE).read_text(encoding="utf-8"))["model"]


def restart(settings: Settings, **update: object) -> Runtime:
    return build_runtime(settings.model_copy(update=update), reencode_in_background=True)


def test_a_restart_with_another_model_serves_the_old_one_and_swaps_when_complete(
    runtime: Runtime, client: TestClient, make: Factory, settings: Settings
) -> None:
    challenge = seed(make)
    runtime.save_snapshots()
    assert active_model(settings) == "hashing:64"

    rt = restart(settings, model="hashing:32")
    try:
        assert rt.models._thread is not None  # started in the background, not at start-up
        rt.models._thread.join(timeout=60)
        assert rt.models.error is None and rt.models.status() is None
        assert rt.models.current().encoder.model_id == "hashing:32"
        assert all(idx.encoder is rt.models.current().encoder for idx in rt.models.current().indexes.values())
        assert active_model(settings) == "hashing:32"
        with TestClient(create_app(runtime=rt), headers=client.headers) as c:
            switched = ranking(c, challenge["id"])
            assert c.get("/health").json()["model_id"] == "hashing:32"
    finally:
        rt.close()
    # the same ranking as a service started on hashing:32 from scratch
    fresh_settings = settings.model_copy(
        update={"model": "hashing:32", "data_dir": settings.data_dir.parent / "fresh"}
    )
    fresh = build_runtime(fresh_settings, reencode_in_background=True)
    try:
        assert fresh.models._thread is None
        with TestClient(create_app(runtime=fresh), headers=client.headers) as c:
            assert ranking(c, challenge["id"]) == switched
    finally:
        fresh.close()


def test_a_model_that_fails_to_load_on_restart_keeps_the_old_one_serving(
    runtime: Runtime, client: TestClient, make: Factory, settings: Settings
) -> None:
    challenge = seed(make)
    before = ranking(client, challenge["id"])
    runtime.save_snapshots()
    rt = restart(settings, model="/nonexistent/model-dir-for-test")
    try:
        assert rt.models._thread is not None
        rt.models._thread.join(timeout=60)
        with TestClient(create_app(runtime=rt), headers=client.headers) as c:
            health = c.get("/health").json()
            assert health["model_id"] == "hashing:64"
            assert health["reencode"]["state"] == "failed"
            assert "nonexistent" in health["reencode_error"]
            assert ranking(c, challenge["id"]) == before
        assert active_model(settings) == "hashing:64"
    finally:
        rt.close()


def test_without_a_valid_previous_index_the_new_model_is_built_at_start_up(
    runtime: Runtime, make: Factory, settings: Settings
) -> None:
    seed(make)
    runtime.save_snapshots()
    for manifest in (settings.index_dir / "hashing_64").glob("*.manifest.json"):
        manifest.unlink()
    rt = restart(settings, model="hashing:32")
    try:
        assert rt.models._thread is None
        assert rt.models.current().encoder.model_id == "hashing:32"
        assert len(rt.models.current().indexes[IndexName.postdocs].owners()) == 3
        assert active_model(settings) == "hashing:32"
    finally:
        rt.close()


def test_health_shows_the_target_while_re_encoding(
    runtime: Runtime, client: TestClient, make: Factory
) -> None:
    challenge = seed(make)
    release, reached = threading.Event(), threading.Event()

    def hold() -> None:
        reached.set()
        release.wait(timeout=60)

    thread = runtime.models.switch("hashing:32", before_swap=hold)
    try:
        assert reached.wait(timeout=60)
        health = client.get("/health").json()
        assert health["model_id"] == "hashing:64"
        assert health["reencode"] == {
            "state": "running",
            "target_model": "hashing:32",
            "indexes_done": 2,
            "indexes_total": 2,
            "error": None,
        }
        assert ranking(client, challenge["id"])[0] == "hashing:64"
        conflict = client.post("/admin/model", json={"model": "hashing:16"})
        assert conflict.status_code == 409 and "already re-encoding" in conflict.json()["detail"]
    finally:
        release.set()
        thread.join(timeout=60)
    health = client.get("/health").json()
    assert health["model_id"] == "hashing:32" and "reencode" not in health
    assert ranking(client, challenge["id"])[0] == "hashing:32"


def test_admin_switches_the_model_at_run_time(
    runtime: Runtime, client: TestClient, anon_client: TestClient, client_as: ClientAs, make: Factory
) -> None:
    seed(make)
    assert client_as(Role.hr).post("/admin/model", json={"model": "hashing:32"}).status_code == 403
    assert anon_client.post("/admin/model", json={"model": "x"}).status_code == 401
    assert client.post("/admin/model", json={"model": ""}).status_code == 422
    assert client.post("/admin/model", json={"model": "hashing:64"}).status_code == 409
    accepted = client.post("/admin/model", json={"model": "hashing:32"})
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["reencode"]["target_model"] == "hashing:32"
    assert runtime.models._thread is not None
    runtime.models._thread.join(timeout=60)
    assert client.get("/health").json()["model_id"] == "hashing:32"
