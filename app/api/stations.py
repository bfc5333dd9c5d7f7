from __future__ import annotations

from fastapi import APIRouter, status

from app.api.deps import SIGNED_IN, STAFF_ONLY, Id, PageDep, SessionDep
from app.schemas.common import Page, QueryText
from app.schemas.stations import StationCreate, StationPublic, StationUpdate
from app.services import stations as service
from models import StationKind

__all__ = ["create_station", "delete_station", "get_station", "list_stations", "router", "update_station"]

router = APIRouter(prefix="/stations", tags=["stations"])


@router.post("", response_model=StationPublic, status_code=status.HTTP_201_CREATED, dependencies=STAFF_ONLY)
def create_station(session: SessionDep, body: StationCreate) -> object:
    return service.create_station(session, body)


@router.get("", response_model=Page[StationPublic], dependencies=SIGNED_IN)
def list_stations(
    session: SessionDep,
    page: PageDep,
    city: QueryText(50) = None,  # type: ignore[valid-type]
    kind: StationKind | None = None,
) -> object:
    items, total = service.list_stations(session, city=city, kind=kind, limit=page.limit, offset=page.offset)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{station_id}", response_model=StationPublic, dependencies=SIGNED_IN)
def get_station(session: SessionDep, station_id: Id) -> object:
    return service.get_station(session, station_id)


@router.patch("/{station_id}", response_model=StationPublic, dependencies=STAFF_ONLY)
def update_station(session: SessionDep, station_id: Id, body: StationUpdate) -> object:
    return service.update_station(session, station_id, body)


@router.delete("/{station_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=STAFF_ONLY)
def delete_station(session: SessionDep, station_id: Id) -> None:
    service.delete_station(session, station_id)
