"""Webhooks an enterprise registers, and their delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from app.schemas.common import InputModel, PublicModel
from models import DeliveryStatus, WebhookEvent

__all__ = ["DeliveryPublic", "WebhookCreate", "WebhookCreated", "WebhookPublic"]


class WebhookCreate(InputModel):
    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)] = Field(
        description="http(s) endpoint (at most webhook_max_url_chars characters) that receives "
        "signed POSTs; see docs/notifications.md for the signature"
    )
    events: list[WebhookEvent] = Field(max_length=len(WebhookEvent), description="events to receive")


class WebhookPublic(PublicModel):
    id: int
    enterprise_id: int
    url: str
    events: list[WebhookEvent]
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="signs every request (Jiebang-Signature); shown this once")


class DeliveryPublic(PublicModel):
    id: int
    event_id: str = Field(description="the same on every retry: deduplicate by it")
    event: str
    status: DeliveryStatus
    attempts: int
    last_status_code: int | None
    last_error: str
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
