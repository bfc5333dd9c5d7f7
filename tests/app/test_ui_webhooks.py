"""Webhooks and the delivery log through the web pages: an enterprise adds one (events chosen,
the secret shown once), sees errors by the field in its language, deletes it and reads its
delivery log (paged, filtered, times in the programme's zone); staff read every enterprise's
log. Another enterprise's pages answer 404; forms need the CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from app.services.notifications import Message, notify
from app.services.webhooks import queue_event
from models import Account, Delivery, DeliveryStatus, Notification, Role, WebhookEvent
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import Factory

HOOK = "https://hooks.example.com/jiebang"


@pytest.fixture
def world(runtime: Runtime, make: Factory) -> dict[str, int]:
    a = make.enterprise(name="青岛海工装备有限公司")["id"]
    b = make.enterprise(name="烟台海洋牧场")["id"]
    account(runtime, Role.enterprise, "a@example.org", enterprise_id=a)
    account(runtime, Role.hr, "hr@example.org")
    return {"a": a, "b": b}


@pytest.fixture
def web(runtime: Runtime) -> Iterator[Callable[[str], TestClient]]:
    """A browser signed in as ``email`` (each with its own cookies, one app)."""
    app, opened = create_app(runtime=runtime), []

    def signed_in(email: str) -> TestClient:
        opened.append(TestClient(app).__enter__())
        sign_in(opened[-1], email)
        return opened[-1]

    yield signed_in
    for c in opened:
        c.__exit__(None, None, None)


Web = Callable[[str], TestClient]


def add(client: TestClient, enterprise: int, lang: str = "zh", **fields: object) -> object:
    page = f"/ui/enterprises/{enterprise}/webhooks"
    form = {"url": HOOK, "events": ["application.created", "match_list.approved"], **fields}
    token = csrf_of(client.get(page).text)
    return client.post(f"{page}?lang={lang}", data={**form, "csrf_token": token}, follow_redirects=False)


def webhook_rows(page: str) -> list[int]:
    return [int(x) for x in re.findall(r'<tr data-webhook="(\d+)"', page)]


def test_an_enterprise_adds_sees_and_deletes_a_webhook(
    runtime: Runtime, world: dict[str, int], web: Web
) -> None:
    a = web("a@example.org")
    home = a.get("/ui/enterprise").text
    assert f'href="/ui/enterprises/{world["a"]}/webhooks"' in home and 'href="/ui/deliveries"' not in home
    created = add(a, world["a"], events=["application.created"])
    assert created.status_code == 200
    secret = re.search(r'data-testid="webhook-secret">(whsec_[^<]+)<', created.text)
    assert secret and "Webhook 已添加。" in created.text
    [hook] = a.get(f"/enterprises/{world['a']}/webhooks").json()
    assert (hook["url"], hook["events"]) == (HOOK, ["application.created"])
    again = a.get(f"/ui/enterprises/{world['a']}/webhooks").text
    assert webhook_rows(again) == [hook["id"]] and secret.group(1) not in again and "收到揭榜申请" in again
    token = csrf_of(again)
    gone = a.post(
        f"/ui/enterprises/{world['a']}/webhooks/{hook['id']}/delete",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert (gone.status_code, gone.headers["location"]) == (
        303,
        f"/ui/enterprises/{world['a']}/webhooks?deleted=1",
    )
    assert a.get(f"/enterprises/{world['a']}/webhooks").json() == []


def test_form_errors_come_back_by_the_field_in_the_page_language(
    runtime: Runtime, world: dict[str, int], web: Web
) -> None:
    a = web("a@example.org")
    private = add(a, world["a"], url="http://127.0.0.1:9/hook")
    assert private.status_code == 422
    assert re.search(r'data-field="url">网址不能指向本机或内网地址。<', private.text)
    assert 'value="http://127.0.0.1:9/hook"' in private.text  # what was typed is kept
    english = add(a, world["a"], "en", url="ftp://hooks.example.com/x")
    assert re.search(r'data-field="url">the URL must start with http:// or https://<', english.text)
    none = add(a, world["a"], "en", events=[])
    assert none.status_code == 422 and re.search(
        r'data-field="events">subscribe to at least one event<', none.text
    )
    wrong = add(a, world["a"], events=["no.such.event"])
    assert wrong.status_code == 422 and 'data-field="events"' in wrong.text
    no_token = a.post(
        f"/ui/enterprises/{world['a']}/webhooks", data={"url": HOOK, "events": ["application.created"]}
    )
    assert no_token.status_code == 403
    assert a.get(f"/enterprises/{world['a']}/webhooks").json() == []


def seed_delivery_log(runtime: Runtime, hook: int, enterprise: int, n: int) -> list[int]:
    """``n`` queued application events for the enterprise; the newest three get outcomes."""
    with runtime.session() as session:
        for i in range(n):
            queue_event(session, enterprise, WebhookEvent.application_created, {"n": i})
        session.commit()
        rows = session.query(Delivery).filter(Delivery.webhook_id == hook).order_by(Delivery.id).all()
        done, failed, waiting = rows[-1], rows[-2], rows[-3]
        done.status, done.attempts, done.last_status_code = DeliveryStatus.delivered, 1, 200
        done.delivered_at = datetime(2026, 12, 1, 1, 5, tzinfo=UTC)
        failed.status, failed.attempts, failed.last_error = DeliveryStatus.failed, 6, "connection refused"
        waiting.attempts, waiting.last_status_code = 2, 500
        waiting.next_attempt_at = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
        session.commit()
        return [r.id for r in rows]


def delivery_rows(page: str) -> list[tuple[int, str]]:
    return [(int(i), s) for i, s in re.findall(r'<tr data-delivery="(\d+)" data-status="(\w+)"', page)]


def test_the_delivery_log_is_paged_filtered_and_in_the_programme_zone(
    runtime: Runtime, world: dict[str, int], web: Web
) -> None:
    a = web("a@example.org")
    add(a, world["a"], events=["application.created"])
    [hook] = a.get(f"/enterprises/{world['a']}/webhooks").json()
    ids = seed_delivery_log(runtime, hook["id"], world["a"], 23)
    page = a.get(f"/ui/enterprises/{world['a']}/webhooks").text
    rows = delivery_rows(page)
    assert [i for i, _ in rows] == ids[::-1][:20] and "（共 23 条）" in page
    assert rows[:3] == [(ids[-1], "delivered"), (ids[-2], "failed"), (ids[-3], "pending")]
    assert "2026-12-01 09:05" in page  # delivered at 01:05 UTC, shown in Asia/Shanghai
    assert "2026-12-01 10:00" in page and "时间均为 Asia/Shanghai 时间。" in page
    second = a.get(f"/ui/enterprises/{world['a']}/webhooks?page=2").text
    assert [i for i, _ in delivery_rows(second)] == ids[::-1][20:]
    failed = a.get(f"/ui/enterprises/{world['a']}/webhooks?status=failed&lang=en").text
    assert delivery_rows(failed) == [(ids[-2], "failed")]
    assert (
        "connection refused" in failed and ">failed<" in failed and "Times are Asia/Shanghai time." in failed
    )
    assert a.get(f"/ui/enterprises/{world['b']}/webhooks").status_code == 404
    assert a.get("/ui/deliveries").status_code == 403


def test_staff_read_every_enterprise_s_log(
    runtime: Runtime, world: dict[str, int], web: Web, client: TestClient
) -> None:
    hooks = {}
    for key in ("a", "b"):
        body = {"url": HOOK, "events": ["application.created"]}
        hooks[key] = client.post(f"/enterprises/{world[key]}/webhooks", json=body).json()["id"]
    a_ids = seed_delivery_log(runtime, hooks["a"], world["a"], 3)
    b_ids = seed_delivery_log(runtime, hooks["b"], world["b"], 3)
    hr = web("hr@example.org")
    assert 'href="/ui/deliveries"' in hr.get("/ui/hr").text
    everyone = hr.get("/ui/deliveries").text
    assert [i for i, _ in delivery_rows(everyone)] == (a_ids + b_ids)[::-1]
    assert f'href="/ui/enterprises/{world["b"]}/webhooks">烟台海洋牧场</a>' in everyone
    only_b = hr.get(f"/ui/deliveries?enterprise={world['b']}&status=delivered").text
    assert delivery_rows(only_b) == [(b_ids[-1], "delivered")]
    assert "管理 烟台海洋牧场 的 Webhook" in only_b
    assert webhook_rows(hr.get(f"/ui/enterprises/{world['b']}/webhooks").text) == [hooks["b"]]


def test_notification_times_are_in_the_programme_zone(
    runtime: Runtime, world: dict[str, int], web: Web
) -> None:
    with runtime.session() as session:
        me = session.query(Account).filter(Account.email == "a@example.org").one()
        notify(session, [me], "test", Message("测试通知", "A test notification"))
        session.flush()
        session.query(Notification).filter(Notification.account_id == me.id).one().at = datetime(
            2026, 12, 31, 17, 30, tzinfo=UTC
        )
        session.commit()
    page = web("a@example.org").get("/ui/notifications").text
    assert "2027-01-01 01:30" in page and "2026-12-31 17:30" not in page
