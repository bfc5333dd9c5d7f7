"""Outbound notifications against real local servers: signed webhooks to an HTTP receiver in a
thread (one answers 500 first, one is down), email to an aiosmtpd server, the delivery log,
retries driven by an explicit "now", one language per message, and webhook tenancy."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.runtime import Runtime
from app.services.deliveries import drain
from models import Delivery, DeliveryChannel, DeliveryStatus, Role
from models.base import utcnow
from tests.conftest import ClientAs, Factory, make_settings


class Mailbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.port = free_port()

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.raw.append(envelope.original_content)
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


class Receiver:
    """A webhook endpoint on a free local port: records each request, answers from a script
    (the last answer repeats)."""

    def __init__(self, answers: list[int]) -> None:
        self.answers: list[int] = list(answers)
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                code = receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/jiebang"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def settings(tmp_path: Path, database_url: str, mailbox: Mailbox) -> Settings:
    """SMTP at the local aiosmtpd, loopback webhooks allowed, no background poller (each test
    drains by hand with its own "now"), three attempts per message."""
    return make_settings(
        tmp_path,
        database_url,
        smtp_host="127.0.0.1",
        smtp_port=mailbox.port,
        smtp_security="none",
        smtp_from="noreply@jiebang.test",
        webhook_allow_private_hosts=True,
        delivery_poll_s=0,
        delivery_max_attempts=3,
        delivery_backoff_s=60,
    )


def receiver_with(answers: list[int]) -> Iterator[Receiver]:
    r = Receiver(answers)
    yield r
    r.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from receiver_with([200])


@pytest.fixture
def flaky() -> Iterator[Receiver]:
    yield from receiver_with([500, 200])


def account(client: TestClient, email: str, role: Role, language: str, **links: int) -> None:
    body = {"email": email, "name": email.split("@")[0], "role": role.value, "language": language, **links}
    assert client.post("/accounts", json=body).status_code == 201


def register(enterprise: TestClient, ent: int, url: str, events: list[str]) -> dict:
    r = enterprise.post(f"/enterprises/{ent}/webhooks", json={"url": url, "events": events})
    assert r.status_code == 201, r.text
    return r.json()


def log_of(enterprise: TestClient, ent: int, hook: int) -> list[dict]:
    r = enterprise.get(f"/enterprises/{ent}/webhooks/{hook}/deliveries")
    assert r.status_code == 200
    return r.json()["items"]


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """What a receiver does with ``Jiebang-Signature: t=<unix>,v1=<hex>``."""
    parts = dict(p.split("=", 1) for p in headers["jiebang-signature"].split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def test_a_team_application_calls_the_signed_webhook_and_emails_each_in_one_language(
    make: Factory, client: TestClient, client_as: ClientAs, mailbox: Mailbox, receiver: Receiver
) -> None:
    station = make.station()["id"]
    lead_id, member_id = make.postdoc(station_id=station)["id"], make.postdoc(station_id=station)["id"]
    ent = make.enterprise()["id"]
    challenge = make.challenge(ent, title="焊缝检测")["id"]
    enterprise = client_as(Role.enterprise, enterprise_id=ent)  # its account speaks zh (default)
    account(client, "boss@ent.example.org", Role.enterprise, "en", enterprise_id=ent)
    account(client, "member@uni.example.edu.cn", Role.postdoc, "zh", postdoc_id=member_id)
    hook = register(enterprise, ent, receiver.url, ["application.created"])
    assert hook["secret"].startswith("whsec_") and hook["events"] == ["application.created"]
    assert "secret" not in enterprise.get(f"/enterprises/{ent}/webhooks").json()[0]

    lead = client_as(Role.postdoc, postdoc_id=lead_id)
    applied = lead.post(
        f"/challenges/{challenge}/applications", json={"proposal": "方案", "member_ids": [member_id]}
    )
    assert applied.status_code == 201
    # The request's background drain has run: one signed call, with the event id twice.
    [(headers, body)] = receiver.requests
    event = json.loads(body)
    assert verify(hook["secret"], headers, body)
    assert not verify("whsec_wrong", headers, body)
    assert headers["jiebang-event"] == event["type"] == "application.created"
    assert headers["jiebang-event-id"] == event["id"]
    assert event["data"] == {
        "challenge": {"id": challenge, "title": "焊缝检测"},
        "application": {"id": applied.json()["id"], "team_size": 2},
    }
    [row] = log_of(enterprise, ent, hook["id"])
    assert (row["status"], row["attempts"], row["last_status_code"], row["event_id"]) == (
        "delivered",
        1,
        200,
        event["id"],
    )

    [english] = mailbox.to("boss@ent.example.org")
    assert english["Subject"] == "New application for “焊缝检测”"
    assert english["Content-Language"] == "en"
    text = english.get_content()
    assert "Sign in to Jiebang" in text and "新的揭榜申请" not in text and "登录" not in text
    [chinese] = mailbox.to("member@uni.example.edu.cn")
    assert chinese["Subject"] == "请确认加入《焊缝检测》揭榜团队"
    assert chinese.get_content_charset() == "utf-8"
    text = chinese.get_content()
    assert "请登录揭榜平台查看详情" in text and "Please" not in text and "Sign in" not in text
    raw_subjects = [
        line for raw in mailbox.raw for line in raw.split(b"\r\n") if line.startswith(b"Subject:")
    ]
    assert all(line.isascii() for line in raw_subjects)  # RFC 2047 encoded on the wire
    assert b"=?utf-8?" in b"".join(raw_subjects)

    boss = [n["message"] for n in enterprise.get("/notifications").json()]
    assert boss == ["新的揭榜申请：《焊缝检测》"]  # stored in the recipient's language only


def test_an_approval_retried_after_a_500_is_delivered_once_and_never_again(
    make: Factory,
    client: TestClient,
    client_as: ClientAs,
    runtime: Runtime,
    flaky: Receiver,
    mailbox: Mailbox,
) -> None:
    ent = make.enterprise()["id"]
    person = make.postdoc(name="张伟", research_interests="焊缝缺陷 机器视觉 检测")["id"]
    challenge = make.challenge(ent, title="焊缝检测", description="船体焊缝缺陷的机器视觉检测")["id"]
    enterprise = client_as(Role.enterprise, enterprise_id=ent)
    account(client, "zhang@uni.example.edu.cn", Role.postdoc, "en", postdoc_id=person)
    hook = register(enterprise, ent, flaky.url, ["match_list.approved", "application.created"])
    hr = client_as(Role.hr)
    entry = hr.post(f"/challenges/{challenge}/match-list/seed").json()["items"][0]
    assert (
        hr.patch(f"/match-entries/{entry['id']}", json={"status": "approved", "note": ""}).status_code == 200
    )

    [row] = log_of(enterprise, ent, hook["id"])
    assert (row["status"], row["attempts"], row["last_status_code"], row["last_error"]) == (
        "pending",
        1,
        500,
        "HTTP 500 Internal Server Error",
    )
    with runtime.session() as session:
        due = session.get(Delivery, row["id"]).next_attempt_at
    assert drain(runtime.sessions, runtime.settings, now=due - timedelta(seconds=1)).ids == []
    assert len(flaky.requests) == 1
    report = drain(runtime.sessions, runtime.settings, now=due)
    assert (report.ids, report.delivered) == ([row["id"]], 1)
    first, second = (json.loads(body) for _, body in flaky.requests)
    assert first == second and first["type"] == "match_list.approved"
    assert first["data"]["approved"] == [{"entry_id": entry["id"], "postdoc_id": person, "name": "张伟"}]
    assert drain(runtime.sessions, runtime.settings, now=due + timedelta(days=30)).ids == []
    assert len(flaky.requests) == 2
    [row] = log_of(enterprise, ent, hook["id"])
    assert (row["status"], row["attempts"], row["last_status_code"], row["last_error"]) == (
        "delivered",
        2,
        200,
        "",
    )

    [mail] = mailbox.to("zhang@uni.example.edu.cn")
    assert mail["Subject"] == "You were approved for “焊缝检测”"
    [told] = [n for n in enterprise.get("/notifications").json() if n["kind"] == "list_approved"]
    assert told["message"] == "《焊缝检测》的对接名单已批准 1 人"


def test_a_receiver_that_is_down_fails_after_the_maximum_attempts(
    make: Factory, client_as: ClientAs, runtime: Runtime
) -> None:
    ent = make.enterprise()["id"]
    challenge = make.challenge(ent)["id"]
    enterprise = client_as(Role.enterprise, enterprise_id=ent)
    hook = register(enterprise, ent, f"http://127.0.0.1:{free_port()}/down", ["application.created"])
    lead = client_as(Role.postdoc, postdoc_id=make.postdoc()["id"])
    assert lead.post(f"/challenges/{challenge}/applications", json={"proposal": "方案"}).status_code == 201

    now = utcnow()
    outcomes = []
    for day in (1, 2, 3):
        report = drain(runtime.sessions, runtime.settings, now=now + timedelta(days=day))
        outcomes.append((len(report.ids), report.retrying, report.failed))
    assert outcomes == [(1, 1, 0), (1, 0, 1), (0, 0, 0)]  # attempts 2 and 3; then nothing is due
    [row] = log_of(enterprise, ent, hook["id"])
    assert (row["status"], row["attempts"], row["last_status_code"]) == ("failed", 3, None)
    assert row["last_error"].startswith("ConnectError")


def test_webhooks_belong_to_their_enterprise_and_bad_input_is_explained_in_the_callers_language(
    make: Factory, client_as: ClientAs, receiver: Receiver
) -> None:
    ent, other = make.enterprise()["id"], make.enterprise()["id"]
    mine, theirs = (
        client_as(Role.enterprise, enterprise_id=ent),
        client_as(Role.enterprise, enterprise_id=other),
    )
    hook = register(mine, ent, receiver.url, ["match_list.approved"])["id"]
    assert theirs.get(f"/enterprises/{ent}/webhooks").status_code == 404
    assert theirs.get(f"/enterprises/{other}/webhooks").json() == []
    for method in ("GET", "DELETE"):
        path = f"/enterprises/{other}/webhooks/{hook}" + ("/deliveries" if method == "GET" else "")
        answer = theirs.request(method, path)
        assert (answer.status_code, answer.json()["detail"]) == (404, f"未找到 Webhook {hook}。")
    english = theirs.get(f"/enterprises/{other}/webhooks/{hook}/deliveries?lang=en")
    assert english.json()["detail"] == f"webhook {hook} not found"

    url = f"/enterprises/{ent}/webhooks"
    cases = [
        (
            {"url": "ftp://example.org/x", "events": ["match_list.approved"]},
            {},
            "网址必须以 http:// 或 https:// 开头。",
        ),
        (
            {"url": "ftp://example.org/x", "events": ["match_list.approved"]},
            {"Accept-Language": "en-GB,en;q=0.9"},
            "the URL must start with http:// or https://",
        ),
        (
            {"url": "https://" + "a" * 2000 + ".org", "events": ["match_list.approved"]},
            {},
            "网址最长 2000 个字符。",
        ),
        (
            {"url": "https://u:p@example.org/x", "events": ["match_list.approved"]},
            {},
            "网址中不能包含用户名或密码。",
        ),
        (
            {"url": "https://example.org/x", "events": []},
            {"Accept-Language": "en"},
            "subscribe to at least one event",
        ),
    ]
    for body, headers, detail in cases:
        answer = mine.post(url, json=body, headers=headers)
        assert (answer.status_code, answer.json()["detail"]) == (422, detail)
    assert mine.post(url, json={"url": "https://example.org", "events": ["nope"]}).status_code == 422
    assert mine.delete(f"{url}/{hook}").status_code == 204
    assert mine.get(url).json() == []


def test_private_addresses_are_refused_by_default(tmp_path: Path, database_url: str) -> None:
    from app.services.webhooks import url_problem

    strict = make_settings(tmp_path, database_url)
    for url in ("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x", "http://[::1]/x"):
        assert (
            url_problem(url, strict, "en") == "the URL may not point to a loopback or private network address"
        )
    assert url_problem("https://hooks.example.com/jiebang", strict, "en") is None


def test_no_email_is_queued_while_smtp_is_off(tmp_path: Path, database_url: str, make: Factory) -> None:
    from app.runtime import build_runtime
    from app.services.notifications import Message, notify
    from models import Account

    plain = build_runtime(make_settings(tmp_path / "plain", database_url))
    make.postdoc()  # the shared database has rows; this runtime has no SMTP host
    try:
        with plain.session() as session:
            someone = session.scalars(select(Account)).first()
            assert someone is not None
            notify(session, [someone], "team_invite", Message("中文", "English"))
            session.commit()
            emails = session.scalars(select(Delivery).where(Delivery.channel == DeliveryChannel.email))
            assert list(emails) == []
    finally:
        plain.close()


def test_the_drain_skips_a_row_another_worker_holds(
    make: Factory, client_as: ClientAs, runtime: Runtime, mailbox: Mailbox
) -> None:
    ent = make.enterprise()["id"]
    with runtime.session() as session:
        from app.services.accounts import create_account
        from app.services.notifications import Message, notify

        boss = create_account(
            session, email="boss@ent.example.org", name="b", role=Role.enterprise, enterprise_id=ent
        )
        notify(session, [boss], "application", Message("新的揭榜申请", "New application"))
        session.commit()
        row = session.scalars(select(Delivery)).one()
        row.attempts, row.next_attempt_at = 1, utcnow() + timedelta(minutes=5)  # claimed, leased
        session.commit()
    assert drain(runtime.sessions, runtime.settings).ids == []
    assert mailbox.messages == []
    report = drain(runtime.sessions, runtime.settings, now=utcnow() + timedelta(minutes=6))
    assert report.delivered == 1 and [m["Subject"] for m in mailbox.messages] == ["新的揭榜申请"]
    with runtime.session() as session:
        assert session.get(Delivery, row.id).status == DeliveryStatus.delivered
