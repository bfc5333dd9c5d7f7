"""The postdoc side: feed with dismissals, bookmarks, team applications and their decisions."""

from __future__ import annotations

from fastapi.testclient import TestClient

from models import Role
from tests.conftest import ClientAs, Factory


def _feed(client: TestClient, postdoc_id: int) -> list[int]:
    r = client.get(f"/postdocs/{postdoc_id}/challenges")
    assert r.status_code == 200, r.text
    return [i["challenge"]["id"] for i in r.json()["items"]]


def test_dismissed_challenges_leave_the_feed_and_bookmarks_are_listed(
    make: Factory, client_as: ClientAs
) -> None:
    me = make.postdoc(research_interests="锂电池 正极材料 固态电解质")["id"]
    ent = make.enterprise()["id"]
    battery = make.challenge(ent, title="电池", description="锂电池正极材料衰减问题")["id"]
    solid = make.challenge(ent, title="固态", description="固态电解质界面问题 锂电池")["id"]
    draft = make.challenge(ent, title="草稿", description="锂电池 草稿", status="draft")["id"]
    postdoc = client_as(Role.postdoc, postdoc_id=me)
    assert set(_feed(postdoc, me)) == {battery, solid}
    assert postdoc.put(f"/challenges/{battery}/dismissal").status_code == 204
    assert _feed(postdoc, me) == [solid]
    assert postdoc.delete(f"/challenges/{battery}/dismissal").status_code == 204
    assert set(_feed(postdoc, me)) == {battery, solid}

    assert postdoc.put(f"/challenges/{solid}/bookmark").status_code == 204
    assert postdoc.put(f"/challenges/{solid}/bookmark").status_code == 204  # idempotent
    assert [m["challenge_id"] for m in postdoc.get(f"/postdocs/{me}/bookmarks").json()] == [solid]
    assert postdoc.put(f"/challenges/{draft}/bookmark").status_code == 404
    asked = postdoc.get(f"/postdocs/{me}/challenges?status=draft")
    assert asked.status_code == 422


def test_team_application_confirmed_and_accepted_claims_the_challenge(
    make: Factory, client_as: ClientAs
) -> None:
    station = make.station()["id"]  # a lead names postdocs of its own station
    lead_id, member_id = make.postdoc(station_id=station)["id"], make.postdoc(station_id=station)["id"]
    ent = make.enterprise()["id"]
    challenge = make.challenge(ent)["id"]
    lead = client_as(Role.postdoc, postdoc_id=lead_id)
    member = client_as(Role.postdoc, postdoc_id=member_id)
    enterprise = client_as(Role.enterprise, enterprise_id=ent)

    r = lead.post(
        f"/challenges/{challenge}/applications",
        json={"member_ids": [member_id], "proposal": "三个月完成原型"},
    )
    assert r.status_code == 201, r.text
    app_id = r.json()["id"]
    assert [(m["postdoc_id"], m["confirmed"]) for m in r.json()["members"]] == [
        (lead_id, True),
        (member_id, False),
    ]
    assert r.json()["members"][1]["postdoc"] is None  # not shown to the lead before confirming
    assert [n["kind"] for n in member.get("/notifications").json()] == ["team_invite"]
    assert [n["kind"] for n in enterprise.get("/notifications").json()] == ["application"]

    early = enterprise.post(f"/applications/{app_id}/decision", json={"decision": "accepted"})
    assert early.status_code == 409 and "confirm" in early.json()["detail"]
    assert member.post(f"/applications/{app_id}/confirm").status_code == 200
    assert [a["id"] for a in enterprise.get(f"/challenges/{challenge}/applications").json()] == [app_id]
    done = enterprise.post(f"/applications/{app_id}/decision", json={"decision": "accepted", "note": "欢迎"})
    assert done.status_code == 200 and done.json()["status"] == "accepted"
    assert enterprise.get(f"/challenges/{challenge}").json()["status"] == "claimed"
    again = enterprise.post(f"/applications/{app_id}/decision", json={"decision": "rejected"})
    assert again.status_code == 409
    assert [n["kind"] for n in lead.get("/notifications").json()] == ["application_decision"]


def test_accepting_records_engagements_and_a_claimed_challenge_takes_no_second_team(
    make: Factory, client_as: ClientAs, runtime
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from models import Engagement

    first, second = make.postdoc()["id"], make.postdoc()["id"]
    ent = make.enterprise()["id"]
    challenge = make.challenge(ent)["id"]
    enterprise = client_as(Role.enterprise, enterprise_id=ent)
    apps = [
        client_as(Role.postdoc, postdoc_id=p).post(
            f"/challenges/{challenge}/applications", json={"proposal": "方案"}
        )
        for p in (first, second)
    ]
    assert [a.status_code for a in apps] == [201, 201]
    accepted = enterprise.post(
        f"/applications/{apps[0].json()['id']}/decision", json={"decision": "accepted"}
    )
    assert accepted.status_code == 200
    late = enterprise.post(f"/applications/{apps[1].json()['id']}/decision", json={"decision": "accepted"})
    assert late.status_code == 409
    assert late.json()["detail"] == (
        f"challenge {challenge} is already claimed; only an open or matched challenge can accept a team"
    )
    with runtime.session() as session:
        rows = session.execute(select(Engagement.challenge_id, Engagement.postdoc_id)).all()
    assert [tuple(r) for r in rows] == [(challenge, first)]


def test_bad_applications(make: Factory, client_as: ClientAs, runtime) -> None:  # type: ignore[no-untyped-def]
    me = make.postdoc()["id"]
    other_ent = make.enterprise()["id"]
    challenge = make.challenge(other_ent)["id"]
    draft = make.challenge(other_ent, status="draft")["id"]
    postdoc = client_as(Role.postdoc, postdoc_id=me)
    limit = runtime.settings.max_proposal_chars
    big = postdoc.post(f"/challenges/{challenge}/applications", json={"proposal": "字" * (limit + 1)})
    assert big.status_code == 422
    assert big.json() == {
        "detail": f"the proposal is {limit + 1} characters; at most {limit} are allowed",
        "field": "proposal",
    }
    assert postdoc.post(f"/challenges/{draft}/applications", json={"proposal": "x"}).status_code == 404
    ghost = postdoc.post(
        f"/challenges/{challenge}/applications", json={"proposal": "x", "member_ids": [987654]}
    )
    assert ghost.status_code == 404 and ghost.json() == {
        "detail": "postdoc 987654 not found",
        "field": "member_ids",
    }
    # another postdoc cannot read or confirm an application they are not part of
    applied = postdoc.post(f"/challenges/{challenge}/applications", json={"proposal": "方案"}).json()["id"]
    stranger = client_as(Role.postdoc, postdoc_id=make.postdoc()["id"])
    assert stranger.get(f"/applications/{applied}").status_code == 404
    assert stranger.post(f"/applications/{applied}/confirm").status_code == 404
    assert stranger.get("/applications").json() == []


def test_naming_members_reveals_neither_existence_nor_data(make: Factory, client_as: ClientAs) -> None:
    mine, theirs = make.station()["id"], make.station()["id"]
    lead_id = make.postdoc(station_id=mine)["id"]
    colleague = make.postdoc(station_id=mine, name="同站同事", discipline="机器视觉")["id"]
    stranger = make.postdoc(station_id=theirs, name="别站的人", discipline="海洋科学")["id"]
    loner = make.postdoc(name="无站的人")["id"]
    challenge = make.challenge()["id"]
    lead = client_as(Role.postdoc, postdoc_id=lead_id)
    url = f"/challenges/{challenge}/applications"

    answers = [
        lead.post(url, json={"proposal": "方案", "member_ids": [pid]}) for pid in (stranger, loner, 987654)
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert [a.json()["detail"] for a in answers] == [
        f"postdoc {pid} not found" for pid in (stranger, loner, 987654)
    ]
    assert client_as(Role.postdoc, postdoc_id=stranger).get("/notifications").json() == []

    applied = lead.post(url, json={"proposal": "方案", "member_ids": [colleague]})
    assert applied.status_code == 201
    for body in (
        applied.json(),
        lead.get(f"/applications/{applied.json()['id']}").json(),
        lead.get("/applications").json()[0],
    ):
        assert "同站同事" not in str(body) and "机器视觉" not in str(body)
        assert body["members"][1] == {"postdoc_id": colleague, "confirmed": False, "postdoc": None}
    member = client_as(Role.postdoc, postdoc_id=colleague)
    confirmed = member.post(f"/applications/{applied.json()['id']}/confirm").json()
    assert confirmed["members"][1]["postdoc"]["name"] == "同站同事"
    assert (
        lead.get(f"/applications/{applied.json()['id']}").json()["members"][1]["postdoc"]["name"]
        == "同站同事"
    )


def test_new_open_challenge_is_announced_to_matching_postdocs(make: Factory, client_as: ClientAs) -> None:
    fits = make.postdoc(research_interests="锂电池 正极材料")["id"]
    other = make.postdoc(research_interests="古典文学 诗词")["id"]
    fit_client = client_as(Role.postdoc, postdoc_id=fits)
    other_client = client_as(Role.postdoc, postdoc_id=other)
    ent = make.enterprise()["id"]
    draft = make.challenge(ent, title="电池草稿", description="锂电池正极材料衰减", status="draft")["id"]
    assert fit_client.get("/notifications").json() == []
    enterprise = client_as(Role.enterprise, enterprise_id=ent)
    assert enterprise.post(f"/challenges/{draft}/transitions", json={"status": "open"}).status_code == 200
    notes = fit_client.get("/notifications").json()
    assert [(n["kind"], n["link"]) for n in notes] == [("recommendation", f"challenge:{draft}")]
    assert other_client.get("/notifications").json() == []
    read = fit_client.post(f"/notifications/{notes[0]['id']}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None
