"""An enterprise's webhooks (under its tenancy): register, list, delete, read the delivery log.

Errors about a webhook are in the caller's language (``?lang=en`` or Accept-Language)."""

from __future__ import annotations

from fastapi import APIRouter, status

from app.api.deps import (
    STAFF_OR_ENTERPRISE,
    CallerLanguage,
    EnterpriseDep,
    Id,
    PageDep,
    SessionDep,
    SettingsDep,
)
from app.schemas.common import Page
from app.schemas.webhooks import DeliveryPublic, WebhookCreate, WebhookCreated, WebhookPublic
from app.services import webhooks as service

__all__ = ["create_webhook", "delete_webhook", "list_deliveries", "list_webhooks", "router"]

router = APIRouter(
    prefix="/enterprises/{enterprise_id}/webhooks", tags=["webhooks"], dependencies=STAFF_OR_ENTERPRISE
)


@router.post("", response_model=WebhookCreated, status_code=status.HTTP_201_CREATED)
def create_webhook(
    session: SessionDep,
    settings: SettingsDep,
    enterprise: EnterpriseDep,
    lang: CallerLanguage,
    body: WebhookCreate,
) -> object:
    """Register an endpoint for the events listed; the response holds its signing secret, once."""
    return service.create_webhook(
        session, enterprise, url=body.url, events=body.events, settings=settings, lang=lang
    )


@router.get("", response_model=list[WebhookPublic])
def list_webhooks(session: SessionDep, enterprise: EnterpriseDep) -> object:
    return service.webhooks_of(session, enterprise)


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_webhook(
    session: SessionDep, enterprise: EnterpriseDep, lang: CallerLanguage, webhook_id: Id
) -> None:
    """Remove the endpoint and its log; deliveries still pending are not sent."""
    service.delete_webhook(session, service.get_webhook(session, enterprise, webhook_id, lang))


@router.get("/{webhook_id}/deliveries", response_model=Page[DeliveryPublic])
def list_deliveries(
    session: SessionDep, enterprise: EnterpriseDep, lang: CallerLanguage, webhook_id: Id, page: PageDep
) -> object:
    """The webhook's delivery log, newest first: status, attempts, last answer, next attempt."""
    webhook = service.get_webhook(session, enterprise, webhook_id, lang)
    items, total = service.deliveries_of(session, webhook, limit=page.limit, offset=page.offset)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)
