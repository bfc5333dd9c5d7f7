"""Email over SMTP with the standard library: one UTF-8 message, one language, one recipient."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from app.config import Settings

__all__ = ["build_message", "send_message"]


def build_message(
    settings: Settings, *, to: str, subject: str, body: str, lang: str, event_id: str
) -> EmailMessage:
    """A plain-text message; non-ASCII subjects are RFC 2047 encoded, the body is UTF-8."""
    message = EmailMessage()  # the default policy encodes headers and picks UTF-8 for the body
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(idstring=event_id, domain=settings.smtp_from.rpartition("@")[2])
    message["Jiebang-Event-Id"] = event_id
    message.set_content(body, charset="utf-8")
    message["Content-Language"] = "zh-CN" if lang == "zh" else "en"  # after: set_content drops Content-*
    return message


def send_message(settings: Settings, message: EmailMessage) -> None:
    """Hand ``message`` to the configured SMTP server (raises smtplib / OS errors)."""
    host, port, timeout = settings.smtp_host, settings.smtp_port, settings.smtp_timeout_s
    if settings.smtp_security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
    with client:
        if settings.smtp_security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            client.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        client.send_message(message)
