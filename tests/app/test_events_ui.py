"""The events pages through their forms, signed in with a session cookie: HR creates an event,
registers people, runs the solver, moves and locks a meeting; a postdoc sets availability,
answers a suggestion and reads its schedule."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from models import Role
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import Factory


def _web(runtime: Runtime, role: Role, email: str, **links: int) -> TestClient:
    client = TestClient(create_app(runtime=runtime))
    client.__enter__()
    account(runtime, role, email, **links)
    assert sign_in(client, email).status_code == 303
    return client


def _post(client: TestClient, page: str, url: str, data: dict) -> object:
    response = client.post(
        url, data={**data, "csrf_token": csrf_of(client.get(page).text)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text[:800]
    return response


def test_hr_runs_an_event_and_a_postdoc_reads_the_schedule(runtime: Runtime, make: Factory) -> None:
    ent = make.enterprise(name="青岛海洋装备有限公司")["id"]
    make.challenge(ent, title="焊缝检测", description="船体焊缝缺陷的机器视觉检测")
    postdocs = [make.postdoc(research_interests="焊缝缺陷 机器视觉")["id"], make.postdoc()["id"]]
    hr = _web(runtime, Role.hr, "hr-events@example.org")
    form = {"title": "产才对接会", "starts_at": "2026-12-10T09:00", "slot_count": "3", "table_count": "2"}
    created = _post(hr, "/ui/events", "/ui/events", form)
    page = created.headers["location"]
    event_id = int(page.rsplit("/", 1)[1])
    _post(hr, page, f"/ui/events/{event_id}/transition", {"status": "registration"})
    _post(hr, page, f"/ui/events/{event_id}/register", {"enterprise_id": str(ent), "tables": "1"})
    _post(hr, page, f"/ui/events/{event_id}/register", {"postdoc_id": str(postdocs[1])})

    me = _web(runtime, Role.postdoc, "pd-events@example.org", postdoc_id=postdocs[0])
    mine = f"/ui/events/{event_id}/mine"
    _post(me, mine, f"/ui/events/{event_id}/register", {})
    own = re.search(r"/ui/event-participants/(\d+)/slots", me.get(mine).text)
    assert own is not None
    participant = int(own.group(1))
    slots = me.post(
        f"/ui/event-participants/{participant}/slots",
        data={"slot": ["1", "2"], "csrf_token": csrf_of(me.get(mine).text)},
        follow_redirects=False,
    )
    assert slots.status_code == 303
    text = me.get(mine).text
    assert "青岛海洋装备有限公司" in text and "<mark>机器视觉</mark>" in text
    target = re.search(r'name="target_participant_id" value="(\d+)"', text)
    assert target is not None
    _post(
        me,
        mine,
        f"/ui/event-participants/{participant}/interest",
        {"target_participant_id": target.group(1), "interest": "must"},
    )

    _post(hr, page, f"/ui/events/{event_id}/schedule", {})
    grid = hr.get(page).text
    assert 'data-testid="diagnosis-ok"' in grid
    meeting_ids = re.findall(r'data-meeting="(\d+)"', grid)
    assert len(meeting_ids) == 2
    mine_text = me.get(mine).text
    assert "我的日程" in mine_text and mine_text.count('class="card" data-meeting=') == 1
    assert re.search(r"<b>09:(20|40)</b>", mine_text)  # the slots ticked: 2 or 3, 20 minutes each

    first = hr.get(f"/events/{event_id}/meetings").json()[0]  # the other one is in another slot
    to = {"slot": str(first["slot"]), "table": str(1 - first["table"])}
    moved = _post(hr, page, f"/ui/meetings/{first['id']}/move", to)
    assert moved.headers["location"].endswith("#timetable")
    assert f'class="meeting locked" data-meeting="{first["id"]}"' in hr.get(page).text
    english = hr.get(f"{page}?lang=en").text
    assert "Timetable" in english and "Run the solver" in english
    assert f'href="/events/{event_id}/timetable.xlsx"' in english

    _post(hr, page, f"/ui/events/{event_id}/transition", {"status": "scheduled"})
    _post(hr, page, f"/ui/meetings/{first['id']}/outcome", {"outcome": "contract"})
    assert 'data-outcome="contract"' in hr.get(page).text
    stats = hr.get("/ui/events").text
    assert '<b data-stat="contracts_signed">1</b>' in stats
    assert f'href="/event-participants/{participant}/schedule.ics"' in me.get(mine).text


def test_a_participant_cannot_open_the_hr_page_or_another_event(runtime: Runtime, make: Factory) -> None:
    postdoc = make.postdoc()["id"]
    hr = _web(runtime, Role.hr, "hr2-events@example.org")
    created = _post(hr, "/ui/events", "/ui/events", {"title": "草稿活动", "starts_at": "2026-12-10T09:00"})
    event_id = int(created.headers["location"].rsplit("/", 1)[1])
    me = _web(runtime, Role.postdoc, "pd2-events@example.org", postdoc_id=postdoc)
    assert me.get(f"/ui/events/{event_id}").status_code == 404  # a draft
    _post(hr, f"/ui/events/{event_id}", f"/ui/events/{event_id}/transition", {"status": "registration"})
    redirect = me.get(f"/ui/events/{event_id}", follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == f"/ui/events/{event_id}/mine"
    refused = me.post(
        f"/ui/events/{event_id}/schedule", data={"csrf_token": csrf_of(me.get("/ui/events").text)}
    )
    assert refused.status_code == 403
