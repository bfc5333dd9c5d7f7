"""Vectors handed to txtai (``method: external``): the stored vectors of our documents and queries.

txtai resolves ``transform: txtai_vectors.transform`` (with ``ALLOW_RESOLVE_TRANSFORM=True`` and
scripts/ on the path) in the bench process and in its own API server. Each text txtai is given is
looked up here; the server loads the table from ``JIEBANG_PEER_VECTORS`` (an .npz of ``texts`` and
``vectors``). A text that was not registered is an error, never silently encoded differently.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

__all__ = ["register", "save", "transform"]

_VECTORS: dict[str, np.ndarray] = {}


def register(texts: list[str], vectors: np.ndarray) -> None:
    """Make ``transform`` return ``vectors[i]`` for ``texts[i]``."""
    _VECTORS.update(zip(texts, np.asarray(vectors, dtype=np.float32), strict=True))


def save(path: Path) -> Path:
    """Write every registered (text, vector) for the txtai server."""
    texts = list(_VECTORS)
    np.savez(path, texts=np.array(texts, dtype=object), vectors=np.stack([_VECTORS[t] for t in texts]))
    return path


def _load_from_env() -> None:
    path = os.environ.get("JIEBANG_PEER_VECTORS")
    if path and not _VECTORS:
        table = np.load(path, allow_pickle=True)
        register([str(t) for t in table["texts"]], table["vectors"])


def transform(inputs: list[str]) -> np.ndarray:
    """The registered vectors of ``inputs``, in order. txtai divides every vector by its norm, so
    a zero vector (a text our encoder does not read) would become NaN and poison its faiss index:
    it is handed over as the first unit vector instead (a dense score of |q₀|, about 0.05)."""
    _load_from_env()
    out = np.stack([_VECTORS[str(text)] for text in inputs])
    out[~np.any(out, axis=1), 0] = 1.0
    return out
