"""Query vectors: kept per process, stored in SQL for every process, and encoded once."""

from __future__ import annotations

import numpy as np
import torch
from sqlalchemy import func, select

from app.matching import candidates
from app.matching.candidates import query_vectors
from app.runtime import Runtime
from index.embeddings import ensure_embeddings
from index.encoder import HashingEncoder, Role, SentenceTransformerEncoder
from index.factory import make_encoder
from index.text import TextOptions, configure, sha256
from models import Embedding
from tests.index.test_batching import CountingEncoder


def _forget_process_cache() -> None:
    with candidates._cache_lock:
        candidates._caches.clear()


def test_a_ranking_reads_stored_query_vectors_and_writes_none(runtime: Runtime) -> None:
    encoder = CountingEncoder()
    text = "焊缝缺陷检测 weld seam inspection with machine vision"
    with runtime.session() as s:
        first = query_vectors(encoder, [text], 0.0, s)
        assert sum(encoder.batches) == 1
        assert s.scalar(select(func.count()).select_from(Embedding)) == 0  # a GET never writes
        again = query_vectors(encoder, [text, text], 0.0, s)
        assert sum(encoder.batches) == 1  # this process's cache
        _forget_process_cache()  # as another worker or replica would start
        ensure_embeddings(s, encoder, {sha256(text): text}, role="query")  # as posting stores it
        s.commit()
        encoder.batches.clear()
        stored = query_vectors(encoder, [text], 0.0, s)
        assert sum(encoder.batches) == 0  # from SQL, not the encoder
    np.testing.assert_array_equal(again, np.stack([first[0], first[0]]))
    np.testing.assert_array_equal(stored[0], first[0])
    np.testing.assert_array_equal(first[0], HashingEncoder(32).encode([text])[0])


def test_a_stored_passage_serves_as_the_query_only_when_both_roles_encode_alike(runtime: Runtime) -> None:
    text = "海洋牧场 aquaculture monitoring"

    class Prefixed(CountingEncoder):
        roles_differ = True

        def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
            vectors = super().encode(texts, role)
            return vectors[:, ::-1].copy() if role == "query" else vectors  # "query: " changes vectors

    for encoder, encoded in ((CountingEncoder(), 0), (Prefixed(), 1)):
        _forget_process_cache()
        with runtime.session() as s:  # as posting a challenge stores its document's vector
            passage = ensure_embeddings(s, encoder, {sha256(text): text})[sha256(text)]
            s.commit()
        encoder.batches.clear()
        with runtime.session() as s:
            vector = query_vectors(encoder, [text], 0.0, s)[0]
        assert sum(encoder.batches) == encoded
        expected = passage if encoded == 0 else encoder.encode([text], role="query")[0]
        np.testing.assert_array_equal(vector, expected)
    with runtime.session() as s:
        keys = set(s.scalars(select(Embedding.model_id).where(Embedding.text_sha256 == sha256(text))))
        assert keys == {"hashing:32"}  # the query vector of the prefixed model was not written
        assert s.scalar(select(func.count()).select_from(Embedding)) == 1


def test_queries_run_on_query_threads_and_passages_on_every_core() -> None:
    """Real model: the thread count torch runs each role with, read inside the forward pass."""
    make_encoder("bundled:all-MiniLM-L6-v2")  # loaded once per process
    before = torch.get_num_threads()
    encoder = SentenceTransformerEncoder("bundled:all-MiniLM-L6-v2", threads=2, query_threads=1)
    seen: list[int] = []
    hook = encoder._model.register_forward_pre_hook(lambda *_: seen.append(torch.get_num_threads()))
    try:
        encoder.encode(["weld seam inspection"], role="query")
        encoder.encode(["weld seam inspection", "crane fatigue"], role="passage")
    finally:
        hook.remove()
        torch.set_num_threads(before)
    assert seen == [1, 2]


def test_cached_query_vectors_follow_the_text_options() -> None:
    """Real model (it reads no Chinese): with the glossary it reads a Chinese term's English
    translation; without it, nothing. The process cache must not hand one reading to the other."""
    encoder = make_encoder("bundled:all-MiniLM-L6-v2")
    text = "基于机器视觉的焊缝缺陷检测"
    try:
        configure(TextOptions(glossary=True))
        with_glossary = query_vectors(encoder, [text])[0]
        configure(TextOptions(glossary=False))
        without = query_vectors(encoder, [text])[0]
    finally:
        configure(TextOptions())
    assert np.any(with_glossary)
    assert not np.any(without)
