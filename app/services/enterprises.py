from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Conflict
from app.schemas.enterprises import EnterpriseCreate, EnterpriseUpdate
from app.services.common import apply_changes, commit, ensure_unique, get_or_404, paginate
from models import Challenge, Enterprise


def create_enterprise(session: Session, data: EnterpriseCreate) -> Enterprise:
    ensure_unique(session, Enterprise, "credit_code", data.credit_code)
    enterprise = Enterprise(**data.model_dump())
    session.add(enterprise)
    commit(session)
    return enterprise


def get_enterprise(session: Session, enterprise_id: int) -> Enterprise:
    return get_or_404(session, Enterprise, enterprise_id, "enterprise")


def list_enterprises(
    session: Session, *, city: str | None, industry: str | None, limit: int, offset: int
) -> tuple[list[Enterprise], int]:
    query = select(Enterprise).order_by(Enterprise.id)
    if city:
        query = query.where(Enterprise.city == city)
    if industry:
        query = query.where(Enterprise.industry == industry)
    return paginate(session, query, limit=limit, offset=offset)


def update_enterprise(session: Session, enterprise_id: int, data: EnterpriseUpdate) -> Enterprise:
    enterprise = get_enterprise(session, enterprise_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "credit_code" in changes:
        ensure_unique(session, Enterprise, "credit_code", changes["credit_code"], exclude_id=enterprise_id)
    apply_changes(enterprise, changes)
    commit(session)
    return enterprise


def delete_enterprise(session: Session, enterprise_id: int) -> None:
    enterprise = get_enterprise(session, enterprise_id)
    posted = session.scalar(
        select(func.count()).select_from(Challenge).where(Challenge.enterprise_id == enterprise_id)
    )
    if posted:
        raise Conflict(
            f"enterprise {enterprise_id} still has {posted} challenge(s); delete or close them first"
        )
    session.delete(enterprise)
    commit(session)
