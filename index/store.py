"""Every SQL statement of index/: documents, their tokens and texts, outbox ops, embeddings.

Stateless functions over the caller's ``Session``: the caller owns the transaction. The rest of
index/ (``SearchIndex``, the outbox follower, documents, embeddings) reads and writes SQL only
through these.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Document, DocumentKind, Embedding, IndexFeed, IndexName, IndexOp
from models.base import utcnow

__all__ = [
    "CHUNK",
    "OwnerDocuments",
    "add_ops",
    "all_documents",
    "chunked",
    "claim_feed",
    "count_documents",
    "document_rows",
    "feed_row",
    "insert_embeddings",
    "max_op_id",
    "ops_after",
    "owner_documents",
    "record_feed",
    "stale_token_rows",
    "stored_vectors",
    "texts_for",
    "token_rows",
    "write_tokens",
]

CHUNK = 500  # ids per IN (...) list
OwnerDocuments = dict[int, dict[tuple[DocumentKind, int | None], Document]]


def chunked(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------- outbox
def max_op_id(session: Session) -> int:
    """The latest op id of any index (op ids are shared by every index), 0 when none."""
    return int(session.scalar(select(func.max(IndexOp.id))) or 0)


def ops_after(session: Session, watermark: int, limit: int) -> list[tuple[int, IndexName, int]]:
    """(op id, index name, document id) of the first ``limit`` ops above ``watermark``, in id order."""
    rows = session.execute(
        select(IndexOp.id, IndexOp.index_name, IndexOp.document_id)
        .where(IndexOp.id > watermark)
        .order_by(IndexOp.id)
        .limit(limit)
    ).all()
    return [(op_id, name, doc_id) for op_id, name, doc_id in rows]


def add_ops(session: Session, index_name: IndexName, upserted: Iterable[int], deleted: Iterable[int]) -> None:
    """Outbox rows for changed and removed documents, in the caller's transaction."""
    session.add_all(IndexOp(index_name=index_name, document_id=d, op="upsert") for d in upserted)
    session.add_all(IndexOp(index_name=index_name, document_id=d, op="delete") for d in deleted)
    session.flush()


# ------------------------------------------------------------------- documents
def all_documents(session: Session, name: IndexName) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(document ids, owner ids, text sha256s) of every document of ``name``, in id order."""
    rows = session.execute(
        select(Document.id, Document.owner_id, Document.text_sha256)
        .where(Document.index_name == name)
        .order_by(Document.id)
    ).all()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    owners = np.array([r[1] for r in rows], dtype=np.int64)
    return ids, owners, [r[2] for r in rows]


def document_rows(session: Session, name: IndexName, doc_ids: Iterable[int]) -> list[tuple[int, int, str]]:
    """(document id, owner id, text sha256) of those of ``doc_ids`` that still exist."""
    rows: list[tuple[int, int, str]] = []
    for part in chunked(sorted(doc_ids)):
        found = session.execute(
            select(Document.id, Document.owner_id, Document.text_sha256).where(
                Document.id.in_(part), Document.index_name == name
            )
        )
        rows.extend((doc_id, owner_id, sha) for doc_id, owner_id, sha in found)
    return rows


def count_documents(session: Session, name: IndexName) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Document).where(Document.index_name == name)) or 0
    )


def token_rows(session: Session, name: IndexName) -> Iterator[tuple[int, str]]:
    """(document id, token string) of every document of ``name``, in id order, streamed."""
    rows = session.execute(
        select(Document.id, Document.tokens).where(Document.index_name == name).order_by(Document.id),
        execution_options={"yield_per": 5000},  # stream: never all token strings at once
    )
    yield from ((doc_id, tokens) for doc_id, tokens in rows)


def texts_for(session: Session, name: IndexName, shas: Sequence[str]) -> dict[str, str]:
    """The text of each of ``shas`` among the documents of ``name``."""
    texts: dict[str, str] = {}
    for part in chunked(shas):
        rows = session.execute(
            select(Document.text_sha256, Document.text).where(
                Document.index_name == name, Document.text_sha256.in_(part)
            )
        )
        texts.update({sha: text for sha, text in rows})
    return texts


def stale_token_rows(session: Session, name: IndexName, version: str, limit: int) -> list[tuple[int, str]]:
    """(document id, text) of up to ``limit`` documents whose tokens are not of ``version``."""
    rows = session.execute(
        select(Document.id, Document.text)
        .where(
            Document.index_name == name,
            (Document.text_version != version) | Document.text_version.is_(None),
        )
        .order_by(Document.id)
        .limit(limit)
    ).all()
    return [(doc_id, text) for doc_id, text in rows]


def write_tokens(session: Session, tokens_by_id: dict[int, str], version: str) -> None:
    """Store new token strings (made by text pipeline ``version``) for these documents."""
    session.execute(
        update(Document),
        [{"id": i, "tokens": tokens, "text_version": version} for i, tokens in tokens_by_id.items()],
    )


def owner_documents(session: Session, index_name: IndexName, owner_ids: Sequence[int]) -> OwnerDocuments:
    """The owners' stored documents (ORM objects), keyed by owner, then (kind, publication id)."""
    out: OwnerDocuments = {}
    for part in chunked(owner_ids):
        rows = session.scalars(
            select(Document).where(Document.index_name == index_name, Document.owner_id.in_(part))
        )
        for doc in rows:
            out.setdefault(doc.owner_id, {})[(doc.kind, doc.publication_id)] = doc
    return out


# ------------------------------------------------------------------ embeddings
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


def insert_embeddings(session: Session, rows: list[dict]) -> None:
    """Another writer may store the same (model, text) concurrently: keep whichever came first."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(Embedding).on_conflict_do_nothing(), rows)


# ----------------------------------------------------------------------- feeds
def feed_row(session: Session, name: IndexName, model_key: str) -> IndexFeed | None:
    """Where the follower has fed ``name`` for this model (None before any follower ran)."""
    return session.scalar(
        select(IndexFeed).where(IndexFeed.index_name == name, IndexFeed.model_key == model_key)
    )


def claim_feed(
    session: Session, name: IndexName, model_key: str, holder: str, now: datetime, lease: timedelta
) -> bool:
    """Take or renew the lease to feed ``name`` until ``now + lease``: True when ``holder`` has
    it, False while another holder's lease runs. One conditional UPDATE, so two claimants never
    both win."""
    if feed_row(session, name, model_key) is None:
        row = IndexFeed(index_name=name, model_key=model_key, holder=holder, lease_until=now + lease)
        try:
            with session.begin_nested():
                session.add(row)
            return True
        except IntegrityError:  # another claimant inserted it first: compete on the UPDATE
            pass
    claimed = session.execute(
        update(IndexFeed)
        .where(
            IndexFeed.index_name == name,
            IndexFeed.model_key == model_key,
            (IndexFeed.holder == holder) | (IndexFeed.lease_until < now),
        )
        .values(holder=holder, lease_until=now + lease)
    )
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def record_feed(
    session: Session, name: IndexName, model_key: str, holder: str, *, collection: str, watermark: int
) -> bool:
    """Record the collection and watermark ``holder`` fed; False when it no longer holds the lease."""
    done = session.execute(
        update(IndexFeed)
        .where(IndexFeed.index_name == name, IndexFeed.model_key == model_key, IndexFeed.holder == holder)
        .values(collection=collection, watermark=watermark, updated_at=utcnow())
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]
