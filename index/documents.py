"""Writing side of the index: keep an owner's documents, embeddings and outbox rows in step.

Called inside the caller's transaction, so the domain row, its documents, their vectors and the
``index_ops`` rows commit (or roll back) together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from index.embeddings import ensure_embeddings
from index.encoder import Encoder
from index.store import add_ops, owner_documents
from index.text import pipeline_version, sha256, tokenize
from models import Document, DocumentKind, IndexName

__all__ = ["DocSpec", "remove_owner_documents", "sync_many", "sync_owner_documents"]


@dataclass(frozen=True)
class DocSpec:
    """What one document of an owner should be."""

    kind: DocumentKind
    title: str
    text: str
    publication_id: int | None = None
    year: int | None = None

    @property
    def key(self) -> tuple[DocumentKind, int | None]:
        return (self.kind, self.publication_id)


def sync_owner_documents(
    session: Session,
    encoder: Encoder,
    index_name: IndexName,
    owner_id: int,
    specs: Sequence[DocSpec],
) -> None:
    """Make the owner's stored documents equal ``specs``; emit one outbox row per change."""
    sync_many(session, encoder, index_name, {owner_id: specs})


def sync_many(
    session: Session,
    encoder: Encoder,
    index_name: IndexName,
    specs_by_owner: dict[int, Sequence[DocSpec]],
) -> None:
    """Batch form of ``sync_owner_documents`` (imports): one encoding pass for all new text."""
    wanted = [s for specs in specs_by_owner.values() for s in specs if s.text.strip()]
    ensure_embeddings(session, encoder, {sha256(s.text): s.text for s in wanted})
    existing = owner_documents(session, index_name, list(specs_by_owner))
    changed: list[Document] = []
    removed: list[Document] = []
    for owner_id, specs in specs_by_owner.items():
        have = existing.get(owner_id, {})
        for spec in specs:
            if not spec.text.strip():
                continue
            doc = have.pop(spec.key, None)
            if doc is None or doc.text_sha256 != sha256(spec.text) or doc.title != spec.title:
                changed.append(_write(session, doc, index_name, owner_id, spec))
        removed.extend(have.values())
    for doc in removed:
        session.delete(doc)
    session.flush()
    add_ops(session, index_name, [d.id for d in changed], [d.id for d in removed])


def remove_owner_documents(session: Session, index_name: IndexName, owner_ids: list[int]) -> None:
    """Delete the owners' documents and emit a delete op for each."""
    existing = owner_documents(session, index_name, owner_ids)
    docs = [doc for by_key in existing.values() for doc in by_key.values()]
    for doc in docs:
        session.delete(doc)
    session.flush()
    add_ops(session, index_name, [], [d.id for d in docs])


def _write(
    session: Session,
    doc: Document | None,
    index_name: IndexName,
    owner_id: int,
    spec: DocSpec,
) -> Document:
    if doc is None:
        doc = Document(index_name=index_name, owner_id=owner_id, kind=spec.kind)
        session.add(doc)
    doc.publication_id = spec.publication_id
    doc.title = spec.title[:500]
    doc.text = spec.text
    doc.text_sha256 = sha256(spec.text)
    doc.tokens = " ".join(tokenize(spec.text))
    doc.text_version = pipeline_version()
    doc.year = spec.year
    return doc
