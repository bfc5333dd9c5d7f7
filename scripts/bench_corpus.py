"""A benchmark corpus of distinct documents at any size: real texts recombined, derived vectors.

Texts: ``synthetic.roster`` (CSL sentences recombined; every document text distinct).

Vectors: the first ``base`` postdocs go through the import service and are really encoded (the
*base set*, a few thousand texts). Every later document gets a *derived* vector, stored in the
``embeddings`` table under the same key the service uses (``embedding_key(encoder)`` and the text's
sha256) **before** the postdoc is imported, so the import and every index build find it stored and
never encode it:

    v = normalise(a · b1 + (1 − a) · b2 + σ · n / √d),  a ~ U(0.5, 0.9), n ~ N(0, I)

where ``b1``, ``b2`` are two base vectors of documents of the same language and kind (interests,
skills, publication) and σ = ``NOISE`` (0.25). A text the encoder would not encode (an encoder that
does not read Chinese, and a text whose readable part has no Latin letter) gets the zero vector,
as the encoder gives it.

Limits: a derived vector follows the *distribution* of real ones (clusters by language and kind,
spread, norms), not its own text: BM25 of a derived document reflects its text, its dense score
does not. So the corpus is right for build time, memory, recall of the approximate index against
exact search and latency, and wrong for ranking quality (use the dev benchmarks for that).
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from typing import Any

import numpy as np

from app.matching.documents import postdoc_documents
from app.runtime import Runtime
from app.schemas.postdocs import PostdocCreate
from app.services.imports import import_rows
from app.services.postdocs import new_postdoc
from index.documents import DocSpec
from index.encoder import embedding_key
from index.store import insert_embeddings, stored_vectors
from index.text import readable_text, sha256

__all__ = ["NOISE", "BasePool", "grow_distinct", "import_postdocs", "row_documents"]

NOISE = 0.25
IMPORT_CHUNK = 2000  # rows per import call (the import caps bytes and rows per request)
_LETTER = re.compile(r"[A-Za-z]")
Row = dict[str, Any]
Group = tuple[str, str]  # (language, document kind)


def row_documents(row: Row) -> list[DocSpec]:
    """The documents the import stores for this roster row."""
    return [s for s in postdoc_documents(new_postdoc(PostdocCreate.model_validate(row))) if s.text.strip()]


def _group(row: Row, spec: DocSpec) -> Group:
    return (str(row["languages"][0]), str(spec.kind))


def import_postdocs(runtime: Runtime, rows: list[Row]) -> float:
    """Seconds to import ``rows`` through the import service, in request-sized chunks."""
    start = time.perf_counter()
    for part in range(0, len(rows), IMPORT_CHUNK):
        chunk = rows[part : part + IMPORT_CHUNK]
        content = "\n".join(json.dumps(r, ensure_ascii=False) for r in chunk).encode()
        report = import_rows(
            runtime.sessions,
            runtime.models.current(),
            "postdocs",
            content,
            "jsonl",
            max_rows=runtime.settings.max_import_rows,
        )
        assert not report.errors, report.errors[:3]
    return time.perf_counter() - start


class BasePool:
    """The really encoded vectors of the base set, by (language, kind); zero vectors left out."""

    def __init__(self, groups: dict[Group, np.ndarray], dim: int, reads_cjk: bool) -> None:
        self.groups = groups
        self.dim = dim
        self.reads_cjk = reads_cjk
        self._all = np.concatenate(list(groups.values())) if groups else np.zeros((0, dim), np.float32)

    @classmethod
    def of(cls, runtime: Runtime, rows: list[Row]) -> BasePool:
        """The stored vectors of these (imported) rows' documents."""
        encoder = runtime.models.current().encoder
        specs = [(row, spec) for row in rows for spec in row_documents(row)]
        with runtime.session() as session:
            found = stored_vectors(session, embedding_key(encoder), [sha256(s.text) for _, s in specs])
        grouped: dict[Group, list[np.ndarray]] = defaultdict(list)
        for row, spec in specs:
            vector = found[sha256(spec.text)]
            if np.any(vector):
                grouped[_group(row, spec)].append(vector)
        groups = {g: np.stack(vs) for g, vs in grouped.items()}
        return cls(groups, encoder.dim, bool(encoder.reads_cjk))

    @property
    def size(self) -> int:
        return len(self._all)

    def encodes(self, text: str) -> bool:
        """Whether the encoder gives this text a vector (the rule of ``SentenceTransformerEncoder``)."""
        return self.reads_cjk or bool(_LETTER.search(readable_text(text)))

    def derive(self, rng: np.random.Generator, group: Group, text: str) -> np.ndarray:
        """A new unit vector: a random mixture of two base vectors of ``group``, plus noise."""
        if not self.encodes(text):
            return np.zeros(self.dim, dtype=np.float32)
        pool = self.groups.get(group)
        if pool is None or len(pool) < 2:
            pool = self._all
        first, second = pool[rng.choice(len(pool), 2, replace=False)]
        a = rng.uniform(0.5, 0.9)
        vector = a * first + (1 - a) * second + NOISE * rng.standard_normal(self.dim) / np.sqrt(self.dim)
        return (vector / np.linalg.norm(vector)).astype(np.float32)


def store_derived(runtime: Runtime, pool: BasePool, rows: list[Row], rng: np.random.Generator) -> int:
    """Derived vectors of these rows' documents, stored as the embeddings the import will find."""
    key = embedding_key(runtime.models.current().encoder)
    stored = []
    for row in rows:
        for spec in row_documents(row):
            vector = pool.derive(rng, _group(row, spec), spec.text)
            stored.append(
                {
                    "model_id": key,
                    "text_sha256": sha256(spec.text),
                    "dim": pool.dim,
                    "vector": vector.tobytes(),
                }
            )
    with runtime.session() as session:
        for part in range(0, len(stored), 5000):
            insert_embeddings(session, stored[part : part + 5000])
        session.commit()
    return len(stored)


def grow_distinct(runtime: Runtime, rows: list[Row], pool: BasePool, seed: int = 11) -> dict[str, float]:
    """Import ``rows`` (derived vectors stored first, so nothing is encoded); seconds of each step."""
    rng = np.random.default_rng(seed + len(rows))
    start = time.perf_counter()
    derived = 0
    for part in range(0, len(rows), IMPORT_CHUNK):
        derived += store_derived(runtime, pool, rows[part : part + IMPORT_CHUNK], rng)
    vectors_s = time.perf_counter() - start
    import_s = import_postdocs(runtime, rows)
    return {"derived_vectors": derived, "derive_s": vectors_s, "derived_import_s": import_s}
