"""The delivery log's worker: sends due webhook calls and emails after commit, with retries.

Rows are written in the transaction of the change they report (``queue_email`` here,
``webhooks.queue_event``). ``drain`` sends what is due: it claims a row (attempts + 1 and a
lease on ``next_attempt_at``, in one conditional UPDATE, so two workers never send the same
attempt), sends it outside any transaction, then records the outcome: delivered (never sent
again), another attempt after exponential backoff, or failed after ``delivery_max_attempts``.
A worker that dies mid-send leaves the row to be retried when its lease runs out, so a receiver
may see an event twice and should deduplicate by its event id.
"""

from __future__ import annotations

import logging
import smtplib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.services.mail import build_message, send_message
from app.services.webhooks import SIGNATURE_HEADER, sign
from models import Account, Delivery, DeliveryChannel, DeliveryStatus, Webhook
from models.base import utcnow

__all__ = ["EMAIL_ENABLED", "DrainReport", "backoff_s", "drain", "drain_quietly", "queue_email"]

log = logging.getLogger(__name__)

# ``Session.info`` key the runtime sets from the settings: without an SMTP host no email is queued.
EMAIL_ENABLED = "email_enabled"


def queue_email(session: Session, account: Account, *, event: str, subject: str, body: str) -> None:
    """In the caller's transaction: an email to ``account`` (in its language), when SMTP is on."""
    if not session.info.get(EMAIL_ENABLED):
        return
    session.add(
        Delivery(
            event_id=f"evt_{uuid.uuid4().hex}",
            event=event,
            channel=DeliveryChannel.email,
            account_id=account.id,
            recipient=account.email,
            subject=subject[:300],
            body=body,
            language=account.language,
        )
    )


@dataclass
class DrainReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    ids: list[int] = field(default_factory=list)  # the rows this pass attempted


@dataclass(frozen=True)
class _Job:
    id: int
    channel: DeliveryChannel
    event: str
    event_id: str
    recipient: str
    subject: str
    body: str
    language: str
    secret: str


def drain(sessions: Callable[[], Session], settings: Settings, *, now: datetime | None = None) -> DrainReport:
    """Send every delivery due at ``now`` (default: the current time), up to ``delivery_batch``."""
    now = now or utcnow()
    with sessions() as session:
        due = select(Delivery.id).where(
            Delivery.status == DeliveryStatus.pending, Delivery.next_attempt_at <= now
        )
        ids = list(
            session.scalars(
                due.order_by(Delivery.next_attempt_at, Delivery.id).limit(settings.delivery_batch)
            )
        )
    report = DrainReport()
    for delivery_id in ids:
        outcome = _deliver(sessions, settings, delivery_id, now)
        if outcome is not None:
            report.ids.append(delivery_id)
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def drain_quietly(sessions: Callable[[], Session], settings: Settings) -> None:
    """``drain`` as a background job: an error is logged (the rows stay due), never raised."""
    try:
        drain(sessions, settings)
    except Exception:
        log.exception("draining the delivery log failed; the next drain retries")


def _deliver(
    sessions: Callable[[], Session], settings: Settings, delivery_id: int, now: datetime
) -> str | None:
    with sessions() as session:
        job = _claim(session, settings, delivery_id, now)
    if job is None:
        return None  # another worker has it, or it is no longer due
    code, error = _send(settings, job)
    with sessions() as session:
        return _record(session, settings, delivery_id, now, code, error)


def _claim(session: Session, settings: Settings, delivery_id: int, now: datetime) -> _Job | None:
    lease = now + timedelta(seconds=settings.delivery_lease_s)
    claimed = session.execute(
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status == DeliveryStatus.pending,
            Delivery.next_attempt_at <= now,
        )
        .values(attempts=Delivery.attempts + 1, next_attempt_at=lease)
    )
    session.commit()
    row = session.get(Delivery, delivery_id) if claimed.rowcount == 1 else None  # type: ignore[attr-defined]
    if row is None:
        return None
    webhook = session.get(Webhook, row.webhook_id) if row.webhook_id else None
    return _Job(
        row.id,
        row.channel,
        row.event,
        row.event_id,
        row.recipient,
        row.subject,
        row.body,
        row.language,
        webhook.secret if webhook else "",
    )


def _send(settings: Settings, job: _Job) -> tuple[int | None, str]:
    """(status code, error): an empty error means delivered."""
    if job.channel == DeliveryChannel.webhook:
        return _post(settings, job)
    return _mail(settings, job)


def _post(settings: Settings, job: _Job) -> tuple[int | None, str]:
    body = job.body.encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Jiebang-Webhooks/1",
        SIGNATURE_HEADER: sign(job.secret, int(time.time()), body),
        "Jiebang-Event": job.event,
        "Jiebang-Event-Id": job.event_id,
        "Jiebang-Delivery": str(job.id),
    }
    try:
        response = httpx.post(
            job.recipient, content=body, headers=headers, timeout=settings.webhook_timeout_s
        )
    except httpx.HTTPError as exc:
        return None, _error_text(exc)
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _mail(settings: Settings, job: _Job) -> tuple[int | None, str]:
    if not settings.email_enabled:
        return None, "SMTP is not configured (JIEBANG_SMTP_HOST is empty)"
    message = build_message(
        settings,
        to=job.recipient,
        subject=job.subject,
        body=job.body,
        lang=job.language,
        event_id=job.event_id,
    )
    try:
        send_message(settings, message)
    except smtplib.SMTPResponseException as exc:
        return exc.smtp_code, _error_text(exc)
    except (smtplib.SMTPException, OSError) as exc:
        return None, _error_text(exc)
    return 250, ""


def _error_text(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def backoff_s(settings: Settings, attempts: int) -> float:
    """Seconds before the next attempt after ``attempts`` failed ones: base × 2^(attempts−1), capped."""
    return min(settings.delivery_backoff_s * 2 ** (attempts - 1), settings.delivery_backoff_max_s)


def _record(
    session: Session, settings: Settings, delivery_id: int, now: datetime, code: int | None, error: str
) -> str | None:
    row = session.get(Delivery, delivery_id)
    if row is None:
        return None  # its webhook was deleted meanwhile
    row.last_status_code, row.last_error = code, error
    if not error:
        row.status, row.delivered_at, outcome = DeliveryStatus.delivered, now, "delivered"
    elif row.attempts >= settings.delivery_max_attempts:
        row.status, outcome = DeliveryStatus.failed, "failed"
        log.warning("delivery %s to %s failed for good: %s", row.id, row.recipient, error)
    else:
        row.next_attempt_at, outcome = now + timedelta(seconds=backoff_s(settings, row.attempts)), "retrying"
    session.commit()
    return outcome
