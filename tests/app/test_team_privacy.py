"""What forming a team tells whom: the name search finds only postdocs the lead may invite, an
email invite answers the same for "unknown" and "at another station", and the enterprise sees
a member's name only once they confirmed (through the pages and the API)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from models import Role
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import ClientAs, Factory


@pytest.fixture
def web(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=runtime)) as c:
        yield c


def found_names(page: str) -> list[str]:
    return re.findall(r'name="member_id" value="\d+"> ([^<]+?) <span', page)


def setup(runtime: Runtime, make: Factory, web: TestClient) -> dict[str, int]:
    mine, theirs = make.station()["id"], make.station()["id"]
    lead = make.postdoc(station_id=mine, name="王海", email="wanghai@example.edu.cn")["id"]
    ids = {
        "lead": lead,
        "colleague": make.postdoc(station_id=mine, name="李青", email="liqing@example.edu.cn")["id"],
        "stranger": make.postdoc(station_id=theirs, name="李红", email="lihong@example.edu.cn")["id"],
        "loner": make.postdoc(name="李白", email="libai@example.edu.cn")["id"],
        "challenge": make.challenge(title="焊缝检测")["id"],
    }
    account(runtime, Role.postdoc, "lead@example.org", postdoc_id=lead)
    sign_in(web, "lead@example.org")
    return ids


def test_the_name_search_finds_only_the_leads_station(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ids = setup(runtime, make, web)
    url = f"/ui/challenges/{ids['challenge']}/apply"
    token = csrf_of(web.get(url).text)
    page = web.post(url, data={"who": "李", "find": "1", "csrf_token": token}).text
    assert found_names(page) == ["李青"]  # not 李红 (another station) nor 李白 (none)
    assert found_names(web.post(url, data={"who": "王海", "find": "1", "csrf_token": token}).text) == []


def test_an_email_invite_does_not_tell_who_is_registered_elsewhere(
    runtime: Runtime, make: Factory, web: TestClient
) -> None:
    ids = setup(runtime, make, web)
    url = f"/ui/challenges/{ids['challenge']}/apply"
    token = csrf_of(web.get(url).text)

    def invite(email: str) -> tuple[int, str]:
        answer = web.post(url, data={"proposal": "方案", "members": email, "csrf_token": token})
        return answer.status_code, answer.text.replace(email, "EMAIL")

    elsewhere, unknown = invite("lihong@example.edu.cn"), invite("nobody@example.edu.cn")
    assert elsewhere == unknown and elsewhere[0] == 422
    assert "本工作站没有邮箱为 EMAIL 的博士后。" in unknown[1]
    assert invite("libai@example.edu.cn") == unknown  # a postdoc with no station
    sent = web.post(url, data={"proposal": "方案", "members": "LiQing@example.edu.cn", "csrf_token": token})
    assert sent.status_code == 200 and "申请已提交" in sent.text


def test_the_enterprise_sees_pending_members_as_a_count(
    runtime: Runtime, make: Factory, web: TestClient, client_as: ClientAs
) -> None:
    ids = setup(runtime, make, web)
    url = f"/ui/challenges/{ids['challenge']}/apply"
    token = csrf_of(web.get(url).text)
    web.post(url, data={"proposal": "方案", "member_id": str(ids["colleague"]), "csrf_token": token})
    enterprise_id = make.client.get(f"/challenges/{ids['challenge']}").json()["enterprise_id"]
    ent = client_as(Role.enterprise, enterprise_id=enterprise_id)
    for page in (ent.get("/ui/applications").text, ent.get(f"/ui/challenges/{ids['challenge']}").text):
        assert "王海 (已确认)" in page and "李青" not in page
        assert '<span data-testid="pending-members">待确认成员 1 名</span>' in page
    english = ent.get("/ui/applications?lang=en").text
    assert "1 member(s) pending" in english and "李青" not in english
    application = ent.get("/applications").json()[0]
    assert application["members"][1] == {"postdoc_id": ids["colleague"], "confirmed": False, "postdoc": None}
    assert "李青 (待确认)" in web.get("/ui/applications").text  # the lead sees whom they invited

    client_as(Role.postdoc, postdoc_id=ids["colleague"]).post(f"/applications/{application['id']}/confirm")
    page = ent.get("/ui/applications?lang=zh").text
    assert "李青 (已确认)" in page and "pending-members" not in page
    assert ent.get("/applications").json()[0]["members"][1]["postdoc"]["name"] == "李青"
