"""Webhooks in the web UI: an enterprise (or programme staff on its behalf) registers endpoints
with the events chosen (the signing secret is shown once, in the answer to the post), deletes
them and reads its delivery log; staff read every enterprise's log at /ui/deliveries and open
an enterprise's webhooks from there.

Times are in the programme's time zone; the log is paged and filtered by status (and, for
staff, by enterprise), every choice kept in the URL."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from app.api.deps import Id, SessionDep, SettingsDep
from app.config import Settings
from app.errors import JiebangError
from app.schemas.webhooks import WebhookCreate
from app.services import delivery_log
from app.services import webhooks as service
from app.services.enterprises import enterprise_choices
from app.ui.challenge_list import page_links, page_number
from app.ui.error_text import form_errors
from app.ui.i18n import language
from app.ui.routes import FormUser, VisibleEnterprise, WebUser, back, render, require_role
from models import DeliveryStatus, Role, WebhookEvent

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)
LOG_KEYS = ("status", "enterprise")


def _status(raw: str) -> DeliveryStatus | None:
    return DeliveryStatus(raw) if raw in DeliveryStatus.__members__ else None


def _enterprise_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) <= 12 else None


def _log(request: Request, session: SessionDep, settings: Settings, enterprise_id: int | None) -> dict:
    """The delivery log's page for the URL's status, page and enterprise (``enterprise_id``
    when the page is one enterprise's), with its pager links."""
    params = dict(request.query_params)
    size, page = settings.ui_list_page_size, page_number(params, settings)
    rows, total = delivery_log.delivery_log(
        session,
        enterprise_id=enterprise_id,
        status=_status(params.get("status", "")),
        limit=size,
        offset=(page - 1) * size,
    )
    pages = max(1, -(-total // size))
    return dict(
        deliveries=rows,
        total=total,
        page=page,
        pages=pages,
        links=page_links(params, page, pages, LOG_KEYS),
        params=params,
        statuses=list(DeliveryStatus),
        zone_name=settings.event_timezone,
    )


def _webhooks_page(request, session, settings, user, enterprise, status_code=200, **context):  # type: ignore[no-untyped-def]
    return render(
        request,
        "webhooks.html",
        user,
        status_code,
        enterprise=enterprise,
        webhooks=service.webhooks_of(session, enterprise),
        events=list(WebhookEvent),
        values=context.pop("values", {}),
        errors=context.pop("errors", {}),
        deleted=request.query_params.get("deleted") == "1",
        **_log(request, session, settings, enterprise.id),
        **context,
    )


@router.get("/enterprises/{enterprise_id}/webhooks")
def webhooks_page(
    request: Request, session: SessionDep, settings: SettingsDep, user: WebUser, enterprise: VisibleEnterprise
) -> HTMLResponse:
    return _webhooks_page(request, session, settings, user, enterprise)


class WebhookForm:
    """The form's fields as typed (checked by ``WebhookCreate`` afterwards)."""

    def __init__(
        self,
        url: Annotated[str, Form(max_length=4000)] = "",
        events: Annotated[list[str], Form(max_length=len(WebhookEvent))] = [],  # noqa: B006 (FastAPI default)
    ) -> None:
        self.values = {"url": url.strip(), "events": events}


@router.post("/enterprises/{enterprise_id}/webhooks")
def create_webhook(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: FormUser,
    enterprise: VisibleEnterprise,
    form: Annotated[WebhookForm, Depends()],
) -> Response:
    """Register the endpoint; the answer shows its secret this once."""
    lang = language(request)
    try:
        data = WebhookCreate.model_validate(form.values)
        webhook = service.create_webhook(
            session, enterprise, url=data.url, events=data.events, settings=settings, lang=lang
        )
    except (JiebangError, ValidationError) as exc:
        session.rollback()
        errors = form_errors(exc, lang, {})
        return _webhooks_page(
            request, session, settings, user, enterprise, 422, values=form.values, errors=errors
        )
    return _webhooks_page(request, session, settings, user, enterprise, created=webhook)


@router.post("/enterprises/{enterprise_id}/webhooks/{webhook_id}/delete")
def delete_webhook(
    request: Request, session: SessionDep, user: FormUser, enterprise: VisibleEnterprise, webhook_id: Id
) -> Response:
    service.delete_webhook(session, service.get_webhook(session, enterprise, webhook_id, language(request)))
    return back(f"/ui/enterprises/{enterprise.id}/webhooks?deleted=1")


@router.get("/deliveries")
def deliveries_page(
    request: Request, session: SessionDep, settings: SettingsDep, user: WebUser
) -> HTMLResponse:
    """Programme staff: every enterprise's webhook deliveries, or one enterprise's."""
    require_role(user, Role.hr, Role.admin)
    chosen = _enterprise_id(request.query_params.get("enterprise", ""))
    enterprises = enterprise_choices(session, limit=settings.max_page_size)
    return render(
        request,
        "deliveries.html",
        user,
        enterprises=enterprises,
        chosen=chosen,
        **_log(request, session, settings, chosen),
    )
