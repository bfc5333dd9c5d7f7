"""Micro-batching of concurrent query encodings."""

from __future__ import annotations

import threading

import numpy as np

from index.batching import QueryBatcher
from index.encoder import HashingEncoder, Role


class CountingEncoder(HashingEncoder):
    """The hashing encoder, recording the size of each batch it is given."""

    def __init__(self) -> None:
        super().__init__(32)
        self.batches: list[int] = []

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
        self.batches.append(len(texts))
        return super().encode(texts, role)


def test_concurrent_queries_share_batches_and_get_their_own_vectors() -> None:
    encoder = CountingEncoder()
    batcher = QueryBatcher(encoder, wait_ms=50)
    texts = [f"weld seam inspection {i} robot{i}" for i in range(16)]
    results: dict[str, np.ndarray] = {}
    start = threading.Barrier(len(texts))

    def ask(text: str) -> None:
        start.wait()
        results[text] = batcher.encode(text)

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(encoder.batches) == 16
    assert len(encoder.batches) < 16
    for text in texts:
        np.testing.assert_array_equal(results[text], HashingEncoder(32).encode([text])[0])


def test_a_failing_batch_raises_in_every_waiting_caller() -> None:
    class Broken(HashingEncoder):
        def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
            raise RuntimeError("model gone")

    batcher = QueryBatcher(Broken(8), wait_ms=0)
    try:
        batcher.encode("x")
    except RuntimeError as exc:
        assert str(exc) == "model gone"
    else:
        raise AssertionError("no error raised")
    assert batcher._leading is False


def test_encode_many_encodes_a_request_s_texts_in_one_batch() -> None:
    encoder = CountingEncoder()
    batcher = QueryBatcher(encoder, wait_ms=0)
    texts = ["machine vision", "welding metallurgy", "embedded deployment"]
    vectors = batcher.encode_many(texts)
    assert encoder.batches == [3]
    assert np.array_equal(vectors, HashingEncoder(32).encode(texts, role="query"))
