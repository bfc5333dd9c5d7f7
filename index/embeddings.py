"""Stored embeddings: vectors are computed once per (model, text sha256) and kept in SQL.

The model part of the key is ``embedding_key(encoder)``: the model id, plus the text pipeline
version for encoders that read only ``readable_text`` (index/encoder.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from index.encoder import Encoder, Role, embedding_key
from models import Embedding

_CHUNK = 500


def chunked(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_vectors(session: Session, model_id: str, shas: Iterable[str]) -> dict[str, np.ndarray]:
    """The stored vectors of ``model_id`` for these text hashes (missing ones are absent)."""
    found: dict[str, np.ndarray] = {}
    for part in chunked(sorted(set(shas))):
        rows = session.execute(
            select(Embedding.text_sha256, Embedding.vector).where(
                Embedding.model_id == model_id, Embedding.text_sha256.in_(part)
            )
        )
        for sha, blob in rows:
            found[sha] = np.frombuffer(blob, dtype=np.float32)
    return found


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
        _insert_ignoring_duplicates(session, rows)
    return vectors


def _insert_ignoring_duplicates(session: Session, rows: list[dict]) -> None:
    """Another writer may store the same (model, text) concurrently: keep whichever came first."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(Embedding).on_conflict_do_nothing(), rows)
