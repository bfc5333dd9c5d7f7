"""Recency weighting of dated documents (publications) before per-person aggregation.

With ``aggregation_recency_half_life_years = h > 0`` a document's fused score is multiplied by
``0.5 ** (age / h)``; ``age`` counts years back from the **newest publication year among the
postdoc documents** (not the calendar year, so a corpus and its evaluation figures do not age
with the clock; a year after it counts as age 0). Documents without a year (research
interests, skills) keep their score. The years of a query's candidates come from one SQL query.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from index.embeddings import chunked
from models import Document, IndexName

__all__ = ["decay", "document_years", "newest_year", "recency_weights"]


def decay(years: np.ndarray, reference: int | None, half_life: float) -> np.ndarray:
    """``0.5 ** (max(reference - year, 0) / half_life)`` per document; 1.0 where the year is
    NaN (undated), where there is no reference year, or when ``half_life`` is 0 (off)."""
    years = np.asarray(years, dtype=np.float64)
    if half_life <= 0 or reference is None:
        return np.ones(len(years), dtype=np.float64)
    age = np.clip(reference - years, 0.0, None)
    return np.where(np.isnan(years), 1.0, 0.5 ** (age / half_life))


def newest_year(session: Session) -> int | None:
    """The newest publication year among postdoc documents (None when none is dated)."""
    query = select(func.max(Document.year)).where(Document.index_name == IndexName.postdocs)
    return session.scalar(query)


def document_years(session: Session, doc_ids: np.ndarray) -> np.ndarray:
    """Each document's year as a float array parallel to ``doc_ids`` (NaN: undated or unknown)."""
    ids = np.asarray(doc_ids, dtype=np.int64)
    unique = np.unique(ids)
    found: dict[int, int] = {}
    for part in chunked(unique.tolist(), 10_000):
        rows = session.execute(
            select(Document.id, Document.year).where(Document.id.in_(part), Document.year.is_not(None))
        )
        found.update((i, y) for i, y in rows if y is not None)
    years = np.array([found.get(i, np.nan) for i in unique.tolist()], dtype=np.float64)
    return years[np.searchsorted(unique, ids)] if ids.size else years


def recency_weights(session: Session, doc_ids: np.ndarray, half_life: float) -> np.ndarray:
    """The decay factor of each of ``doc_ids`` (all 1.0 when ``half_life`` is 0)."""
    if half_life <= 0:
        return np.ones(len(doc_ids), dtype=np.float64)
    return decay(document_years(session, doc_ids), newest_year(session), half_life)
