"""One follower feeds Milvus (milvus-lite here, real): the lease, the recorded watermark, restarts,
rebuilds, and API processes that only query (JIEBANG_MILVUS_FEED=follower).

milvus-lite opens a data file in one process only, so the follower and the API runtime share
this test's process; they still talk only through SQL (the outbox and ``index_feeds``) and the
Milvus collection, as separate processes on a Milvus server do.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.main import create_app
from app.model_manager import encoder_for, milvus_uri
from app.runtime import Runtime, build_runtime
from index import store
from index.milvus_feed import MilvusFeeder, follow_outbox
from index.vector_followed import FollowedVectorIndex, IndexNotFed
from index.vector_milvus import MilvusVectorIndex, milvus_available
from models import IndexName
from tests.conftest import Factory, api_key_headers, make_settings
from tests.index.test_consistency import assert_agrees, ranked_ids, seed, sql_doc_ids

pytestmark = pytest.mark.skipif(not milvus_available(), reason="pymilvus / milvus-lite not installed")


@pytest.fixture
def settings(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    return make_settings(tmp_path, database_url, vector_backend="milvus", milvus_feed="follower")


@pytest.fixture
def sessions(settings) -> Iterator[sessionmaker[Session]]:  # type: ignore[no-untyped-def]
    runtime = build_runtime(settings, open_indexes=False)  # migrates; nothing fed yet
    yield runtime.sessions
    runtime.close()


def feeder(settings, holder: str = "follower-a", lease: float = 30.0) -> MilvusFeeder:  # type: ignore[no-untyped-def]
    encoder = encoder_for(settings)
    return MilvusFeeder(IndexName.postdocs, encoder, milvus_uri(settings), holder=holder, lease_seconds=lease)


def feed_row(sessions: sessionmaker[Session], one: MilvusFeeder) -> tuple[str, int, str]:
    with sessions() as session:
        row = store.feed_row(session, one.name, one.key)
        assert row is not None
        return row.collection, row.watermark, row.holder


def all_feeders(settings, holder: str = "follower-a") -> list[MilvusFeeder]:  # type: ignore[no-untyped-def]
    encoder = encoder_for(settings)
    uri = milvus_uri(settings)
    return [MilvusFeeder(n, encoder, uri, holder=holder, lease_seconds=30.0) for n in IndexName]


@contextmanager
def api_after_a_follower(settings, sessions) -> Iterator[tuple[list[MilvusFeeder], Runtime, TestClient]]:  # type: ignore[no-untyped-def]
    """The follower feeds the empty roster, then an API process that only queries opens."""
    feeders = all_feeders(settings)
    follow_outbox(feeders, sessions, interval=0, rounds=1)
    api = build_runtime(settings)
    try:
        with TestClient(create_app(runtime=api), headers=api_key_headers(api)) as client:
            yield feeders, api, client
    finally:
        api.close()


def postdocs_index(runtime: Runtime) -> FollowedVectorIndex:
    index = runtime.view().indexes[IndexName.postdocs].vector_index
    assert isinstance(index, FollowedVectorIndex)
    return index


def test_an_api_process_in_follower_mode_waits_for_the_follower(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IndexNotFed, match="jiebang follow"):
        build_runtime(settings)


def test_only_the_lease_holder_feeds_and_a_lapsed_lease_is_taken_over(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    first, second = feeder(settings, "a", lease=3.0), feeder(settings, "b", lease=3.0)
    first.step(sessions)
    assert first.index is not None
    assert second.step(sessions) == 0 and second.index is None
    assert feed_row(sessions, first)[2] == "a"
    time.sleep(3.1)  # "a" stopped renewing
    second.step(sessions)
    assert second.index is not None and feed_row(sessions, first)[2] == "b"
    assert second.index.collection == first.index.collection  # carried on, not rebuilt


def test_the_follower_records_its_watermark_and_a_restart_carries_on(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    with api_after_a_follower(settings, sessions) as (_, _, client):
        make = Factory(client)
        seed(make)
        follow_outbox(all_feeders(settings), sessions, interval=0, rounds=1)  # a restart
        collection, watermark, _ = feed_row(sessions, feeder(settings))
        make.postdoc(research_interests="焊缝检测 机器视觉")
    with sessions() as session:  # as if killed after applying, before recording: replay all
        store.record_feed(
            session,
            IndexName.postdocs,
            feeder(settings).key,
            "follower-a",
            collection=collection,
            watermark=0,
        )
        session.commit()
        head = store.max_op_id(session)
        ids, _, _ = store.all_documents(session, IndexName.postdocs)
    restarted = feeder(settings)
    restarted.step(sessions)
    assert feed_row(sessions, restarted) == (collection, head, "follower-a") and head > watermark > 0
    assert restarted.index is not None and restarted.index.ids().tolist() == ids.tolist()


def test_api_processes_only_query_and_still_read_their_writes(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    with api_after_a_follower(settings, sessions) as (feeders, api, client):
        people, challenge = seed(Factory(client))
        ranked = [pid for pid, _ in ranked_ids(client, challenge["id"])]
        followed, docs = postdocs_index(api), len(sql_doc_ids(api, IndexName.postdocs))
        assert ranked[0] == people[0]["id"] and len(ranked) == 3
        assert followed.overlay_size == docs  # not fed yet: served from this process's overlay
        assert followed.remote.size == 0  # the API process wrote nothing to Milvus
        assert_agrees(api)
        follow_outbox(feeders, sessions, interval=0, rounds=1)
        assert ranked_ids(client, challenge["id"])[0][0] == people[0]["id"]
        assert followed.overlay_size == 0 and followed.remote.size == docs
        client.delete(f"/postdocs/{people[0]['id']}")
        assert people[0]["id"] not in [pid for pid, _ in ranked_ids(client, challenge["id"])]
        left = len(sql_doc_ids(api, IndexName.postdocs))
        assert followed.remote.size == docs > left  # tombstones until the follower runs
        assert followed.size == left
        follow_outbox(feeders, sessions, interval=0, rounds=1)
        api.view()
        assert followed.overlay_size == 0 and followed.remote.size == left
        assert_agrees(api)


def test_a_follower_rebuild_moves_the_api_to_the_new_collection(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    with api_after_a_follower(settings, sessions) as (feeders, api, client):
        _, challenge = seed(Factory(client))
        follow_outbox(feeders, sessions, interval=0, rounds=1)
        before = ranked_ids(client, challenge["id"])
        old = postdocs_index(api).remote.collection
        feeders[0].rebuild(sessions)
        assert ranked_ids(client, challenge["id"]) == before
        assert postdocs_index(api).remote.collection == feed_row(sessions, feeders[0])[0] != old


def test_a_collection_that_disagrees_with_sql_is_rebuilt_on_open(settings, sessions) -> None:  # type: ignore[no-untyped-def]
    with api_after_a_follower(settings, sessions) as (_, _, client):
        seed(Factory(client))
    one = feeder(settings)
    collection = feed_row(sessions, one)[0]
    stray = MilvusVectorIndex(one.encoder.dim, one.uri, collection)
    stray.upsert(np.array([999_999]), np.ones((1, one.encoder.dim), dtype=np.float32) / 8)
    one.step(sessions)
    assert one.index is not None and one.index.collection != collection
    assert 999_999 not in one.index.ids().tolist()


def test_milvus_lite_jieba_words_do_not_reach_our_tokenizer() -> None:
    """milvus-lite's jieba analyzer adds user words to jieba's global dictionary; Jiebang's
    tokenizer is its own jieba.Tokenizer, so its tokens do not change."""
    import jieba
    from milvus_lite.analyzer.jieba_analyzer import JiebaAnalyzer

    from index.text import tokenize

    text = "大菱鲆养殖病害防治"
    before = tokenize(text)
    JiebaAnalyzer(user_dict_words=["菱鲆养殖病"])
    try:
        assert "菱鲆养殖病" in jieba.lcut(text)  # the global dictionary did change
        assert tokenize(text) == before
    finally:
        jieba.del_word("菱鲆养殖病")


def test_the_follow_command_feeds_and_records(settings, sessions, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from app.cli import cli, get_settings

    for key, value in {
        "JIEBANG_ENV": "test",
        "JIEBANG_DATA_DIR": str(settings.data_dir),
        "JIEBANG_DATABASE_URL": settings.database_url,
        "JIEBANG_MODEL": settings.model,
        "JIEBANG_VECTOR_BACKEND": "milvus",
    }.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["follow", "--rounds", "1"])
        monkeypatch.setenv("JIEBANG_VECTOR_BACKEND", "faiss")
        get_settings.cache_clear()
        refused = CliRunner().invoke(cli, ["follow", "--rounds", "1"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert feed_row(sessions, feeder(settings))[0].startswith("jiebang_postdocs_")
    assert refused.exit_code == 2 and "JIEBANG_VECTOR_BACKEND=milvus" in refused.output
