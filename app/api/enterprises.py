from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.api.deps import Id, PageDep, SessionDep
from app.schemas.common import Page
from app.schemas.enterprises import EnterpriseCreate, EnterprisePublic, EnterpriseUpdate
from app.services import enterprises as service

router = APIRouter(prefix="/enterprises", tags=["enterprises"])


@router.post("", response_model=EnterprisePublic, status_code=status.HTTP_201_CREATED)
def create_enterprise(session: SessionDep, body: EnterpriseCreate) -> object:
    return service.create_enterprise(session, body)


@router.get("", response_model=Page[EnterprisePublic])
def list_enterprises(
    session: SessionDep,
    page: PageDep,
    city: Annotated[str | None, Query(max_length=50)] = None,
    industry: Annotated[str | None, Query(max_length=100)] = None,
) -> object:
    items, total = service.list_enterprises(
        session, city=city, industry=industry, limit=page.limit, offset=page.offset
    )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{enterprise_id}", response_model=EnterprisePublic)
def get_enterprise(session: SessionDep, enterprise_id: Id) -> object:
    return service.get_enterprise(session, enterprise_id)


@router.patch("/{enterprise_id}", response_model=EnterprisePublic)
def update_enterprise(session: SessionDep, enterprise_id: Id, body: EnterpriseUpdate) -> object:
    return service.update_enterprise(session, enterprise_id, body)


@router.delete("/{enterprise_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_enterprise(session: SessionDep, enterprise_id: Id) -> None:
    service.delete_enterprise(session, enterprise_id)
