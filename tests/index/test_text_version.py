"""Stored tokens and English-only embeddings are tied to the text pipeline version: a database
written by an older pipeline is re-tokenised and re-encoded on start-up, and then ranks exactly
as a fresh build does. Real SQLite (and PostgreSQL when enabled); no mocks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime, build_runtime, text_options
from index.encoder import HashingEncoder, embedding_key
from index.text import TextOptions, configure, pipeline_version, readable_version, strip_cjk, tokenize
from models import Document, Embedding, IndexName
from tests.conftest import Factory, api_key_headers, make_settings

BUNDLED = "bundled:all-MiniLM-L6-v2"
BUNDLED_ID = "sentence-transformers/all-MiniLM-L6-v2"


def seed(make: Factory) -> dict:
    make.postdoc(name="Welding", research_interests="焊缝缺陷检测, X-ray images of steel")
    make.postdoc(name="Batteries", research_interests="锂离子电池 cathode materials")
    make.postdoc(name="Ships", research_interests="ship hull resistance optimisation")
    return make.challenge(title="焊缝检测", description="Detect defects in weld seams; 焊接质量")


def ranking(client: TestClient, challenge_id: int) -> list[tuple[str, float]]:
    body = client.get(f"/challenges/{challenge_id}/candidates").json()
    return [(i["postdoc"]["name"], i["score"]) for i in body["items"]]


QUERY = "焊缝检测 Detect defects in weld seams; 焊接质量"


def bm25(runtime: Runtime) -> dict[int, float]:
    index = runtime.models.current().indexes[IndexName.postdocs]
    cands = index.retrieve(np.zeros(index.encoder.dim), tokenize(QUERY), k=10, owners=index.owners())
    return dict(zip(cands.doc_ids.tolist(), np.round(cands.bm25, 5).tolist(), strict=True))


def write_old_tokens(runtime: Runtime) -> None:
    """What the release before the glossary and Traditional → Simplified stored: other tokens,
    and no version."""
    configure(TextOptions(t2s=False, glossary=False))
    try:
        with runtime.session() as session:
            for doc in session.scalars(select(Document)):
                doc.tokens = " ".join(tokenize(doc.text))
                doc.text_version = None
            session.commit()
    finally:
        configure(text_options(runtime.settings))


@pytest.fixture
def served(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as c:
        yield c


def test_versions_name_the_text_options() -> None:
    assert pipeline_version(TextOptions()) != pipeline_version(TextOptions(glossary=False))
    assert pipeline_version(TextOptions()) != pipeline_version(TextOptions(cjk_bigrams=True))
    assert readable_version(TextOptions()) != readable_version(TextOptions(t2s=False))
    # bigrams and stop words change tokens, not what an English-only encoder reads
    assert readable_version(TextOptions()) == readable_version(TextOptions(cjk_bigrams=True))


def test_only_encoders_that_do_not_read_chinese_key_vectors_by_the_pipeline_version() -> None:
    reads = HashingEncoder(16)
    assert embedding_key(reads) == "hashing:16"
    english_only = HashingEncoder(16)
    english_only.reads_cjk = False  # the key depends on this one attribute
    assert embedding_key(english_only) == f"hashing:16#text-{readable_version()}"


def test_old_tokens_are_retokenised_on_start_up(
    runtime: Runtime, client: TestClient, make: Factory, settings: Settings
) -> None:
    challenge = seed(make)
    fresh, fresh_bm25 = ranking(client, challenge["id"]), bm25(runtime)
    with runtime.session() as session:
        current = dict(session.execute(select(Document.id, Document.tokens)).all())
        assert set(session.scalars(select(Document.text_version))) == {pipeline_version()}
    write_old_tokens(runtime)
    runtime.models.current().indexes[IndexName.postdocs].rebuild_lexical(runtime.sessions)
    assert bm25(runtime) != fresh_bm25  # the stale tokens do change the lexical scores
    runtime.save_snapshots()

    restarted = build_runtime(settings, reencode_in_background=True)
    try:
        with restarted.session() as session:
            assert dict(session.execute(select(Document.id, Document.tokens)).all()) == current
            assert set(session.scalars(select(Document.text_version))) == {pipeline_version()}
        assert bm25(restarted) == fresh_bm25
        with TestClient(create_app(runtime=restarted), headers=client.headers) as c:
            assert ranking(c, challenge["id"]) == fresh
    finally:
        restarted.close()


@pytest.mark.real_model
def test_a_database_of_the_previous_pipeline_is_reencoded_with_the_bundled_model(
    tmp_path: Path, database_url: str
) -> None:
    settings = make_settings(tmp_path, database_url, model=BUNDLED)
    runtime = build_runtime(settings)
    key = embedding_key(runtime.models.current().encoder)
    assert key == f"{BUNDLED_ID}#text-{readable_version()}"
    try:
        with TestClient(create_app(runtime=runtime), headers=api_key_headers(runtime)) as client:
            challenge = seed(Factory(client))
            fresh = ranking(client, challenge["id"])
            headers = client.headers
        # The previous release: vectors of the Latin part only, keyed by the bare model id …
        with runtime.session() as session:
            texts = dict(session.execute(select(Document.text_sha256, Document.text)).all())
            for sha, text in texts.items():
                old = runtime.models.current().encoder.encode([strip_cjk(text)])[0]
                session.execute(
                    update(Embedding)
                    .where(Embedding.model_id == key, Embedding.text_sha256 == sha)
                    .values(model_id=BUNDLED_ID, vector=old.tobytes())
                )
            session.commit()
        write_old_tokens(runtime)  # … its tokens …
        runtime.save_snapshots()
    finally:
        runtime.close()
    for manifest in settings.index_dir.glob("*/*.manifest.json"):  # … and its snapshots
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        manifest.write_text(json.dumps({**meta, "model_id": BUNDLED_ID}), encoding="utf-8")

    restarted = build_runtime(settings, reencode_in_background=True)
    try:
        assert restarted.models._thread is None
        assert (
            restarted.models.current().indexes[IndexName.postdocs].rebuilt_on_open
        )  # the old snapshot is not used
        with restarted.session() as session:
            count = func.count(Embedding.id)
            documents_of_key = (Embedding.model_id == key) & Embedding.text_sha256.in_(list(texts))
            assert session.scalar(select(count).where(documents_of_key)) == len(texts)
            assert set(session.scalars(select(Document.text_version))) == {pipeline_version()}
        with TestClient(create_app(runtime=restarted), headers=headers) as c:
            assert ranking(c, challenge["id"]) == fresh
    finally:
        restarted.close()
