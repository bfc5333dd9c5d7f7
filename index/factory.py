"""The encoder factory: the encoder a model setting names, built once per process.

``hashing:<dim>`` (tests), ``mix:…`` composites (index/composite.py), the other bundled models
(index/bundled.py) and any sentence-transformers name or path (index/encoder.py).
"""

from __future__ import annotations

import threading

from index.bundled import BUNDLED_ENGINES, build_bundled
from index.composite import build_composite
from index.encoder import (
    BUNDLED_MINILM,
    BUNDLED_PREFIX,
    Encoder,
    EncoderError,
    HashingEncoder,
    SentenceTransformerEncoder,
)
from index.models import prefixes_for

__all__ = ["forget_encoders", "make_encoder"]

_cache: dict[tuple[str, str, str, int, int, int, str], Encoder] = {}
_cache_lock = threading.RLock()  # a composite builds its channels through make_encoder


def make_encoder(
    spec: str,
    *,
    query_prefix: str = "",
    passage_prefix: str = "",
    batch_size: int = 64,
    threads: int = 0,
    query_threads: int = 1,
    backend: str = "torch",
) -> Encoder:
    """Build (once per process) the encoder a model setting names."""
    key = (spec, query_prefix, passage_prefix, batch_size, threads, query_threads, backend)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _build(*key)
        return _cache[key]


def _build(
    spec: str, qp: str, pp: str, batch_size: int, threads: int, query_threads: int, backend: str
) -> Encoder:
    if spec.startswith("hashing:"):
        return HashingEncoder(int(spec.split(":", 1)[1]))
    if spec.startswith("mix:"):
        return _build_mix(spec, batch_size, threads, query_threads, backend)
    if spec.startswith(BUNDLED_PREFIX) and spec != BUNDLED_MINILM:
        return _build_bundled(spec.removeprefix(BUNDLED_PREFIX), batch_size, threads, query_threads)
    return SentenceTransformerEncoder(
        spec,
        query_prefix=qp,
        passage_prefix=pp,
        batch_size=batch_size,
        threads=threads,
        query_threads=query_threads,
        backend=backend,
    )


def _build_bundled(name: str, batch_size: int, threads: int, query_threads: int) -> Encoder:
    if name not in BUNDLED_ENGINES:
        known = ", ".join([BUNDLED_MINILM, *(BUNDLED_PREFIX + n for n in BUNDLED_ENGINES)])
        raise EncoderError(
            f"unknown bundled model {BUNDLED_PREFIX + name!r} (bundled: {known}; bundled:mix is "
            "resolved by the settings into a mix: spec, see app/config.py)"
        )
    return build_bundled(name, batch_size=batch_size, threads=threads, query_threads=query_threads)


def _build_mix(spec: str, batch_size: int, threads: int, query_threads: int, backend: str) -> Encoder:
    """A composite; each channel is built (and cached) as if named alone, with its preset's
    prefixes (the settings' prefixes are for single models)."""

    def load(model: str) -> Encoder:
        query_prefix, passage_prefix = prefixes_for(model)
        return make_encoder(
            model,
            query_prefix=query_prefix,
            passage_prefix=passage_prefix,
            batch_size=batch_size,
            threads=threads,
            query_threads=query_threads,
            backend=backend,
        )

    try:
        return build_composite(spec, load)
    except ValueError as exc:
        raise EncoderError(f"invalid composite model {spec!r}: {exc}") from exc


def forget_encoders() -> None:
    """Drop the process's built encoders, so the next ``make_encoder`` loads afresh (tests that
    change what can be imported, as on a platform without a wheel)."""
    with _cache_lock:
        _cache.clear()
