"""Derived search state kept in SQL: documents, stored embeddings and the index outbox.

A postdoc is indexed as several documents (research interests, skills, one per publication);
a challenge as one. Every write commits the documents, their embeddings and ``index_ops`` rows
in the same transaction, so any process can bring its in-memory FAISS/BM25 indexes up to date
by replaying the outbox, without re-encoding text.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow
from models.domain import str_enum

__all__ = ["Document", "DocumentKind", "Embedding", "IndexFeed", "IndexName", "IndexOp"]


class IndexName(enum.StrEnum):
    postdocs = "postdocs"
    challenges = "challenges"


class DocumentKind(enum.StrEnum):
    interests = "interests"
    skills = "skills"
    publication = "publication"
    challenge = "challenge"


class Document(Base):
    """One searchable text; its id is the FAISS id."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_index_owner", "index_name", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    index_name: Mapped[IndexName] = mapped_column(str_enum(IndexName))
    owner_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    publication_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    tokens: Mapped[str] = mapped_column(Text)
    # index/text.py pipeline_version() that made ``tokens``; another value (or NULL: written
    # before versions existed) is re-tokenised when an index opens or rebuilds
    text_version: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)


class Embedding(Base):
    """A stored vector, keyed by the text's sha256 and the model that made it."""

    __tablename__ = "embeddings"
    __table_args__ = (UniqueConstraint("model_id", "text_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    model_id: Mapped[str] = mapped_column(String(300))
    text_sha256: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class IndexOp(Base):
    """Outbox row: 'bring document N of this index in line with SQL' (idempotent)."""

    __tablename__ = "index_ops"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    index_name: Mapped[IndexName] = mapped_column(str_enum(IndexName))
    document_id: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8))  # "upsert" | "delete", informative
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class IndexFeed(Base):
    """How far the one follower has fed an index into an external engine (Milvus): the collection
    it writes, the outbox op id up to which every op is applied there, and the feeding lease
    (``holder`` feeds until ``lease_until``; another process may take over after that)."""

    __tablename__ = "index_feeds"
    __table_args__ = (UniqueConstraint("index_name", "model_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    index_name: Mapped[IndexName] = mapped_column(str_enum(IndexName))
    model_key: Mapped[str] = mapped_column(String(64))  # sha256 of the embedding key
    collection: Mapped[str] = mapped_column(String(200), default="")  # "" until the first build
    watermark: Mapped[int] = mapped_column(Integer, default=0)
    holder: Mapped[str] = mapped_column(String(200), default="")
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
