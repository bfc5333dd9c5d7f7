"""Stored embeddings: vectors are computed once per (model, text sha256) and kept in SQL.

The model part of the key is ``embedding_key(encoder)``: the model id, plus the text pipeline
version for encoders that read only ``readable_text`` (index/encoder.py).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sqlalchemy.orm import Session

from index.encoder import Encoder, Role, embedding_key
from index.store import chunked, insert_embeddings, stored_vectors

__all__ = ["chunked", "ensure_embeddings", "stored_vectors"]


def ensure_embeddings(
    session: Session,
    encoder: Encoder,
    texts_by_sha: dict[str, str],
    role: Role = "passage",
    encode: Callable[[list[str]], np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Vectors for every text in ``role``, encoding (in batches) only those not stored yet;
    ``encode`` replaces ``encoder.encode`` (e.g. the query micro-batcher)."""
    key = embedding_key(encoder, role)
    vectors = stored_vectors(session, key, texts_by_sha)
    missing = [sha for sha in texts_by_sha if sha not in vectors]
    encode = encode or (lambda texts: encoder.encode(texts, role=role))
    for part in chunked(missing, 1024):
        encoded = encode([texts_by_sha[sha] for sha in part])
        rows = []
        for sha, vec in zip(part, encoded, strict=True):
            vectors[sha] = vec
            rows.append(
                {
                    "model_id": key,
                    "text_sha256": sha,
                    "dim": encoder.dim,
                    "vector": vec.tobytes(),
                }
            )
        insert_embeddings(session, rows)
    return vectors
