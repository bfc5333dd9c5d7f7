"""The webhook delivery log as people read it: one enterprise's (its own page) or every
enterprise's (programme staff), newest first, optionally one status only, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from models import Delivery, DeliveryStatus, Enterprise, Webhook

__all__ = ["DeliveryRow", "delivery_log"]


@dataclass(frozen=True)
class DeliveryRow:
    delivery: Delivery
    enterprise_id: int
    enterprise: str  # the enterprise's name


def _where(enterprise_id: int | None, status: DeliveryStatus | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if enterprise_id is not None:
        where.append(Webhook.enterprise_id == enterprise_id)
    if status is not None:
        where.append(Delivery.status == status)
    return where


def delivery_log(
    session: Session,
    *,
    enterprise_id: int | None,
    status: DeliveryStatus | None,
    limit: int,
    offset: int,
) -> tuple[list[DeliveryRow], int]:
    """One page of webhook deliveries (every enterprise's when ``enterprise_id`` is None) and
    how many match."""
    where = _where(enterprise_id, status)
    joined = select(Delivery, Enterprise.id, Enterprise.name).join(Webhook, Webhook.id == Delivery.webhook_id)
    query = joined.join(Enterprise, Enterprise.id == Webhook.enterprise_id).where(*where)
    page = session.execute(query.order_by(Delivery.id.desc()).limit(limit).offset(offset))
    rows = [DeliveryRow(delivery, ent_id, name) for delivery, ent_id, name in page]
    count = select(func.count(Delivery.id)).join(Webhook, Webhook.id == Delivery.webhook_id).where(*where)
    return rows, session.scalar(count) or 0
