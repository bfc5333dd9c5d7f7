"""Enterprises' webhooks: register, list, delete, read the delivery log; sign and queue events.

An event is queued in the transaction of the change it reports (one ``deliveries`` row per
subscribed webhook) and sent after commit by the drain (app/services/deliveries.py). Every
request carries ``Jiebang-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``
and ``Jiebang-Event-Id``, the same on every retry (docs/notifications.md).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import uuid
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import Conflict, InvalidInput, NotFound
from app.services.common import commit
from models import Delivery, DeliveryChannel, Enterprise, Webhook, WebhookEvent
from models.base import utcnow

__all__ = [
    "SIGNATURE_HEADER",
    "create_webhook",
    "delete_webhook",
    "deliveries_of",
    "get_webhook",
    "queue_event",
    "sign",
    "url_problem",
    "webhooks_of",
]

SIGNATURE_HEADER = "Jiebang-Signature"

# Messages for the caller, in their language (the API's bad-input answers for webhooks).
_TEXT = {
    "scheme": ("网址必须以 http:// 或 https:// 开头。", "the URL must start with http:// or https://"),
    "host": ("网址缺少主机名。", "the URL has no host name"),
    "long": ("网址最长 {n} 个字符。", "the URL may have at most {n} characters"),
    "private": (
        "网址不能指向本机或内网地址。",
        "the URL may not point to a loopback or private network address",
    ),
    "credentials": ("网址中不能包含用户名或密码。", "the URL may not contain a user name or password"),
    "events": ("请至少订阅一个事件。", "subscribe to at least one event"),
    "too_many": ("每家企业最多 {n} 个 Webhook。", "an enterprise may register at most {n} webhooks"),
    "not_found": ("未找到 Webhook {id}。", "webhook {id} not found"),
}


def _say(key: str, lang: str, **values: object) -> str:
    zh, en = _TEXT[key]
    return (en if lang == "en" else zh).format(**values)


def url_problem(url: str, settings: Settings, lang: str) -> str | None:
    """Why ``url`` cannot be a webhook endpoint (in ``lang``), or None."""
    if len(url) > settings.webhook_max_url_chars:
        return _say("long", lang, n=settings.webhook_max_url_chars)
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return _say("host", lang)
    if parts.scheme not in ("http", "https"):
        return _say("scheme", lang)
    if not host:
        return _say("host", lang)
    if parts.username or parts.password:
        return _say("credentials", lang)
    if not settings.webhook_allow_private_hosts and _is_private(host):
        return _say("private", lang)
    return None


def _is_private(host: str) -> bool:
    # Literal addresses and localhost only: a name resolving to a private address is the
    # network's business (docs/notifications.md).
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def create_webhook(
    session: Session,
    enterprise: Enterprise,
    *,
    url: str,
    events: list[WebhookEvent],
    settings: Settings,
    lang: str,
) -> Webhook:
    """Register an endpoint; the returned row's ``secret`` is shown to the caller this once."""
    problem = url_problem(url, settings, lang)
    if problem:
        raise InvalidInput(problem, field="url")
    if not events:
        raise InvalidInput(_say("events", lang), field="events")
    count = session.scalar(select(func.count(Webhook.id)).where(Webhook.enterprise_id == enterprise.id))
    if (count or 0) >= settings.webhooks_per_enterprise:
        raise Conflict(_say("too_many", lang, n=settings.webhooks_per_enterprise))
    webhook = Webhook(
        enterprise_id=enterprise.id,
        url=url,
        events=sorted({e.value for e in events}),
        secret=f"whsec_{secrets.token_urlsafe(32)}",
    )
    session.add(webhook)
    commit(session)
    return webhook


def webhooks_of(session: Session, enterprise: Enterprise) -> list[Webhook]:
    query = select(Webhook).where(Webhook.enterprise_id == enterprise.id).order_by(Webhook.id)
    return list(session.scalars(query))


def get_webhook(session: Session, enterprise: Enterprise, webhook_id: int, lang: str) -> Webhook:
    """The enterprise's webhook; the same 404 for "no such id" and "another enterprise's"."""
    webhook = session.get(Webhook, webhook_id)
    if webhook is None or webhook.enterprise_id != enterprise.id:
        raise NotFound(_say("not_found", lang, id=webhook_id))
    return webhook


def delete_webhook(session: Session, webhook: Webhook) -> None:
    """Remove the endpoint and its delivery log (pending deliveries are never sent)."""
    session.delete(webhook)
    commit(session)


def deliveries_of(
    session: Session, webhook: Webhook, *, limit: int, offset: int
) -> tuple[list[Delivery], int]:
    """One page of the webhook's delivery log, newest first, and the log's length."""
    mine = Delivery.webhook_id == webhook.id
    page = select(Delivery).where(mine).order_by(Delivery.id.desc()).limit(limit).offset(offset)
    rows = session.scalars(page)
    return list(rows), session.scalar(select(func.count(Delivery.id)).where(mine)) or 0


def queue_event(session: Session, enterprise_id: int, event: WebhookEvent, data: dict) -> str | None:
    """In the caller's transaction: one delivery per webhook of the enterprise subscribed to
    ``event``. Returns the event id (None when no webhook listens)."""
    hooks = [h for h in session.scalars(select(Webhook).where(Webhook.enterprise_id == enterprise_id))]
    hooks = [h for h in hooks if event.value in h.events]
    if not hooks:
        return None
    event_id = f"evt_{uuid.uuid4().hex}"
    body = {"id": event_id, "type": event.value, "created_at": utcnow().isoformat(), "data": data}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    session.add_all(
        Delivery(
            event_id=event_id,
            event=event.value,
            channel=DeliveryChannel.webhook,
            webhook_id=h.id,
            recipient=h.url,
            body=text,
        )
        for h in hooks
    )
    return event_id


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Jiebang-Signature`` value: ``t=<timestamp>,v1=<hex HMAC-SHA256 of "<t>.<body>">``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
