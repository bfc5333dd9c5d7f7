"""Helpers shared by the services: commits that turn unique violations into 409s, paging."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotFound
from models import Base

__all__ = [
    "M",
    "apply_changes",
    "commit",
    "contains_pattern",
    "ensure_unique",
    "get_or_404",
    "paginate",
    "refuse_nulls",
]

M = TypeVar("M", bound=Base)

# Unique constraints → the field a person should change.
_UNIQUE_FIELDS = {
    "postdocs.email": "email",
    "uq_postdocs_email": "email",
    "enterprises.credit_code": "credit_code",
    "uq_enterprises_credit_code": "credit_code",
    "stations.name": "name",
    "uq_stations_name": "name",
    "challenges.enterprise_id, challenges.title": "title",
    "uq_challenges_enterprise_id": "title",
}


def commit(session: Session) -> None:
    """Commit, mapping a unique-constraint race to a 409 that names the field."""
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        field = _unique_field(str(exc.orig))
        if field is None:
            raise
        raise Conflict(f"another record already has this {field}", field=field) from exc


def _unique_field(message: str) -> str | None:
    for marker, field in _UNIQUE_FIELDS.items():
        if re.search(re.escape(marker), message):
            return field
    return None


def get_or_404(session: Session, model: type[M], obj_id: int, label: str) -> M:
    obj = session.get(model, obj_id)
    if obj is None:
        raise NotFound(f"{label} {obj_id} not found")
    return obj


def ensure_unique(
    session: Session, model: type[Base], field: str, value: Any, *, exclude_id: int | None = None
) -> None:
    """Raise a 409 naming ``field`` when another row already holds ``value``."""
    column = getattr(model, field)
    query = select(model.id).where(column == value)  # type: ignore[attr-defined]
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)  # type: ignore[attr-defined]
    if session.scalar(query.limit(1)) is not None:
        raise Conflict(f"{field} {value!r} is already registered", field=field)


def paginate(session: Session, query: Select, *, limit: int, offset: int) -> tuple[list, int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(session.scalars(query.limit(limit).offset(offset)))
    return items, int(total or 0)


def apply_changes(obj: Base, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        setattr(obj, key, value)


def refuse_nulls(changes: dict[str, Any], *, nullable: frozenset[str] = frozenset()) -> None:
    """A PATCH may omit a required field but not set it to null."""
    for key, value in changes.items():
        if value is None and key not in nullable:
            raise InvalidInput(f"{key} cannot be null; omit it to keep the current value", field=key)


def contains_pattern(text: str) -> str:
    """A LIKE pattern (escape character ``\\``) matching any lower-cased text that contains
    ``text``, with ``%`` and ``_`` in it taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
