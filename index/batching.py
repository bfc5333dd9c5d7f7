"""Micro-batching of query encodings from concurrent requests.

The encoder serialises its calls (torch already uses every core), so under concurrency requests
queue anyway. ``QueryBatcher`` lets the first waiting request encode every query queued within a
short window in one batch; the others take their row of the result.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

import numpy as np

from index.encoder import Encoder

__all__ = ["QueryBatcher", "batcher_for"]


class QueryBatcher:
    """Leader/follower batching: whoever finds no batch in flight encodes everyone's queries."""

    def __init__(self, encoder: Encoder, wait_ms: float = 2.0, max_batch: int = 64) -> None:
        self.encoder = encoder
        self._wait_s = wait_ms / 1000
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._pending: list[tuple[str, Future[np.ndarray]]] = []
        self._leading = False

    def encode(self, text: str) -> np.ndarray:
        """The query vector of ``text``, encoded together with concurrent callers' texts."""
        return self.encode_many([text])[0]

    def encode_many(self, texts: list[str]) -> np.ndarray:
        """The query vectors of ``texts`` (one row each), encoded in the same batch as each
        other (when they fit in one) and as concurrent callers' texts."""
        futures: list[Future[np.ndarray]] = [Future() for _ in texts]
        with self._lock:
            self._pending.extend(zip(texts, futures, strict=True))
            lead = not self._leading
            self._leading = self._leading or lead
        if lead:
            self._lead()
        return np.stack([f.result() for f in futures]) if texts else np.zeros((0, self.encoder.dim))

    def _lead(self) -> None:
        while True:
            if self._wait_s:
                time.sleep(self._wait_s)  # let concurrent requests join this batch
            with self._lock:
                batch, self._pending = self._pending[: self._max_batch], self._pending[self._max_batch :]
                if not batch:
                    self._leading = False
                    return
            try:
                vectors = self.encoder.encode([t for t, _ in batch], role="query")
            except Exception as exc:  # hand the failure to every waiting request
                for _, future in batch:
                    future.set_exception(exc)
            else:
                for (_, future), vector in zip(batch, vectors, strict=True):
                    future.set_result(vector)


_batchers: dict[tuple[int, float], QueryBatcher] = {}
_batchers_lock = threading.Lock()


def batcher_for(encoder: Encoder, wait_ms: float = 2.0) -> QueryBatcher:
    """The process-wide batcher of ``encoder``."""
    key = (id(encoder), wait_ms)
    with _batchers_lock:
        if key not in _batchers:
            _batchers[key] = QueryBatcher(encoder, wait_ms)
        return _batchers[key]
