"""Outbound messages: enterprises' webhooks and the delivery log (webhook calls and emails)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow
from models.domain import Enterprise, str_enum

__all__ = ["Delivery", "DeliveryChannel", "DeliveryStatus", "Webhook", "WebhookEvent"]


class WebhookEvent(enum.StrEnum):
    match_list_approved = "match_list.approved"  # HR approved people on one of its challenges
    application_created = "application.created"  # a team applied to one of its challenges


class Webhook(Base):
    """An enterprise's endpoint. The secret signs every request (HMAC needs the secret itself,
    so it is stored; it is shown to the enterprise once, at creation)."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(4000))
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    enterprise: Mapped[Enterprise] = relationship()


class DeliveryChannel(enum.StrEnum):
    webhook = "webhook"
    email = "email"


class DeliveryStatus(enum.StrEnum):
    pending = "pending"  # waiting for its next attempt (next_attempt_at)
    delivered = "delivered"  # never sent again
    failed = "failed"  # gave up after the maximum number of attempts


class Delivery(Base):
    """One message to one recipient, written in the transaction of the change it reports and
    sent after commit by the drain (app/services/deliveries.py), with retries."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), index=True)  # the same on every retry
    event: Mapped[str] = mapped_column(String(50))
    channel: Mapped[DeliveryChannel] = mapped_column(str_enum(DeliveryChannel))
    webhook_id: Mapped[int | None] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    recipient: Mapped[str] = mapped_column(String(4000))  # the URL or email address, as sent
    subject: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="")  # of an email: its one language
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus), default=DeliveryStatus.pending, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
