"""Postdoc stations (博士后工作站 / 流动站): the shared registry CRUD."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.schemas.stations import StationCreate, StationUpdate
from app.services.registry import Dependents, Registry
from models import Postdoc, Station, StationKind

__all__ = ["STATIONS", "create_station", "delete_station", "get_station", "list_stations", "update_station"]

STATIONS = Registry(
    Station, "station", "name", Dependents(Postdoc.station_id, "postdoc(s)", "move or delete them first")
)


def create_station(session: Session, data: StationCreate) -> Station:
    return STATIONS.create(session, data)


def get_station(session: Session, station_id: int) -> Station:
    return STATIONS.get(session, station_id)


def list_stations(
    session: Session, *, city: str | None, kind: StationKind | None, limit: int, offset: int
) -> tuple[list[Station], int]:
    return STATIONS.list(session, filters={"city": city, "kind": kind}, limit=limit, offset=offset)


def update_station(session: Session, station_id: int, data: StationUpdate) -> Station:
    return STATIONS.update(session, station_id, data)


def delete_station(session: Session, station_id: int) -> None:
    STATIONS.delete(session, station_id)
