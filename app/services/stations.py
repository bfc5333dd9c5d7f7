from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Conflict
from app.schemas.stations import StationCreate, StationUpdate
from app.services.common import apply_changes, commit, ensure_unique, get_or_404, paginate
from models import Postdoc, Station, StationKind


def create_station(session: Session, data: StationCreate) -> Station:
    ensure_unique(session, Station, "name", data.name)
    station = Station(**data.model_dump())
    session.add(station)
    commit(session)
    return station


def get_station(session: Session, station_id: int) -> Station:
    return get_or_404(session, Station, station_id, "station")


def list_stations(
    session: Session, *, city: str | None, kind: StationKind | None, limit: int, offset: int
) -> tuple[list[Station], int]:
    query = select(Station).order_by(Station.id)
    if city:
        query = query.where(Station.city == city)
    if kind:
        query = query.where(Station.kind == kind)
    return paginate(session, query, limit=limit, offset=offset)


def update_station(session: Session, station_id: int, data: StationUpdate) -> Station:
    station = get_station(session, station_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "name" in changes:
        ensure_unique(session, Station, "name", changes["name"], exclude_id=station_id)
    apply_changes(station, changes)
    commit(session)
    return station


def delete_station(session: Session, station_id: int) -> None:
    station = get_station(session, station_id)
    members = session.scalar(
        select(func.count()).select_from(Postdoc).where(Postdoc.station_id == station_id)
    )
    if members:
        raise Conflict(f"station {station_id} still has {members} postdoc(s); move or delete them first")
    session.delete(station)
    commit(session)
