"""Enterprises that post challenges: the shared registry CRUD, unique by credit code."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.schemas.enterprises import EnterpriseCreate, EnterpriseUpdate
from app.services.registry import Dependents, Registry
from models import Challenge, Enterprise

__all__ = [
    "ENTERPRISES",
    "create_enterprise",
    "delete_enterprise",
    "enterprise_choices",
    "get_enterprise",
    "list_enterprises",
    "update_enterprise",
]

ENTERPRISES = Registry(
    Enterprise,
    "enterprise",
    "credit_code",
    Dependents(Challenge.enterprise_id, "challenge(s)", "delete or close them first"),
)


def create_enterprise(session: Session, data: EnterpriseCreate) -> Enterprise:
    return ENTERPRISES.create(session, data)


def get_enterprise(session: Session, enterprise_id: int) -> Enterprise:
    return ENTERPRISES.get(session, enterprise_id)


def list_enterprises(
    session: Session, *, city: str | None, industry: str | None, limit: int, offset: int
) -> tuple[list[Enterprise], int]:
    return ENTERPRISES.list(session, filters={"city": city, "industry": industry}, limit=limit, offset=offset)


def enterprise_choices(session: Session, *, limit: int) -> list[Enterprise]:
    """The first ``limit`` enterprises: a form's or a filter's choice of enterprise."""
    return list_enterprises(session, city=None, industry=None, limit=limit, offset=0)[0]


def update_enterprise(session: Session, enterprise_id: int, data: EnterpriseUpdate) -> Enterprise:
    return ENTERPRISES.update(session, enterprise_id, data)


def delete_enterprise(session: Session, enterprise_id: int) -> None:
    ENTERPRISES.delete(session, enterprise_id)
