from __future__ import annotations

from datetime import datetime

from app.schemas.common import InputModel, Line, PublicModel
from models import StationKind

__all__ = ["StationCreate", "StationPublic", "StationRef", "StationUpdate"]


class StationCreate(InputModel):
    name: Line(200)  # type: ignore[valid-type]
    kind: StationKind
    host_institution: Line(200)  # type: ignore[valid-type]
    city: Line(50)  # type: ignore[valid-type]


class StationUpdate(InputModel):
    name: Line(200) | None = None  # type: ignore[valid-type]
    kind: StationKind | None = None
    host_institution: Line(200) | None = None  # type: ignore[valid-type]
    city: Line(50) | None = None  # type: ignore[valid-type]


class StationPublic(PublicModel):
    id: int
    name: str
    kind: StationKind
    host_institution: str
    city: str
    created_at: datetime
    updated_at: datetime


class StationRef(PublicModel):
    id: int
    name: str
    city: str
    host_institution: str
