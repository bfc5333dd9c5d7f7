"""Changing the model re-encodes in the background; the old index serves until the swap."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from app.runtime import Runtime
from index.models import prefixes_for, preset_for
from models import IndexName
from tests.conftest import Factory

BUNDLED = "bundled:all-MiniLM-L6-v2"


def top_postdoc(client: TestClient, challenge_id: int) -> tuple[str, str]:
    body = client.get(f"/challenges/{challenge_id}/candidates").json()
    return body["ranking"]["model_id"], body["items"][0]["postdoc"]["name"]


@pytest.mark.real_model
def test_switching_from_hashing_to_the_bundled_model_swaps_only_when_complete(
    runtime: Runtime, client: TestClient, make: Factory
) -> None:
    make.postdoc(name="Welding", research_interests="weld seam defect detection with X-ray images")
    make.postdoc(name="Batteries", research_interests="lithium-ion battery cathode materials")
    challenge = make.challenge(
        title="Weld inspection", description="Detect cracks in weld seams on X-ray images"
    )
    release = threading.Event()
    reached = threading.Event()

    def hold() -> None:
        reached.set()
        release.wait(timeout=120)

    thread = runtime.models.switch(BUNDLED, before_swap=hold)
    assert reached.wait(timeout=300)
    # Re-encoded but not swapped: the hashing index still answers, and writes still land.
    assert top_postdoc(client, challenge["id"]) == ("hashing:64", "Welding")
    make.postdoc(name="Late", research_interests="ship hull resistance optimisation")
    release.set()
    thread.join(timeout=300)
    assert runtime.models.error is None
    assert runtime.models.current().encoder.model_id == "sentence-transformers/all-MiniLM-L6-v2"
    assert top_postdoc(client, challenge["id"]) == ("sentence-transformers/all-MiniLM-L6-v2", "Welding")
    runtime.view()
    assert (
        len(runtime.models.current().indexes[IndexName.postdocs].owners()) == 3
    )  # the late write reached the new index
    assert runtime.models.current().indexes[IndexName.postdocs].encoder is runtime.models.current().encoder


def test_a_failed_switch_keeps_the_old_model(runtime: Runtime, make: Factory) -> None:
    make.postdoc()
    runtime.models.switch("/nonexistent/model-dir-for-test").join(timeout=120)
    assert runtime.models.current().encoder.model_id == "hashing:64"
    assert runtime.models.error is not None and "nonexistent" in runtime.models.error


def test_presets_fill_prefixes_unless_configured() -> None:
    assert prefixes_for("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    assert prefixes_for("/models/multilingual-e5-small") == ("query: ", "passage: ")
    assert prefixes_for("intfloat/multilingual-e5-small", "q: ", "") == ("q: ", "")
    assert prefixes_for(BUNDLED) == ("", "")
    assert prefixes_for("someone/unknown-model") == ("", "")
    preset = preset_for(BUNDLED)
    assert preset is not None and preset.reads_cjk is False
