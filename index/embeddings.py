"""Stored embeddings: vectors are computed once per (model, text sha256) and kept in SQL.

The model part of the key is ``embedding_key(encoder)``: the model id, plus the text pipeline
version for encoders that read only ``readable_text`` (index/encoder.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session
from tqdm import tqdm

from index import store
from index.encoder import Encoder, Role, embedding_key
from index.store import chunked, insert_embeddings, stored_vectors
from models import IndexName

__all__ = [
    "DocumentChanges",
    "chunked",
    "document_changes",
    "document_vectors",
    "ensure_embeddings",
    "stored_vectors",
]


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


def document_vectors(
    session: Session, encoder: Encoder, name: IndexName, shas: list[str], *, progress: bool = False
) -> np.ndarray:
    """The vectors of these document texts of ``name``, in order: stored ones, encoding (and
    storing) the rest."""
    found = stored_vectors(session, embedding_key(encoder), shas)
    missing = sorted({sha for sha in shas if sha not in found})
    if missing:
        texts = store.texts_for(session, name, missing)
        bar = tqdm(total=len(missing), desc=f"encoding {name}", disable=not progress)
        for part in chunked(missing, 256):
            found.update(ensure_embeddings(session, encoder, {s: texts[s] for s in part}))
            bar.update(len(part))
        bar.close()
    out = np.zeros((len(shas), encoder.dim), dtype=np.float32)
    for row, sha in enumerate(shas):
        out[row] = found[sha]
    return out


@dataclass
class DocumentChanges:
    """What bringing some documents in line with SQL means: rows and vectors of those that
    exist, ids of those that are gone."""

    rows: list[tuple[int, int, str]]  # (document id, owner id, text sha256)
    present: np.ndarray
    vectors: np.ndarray
    gone: np.ndarray


def document_changes(
    session: Session, encoder: Encoder, name: IndexName, doc_ids: set[int]
) -> DocumentChanges:
    """The current state in SQL of these documents of ``name`` (an outbox batch)."""
    rows = store.document_rows(session, name, doc_ids)
    present = np.array([r[0] for r in rows], dtype=np.int64)
    vectors = document_vectors(session, encoder, name, [r[2] for r in rows])
    gone = np.array(sorted(doc_ids - set(present.tolist())), dtype=np.int64)
    return DocumentChanges(rows, present, vectors, gone)
