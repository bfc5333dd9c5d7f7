"""CRUD for the programme's reference tables (stations, enterprises), written once.

A ``Registry`` knows its model, the field that must be unique, the filters its list takes and
the rows that must be gone before one of its rows may be deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.errors import Conflict
from app.services.common import apply_changes, commit, ensure_unique, get_or_404, paginate
from models.base import Base

__all__ = ["Dependents", "Registry"]

Row = TypeVar("Row", bound=Base)


@dataclass(frozen=True)
class Dependents:
    """Rows pointing at a registry row (``column`` = its id) that block its deletion."""

    column: InstrumentedAttribute[Any]
    what: str  # "postdoc(s)"
    fix: str  # "move or delete them first"


@dataclass(frozen=True)
class Registry(Generic[Row]):
    model: type[Row]
    label: str  # "station"
    unique: str  # the field no two rows share
    dependents: Dependents

    def create(self, session: Session, data: BaseModel) -> Row:
        ensure_unique(session, self.model, self.unique, getattr(data, self.unique))
        row = self.model(**data.model_dump())
        session.add(row)
        commit(session)
        return row

    def get(self, session: Session, row_id: int) -> Row:
        return get_or_404(session, self.model, row_id, self.label)

    def list(
        self, session: Session, *, filters: Mapping[str, object], limit: int, offset: int
    ) -> tuple[list[Row], int]:
        """Rows in id order whose fields equal every filter that is set."""
        query = select(self.model).order_by(self.model.id)  # type: ignore[attr-defined]
        for field, value in filters.items():
            if value:
                query = query.where(getattr(self.model, field) == value)
        return paginate(session, query, limit=limit, offset=offset)

    def update(self, session: Session, row_id: int, data: BaseModel) -> Row:
        row = self.get(session, row_id)
        changes = data.model_dump(exclude_unset=True, exclude_none=True)
        if self.unique in changes:
            ensure_unique(session, self.model, self.unique, changes[self.unique], exclude_id=row_id)
        apply_changes(row, changes)
        commit(session)
        return row

    def delete(self, session: Session, row_id: int) -> None:
        row = self.get(session, row_id)
        dep = self.dependents
        count = session.scalar(select(func.count()).where(dep.column == row_id))
        if count:
            raise Conflict(f"{self.label} {row_id} still has {count} {dep.what}; {dep.fix}")
        session.delete(row)
        commit(session)
