from __future__ import annotations

from fastapi import APIRouter, status

from app.api.deps import STAFF_ONLY, STAFF_OR_ENTERPRISE, CurrentUser, EnterpriseDep, PageDep, SessionDep
from app.errors import Forbidden
from app.schemas.common import Page, QueryText
from app.schemas.enterprises import EnterpriseCreate, EnterprisePublic, EnterpriseUpdate
from app.services import enterprises as service
from models import Role

__all__ = [
    "SELF_FIXED",
    "create_enterprise",
    "delete_enterprise",
    "get_enterprise",
    "list_enterprises",
    "router",
    "update_enterprise",
]

router = APIRouter(prefix="/enterprises", tags=["enterprises"])


@router.post(
    "", response_model=EnterprisePublic, status_code=status.HTTP_201_CREATED, dependencies=STAFF_ONLY
)
def create_enterprise(session: SessionDep, body: EnterpriseCreate) -> object:
    return service.create_enterprise(session, body)


@router.get("", response_model=Page[EnterprisePublic], dependencies=STAFF_ONLY)
def list_enterprises(
    session: SessionDep,
    page: PageDep,
    city: QueryText(50) = None,  # type: ignore[valid-type]
    industry: QueryText(100) = None,  # type: ignore[valid-type]
) -> object:
    items, total = service.list_enterprises(
        session, city=city, industry=industry, limit=page.limit, offset=page.offset
    )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{enterprise_id}", response_model=EnterprisePublic, dependencies=STAFF_OR_ENTERPRISE)
def get_enterprise(enterprise: EnterpriseDep) -> object:
    return enterprise


@router.patch("/{enterprise_id}", response_model=EnterprisePublic, dependencies=STAFF_OR_ENTERPRISE)
def update_enterprise(
    session: SessionDep, user: CurrentUser, enterprise: EnterpriseDep, body: EnterpriseUpdate
) -> object:
    """Staff change any field; an enterprise account its industry and city (its name and credit
    code are registration data that HR keeps)."""
    for field in sorted(SELF_FIXED & body.model_fields_set):
        if user.role == Role.enterprise:
            raise Forbidden(f"an enterprise account cannot change its own {field}; ask HR", field=field)
    return service.update_enterprise(session, enterprise.id, body)


SELF_FIXED = frozenset({"name", "credit_code"})


@router.delete("/{enterprise_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=STAFF_ONLY)
def delete_enterprise(session: SessionDep, enterprise: EnterpriseDep) -> None:
    service.delete_enterprise(session, enterprise.id)
