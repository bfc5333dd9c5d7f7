from __future__ import annotations

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, selectinload

from app.errors import InvalidInput
from app.matching.documents import postdoc_documents
from app.schemas.postdocs import PostdocCreate, PostdocUpdate, PublicationCreate
from app.services.common import (
    apply_changes,
    commit,
    contains_pattern,
    ensure_unique,
    get_or_404,
    paginate,
    refuse_nulls,
)
from index.documents import remove_owner_documents, sync_owner_documents
from index.encoder import Encoder
from models import Availability, Enterprise, IndexName, Postdoc, Publication, Station

__all__ = [
    "check_employer",
    "check_station",
    "create_postdoc",
    "delete_postdoc",
    "find_postdocs_by_name",
    "get_postdoc",
    "list_postdocs",
    "new_postdoc",
    "new_publication",
    "postdoc_ids_by_email",
    "postdocs_by_ids",
    "update_postdoc",
]


def create_postdoc(session: Session, encoder: Encoder, data: PostdocCreate) -> Postdoc:
    check_station(session, data.station_id)
    check_employer(session, data.employer_enterprise_id)
    ensure_unique(session, Postdoc, "email", data.email)
    postdoc = new_postdoc(data)
    session.add(postdoc)
    session.flush()
    sync_owner_documents(session, encoder, IndexName.postdocs, postdoc.id, postdoc_documents(postdoc))
    commit(session)
    return get_postdoc(session, postdoc.id)


def new_postdoc(data: PostdocCreate) -> Postdoc:
    fields = data.model_dump(exclude={"publications"})
    return Postdoc(**fields, publications=[new_publication(p) for p in data.publications])


def new_publication(data: PublicationCreate) -> Publication:
    fields = data.model_dump()
    fields["abstract"] = fields["abstract"] or ""
    return Publication(**fields)


def check_station(session: Session, station_id: int | None) -> None:
    if station_id is not None and session.get(Station, station_id) is None:
        raise InvalidInput(f"station {station_id} does not exist", field="station_id")


def check_employer(session: Session, enterprise_id: int | None) -> None:
    if enterprise_id is not None and session.get(Enterprise, enterprise_id) is None:
        raise InvalidInput(f"enterprise {enterprise_id} does not exist", field="employer_enterprise_id")


def get_postdoc(session: Session, postdoc_id: int) -> Postdoc:
    return get_or_404(session, Postdoc, postdoc_id, "postdoc")


def list_postdocs(
    session: Session,
    *,
    discipline: str | None,
    station_id: int | None,
    city: str | None,
    availability: Availability | None,
    limit: int,
    offset: int,
) -> tuple[list[Postdoc], int]:
    query = (
        select(Postdoc)
        .options(selectinload(Postdoc.publications), selectinload(Postdoc.station))
        .order_by(Postdoc.id)
    )
    if discipline:
        query = query.where(Postdoc.discipline == discipline)
    if station_id:
        query = query.where(Postdoc.station_id == station_id)
    if city:
        query = query.join(Station, Postdoc.station_id == Station.id).where(Station.city == city)
    if availability:
        query = query.where(Postdoc.availability == availability)
    return paginate(session, query, limit=limit, offset=offset)


def update_postdoc(session: Session, encoder: Encoder, postdoc_id: int, data: PostdocUpdate) -> Postdoc:
    postdoc = get_postdoc(session, postdoc_id)
    changes = data.model_dump(exclude_unset=True, exclude={"publications"})
    if "email" in changes:
        ensure_unique(session, Postdoc, "email", changes["email"], exclude_id=postdoc_id)
    if "station_id" in changes:
        check_station(session, changes["station_id"])
    if "employer_enterprise_id" in changes:
        check_employer(session, changes["employer_enterprise_id"])
    refuse_nulls(changes, nullable=frozenset({"station_id", "employer_enterprise_id"}))
    apply_changes(postdoc, changes)
    if data.publications is not None:
        postdoc.publications = [new_publication(p) for p in data.publications]
    session.flush()
    sync_owner_documents(session, encoder, IndexName.postdocs, postdoc.id, postdoc_documents(postdoc))
    commit(session)
    return get_postdoc(session, postdoc.id)


def delete_postdoc(session: Session, postdoc_id: int) -> None:
    postdoc = get_postdoc(session, postdoc_id)
    remove_owner_documents(session, IndexName.postdocs, [postdoc.id])
    session.delete(postdoc)
    commit(session)


def postdoc_ids_by_email(session: Session, emails: list[str]) -> dict[str, int]:
    """The ids of the postdocs with these e-mail addresses (case-insensitive), by address."""
    wanted = sorted({e.strip().lower() for e in emails if e.strip()})
    if not wanted:
        return {}
    rows = session.execute(
        select(func.lower(Postdoc.email), Postdoc.id).where(func.lower(Postdoc.email).in_(wanted))
    )
    return {email: postdoc_id for email, postdoc_id in rows}


def find_postdocs_by_name(
    session: Session, text: str, *, limit: int, station_id: int | None = None
) -> list[Postdoc]:
    """Postdocs whose name contains ``text`` (case-insensitive), exact names first; with
    ``station_id``, only that station's."""
    text = text.strip()
    if not text:
        return []
    pattern = contains_pattern(text)
    query = (
        select(Postdoc)
        .options(selectinload(Postdoc.station))
        .where(func.lower(Postdoc.name).like(pattern, escape="\\"))
        .where(Postdoc.station_id == station_id if station_id is not None else true())
        .order_by(func.lower(Postdoc.name) != text.lower(), func.length(Postdoc.name), Postdoc.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def postdocs_by_ids(session: Session, ids: list[int]) -> list[Postdoc]:
    """The postdocs with these ids that exist, in the order asked."""
    found = {p.id: p for p in session.scalars(select(Postdoc).where(Postdoc.id.in_(ids)))} if ids else {}
    return [found[i] for i in dict.fromkeys(ids) if i in found]
