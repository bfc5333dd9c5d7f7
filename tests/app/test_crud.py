"""CRUD, paging and filters for stations, postdocs, enterprises and challenges."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Factory, credit_code


def test_station_crud_and_filters(client: TestClient, make: Factory) -> None:
    a = make.station(city="青岛")
    make.station(city="济南", kind="workstation")
    assert client.get(f"/stations/{a['id']}").json()["name"] == a["name"]
    listed = client.get("/stations", params={"city": "济南"}).json()
    assert [s["city"] for s in listed["items"]] == ["济南"]
    assert listed["total"] == 1
    updated = client.patch(f"/stations/{a['id']}", json={"city": "烟台"}).json()
    assert updated["city"] == "烟台"
    assert client.delete(f"/stations/{a['id']}").status_code == 204
    assert client.get(f"/stations/{a['id']}").status_code == 404


def test_postdoc_with_publications_roundtrip(client: TestClient, make: Factory) -> None:
    station = make.station()
    created = make.postdoc(
        station_id=station["id"],
        skills=["机器视觉", "PyTorch"],
        languages=["zh", "EN"],
        publications=[
            {"title": "焊缝缺陷检测", "abstract": "提出一种方法", "keywords": ["焊缝"], "year": 2021}
        ],
    )
    got = client.get(f"/postdocs/{created['id']}").json()
    assert got["languages"] == ["zh", "en"]
    assert got["station"]["id"] == station["id"]
    assert [p["title"] for p in got["publications"]] == ["焊缝缺陷检测"]
    replaced = client.patch(
        f"/postdocs/{created['id']}", json={"publications": [{"title": "新论文"}, {"title": "第二篇"}]}
    ).json()
    assert [p["title"] for p in replaced["publications"]] == ["新论文", "第二篇"]


def test_postdoc_list_paging_and_filters(client: TestClient, make: Factory) -> None:
    qd = make.station(city="青岛")
    jn = make.station(city="济南")
    for i in range(5):
        make.postdoc(station_id=qd["id"], discipline="海洋科学" if i % 2 else "临床医学")
    make.postdoc(station_id=jn["id"], availability="unavailable")
    page = client.get("/postdocs", params={"limit": 2, "offset": 2}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (6, 2, 2, 2)
    assert client.get("/postdocs", params={"city": "济南"}).json()["total"] == 1
    assert client.get("/postdocs", params={"discipline": "海洋科学"}).json()["total"] == 2
    assert client.get("/postdocs", params={"availability": "unavailable"}).json()["total"] == 1
    assert client.get("/postdocs", params={"station_id": qd["id"]}).json()["total"] == 5


def test_enterprise_and_challenge_crud(client: TestClient, make: Factory) -> None:
    ent = make.enterprise(city="青岛")
    ch = make.challenge(ent["id"], sector="marine", status="draft")
    assert ch["language"] == "zh"
    assert ch["status"] == "draft"
    make.challenge(ent["id"], sector="biomedicine")
    assert client.get("/challenges", params={"sector": "marine"}).json()["total"] == 1
    assert client.get("/challenges", params={"status": "open"}).json()["total"] == 1
    assert client.get("/challenges", params={"city": "青岛"}).json()["total"] == 2
    assert client.get("/challenges", params={"enterprise_id": ent["id"]}).json()["total"] == 2
    patched = client.patch(f"/challenges/{ch['id']}", json={"budget_cny": 500000}).json()
    assert patched["budget_cny"] == 500000
    assert client.delete(f"/challenges/{ch['id']}").status_code == 204
    assert client.get(f"/challenges/{ch['id']}").status_code == 404


def test_english_challenge_language_detected(make: Factory) -> None:
    ch = make.challenge(
        title="Weld inspection", description="Detect weld defects on hull blocks in real time."
    )
    assert ch["language"] == "en"


def test_credit_code_normalised(client: TestClient) -> None:
    code = credit_code(77)
    body = {"name": "某公司", "credit_code": f" {code.lower()} ", "industry": "电子", "city": "青岛"}
    assert client.post("/enterprises", json=body).json()["credit_code"] == code


def test_challenge_status_transitions(client: TestClient, make: Factory) -> None:
    ch = make.challenge(status="draft")
    path = f"/challenges/{ch['id']}/transitions"
    for target in ("open", "matched", "claimed", "in_progress", "solved"):
        response = client.post(path, json={"status": target})
        assert response.status_code == 200, response.text
        assert response.json()["status"] == target
    refused = client.post(path, json={"status": "open"})
    assert refused.status_code == 409
    assert "from solved to open" in refused.json()["detail"]


def test_transition_not_allowed_names_options(client: TestClient, make: Factory) -> None:
    ch = make.challenge(status="draft")
    refused = client.post(f"/challenges/{ch['id']}/transitions", json={"status": "solved"})
    assert refused.status_code == 409
    assert refused.json()["detail"].endswith("allowed next: closed, open")


def test_health_reports_index_sizes(client: TestClient, make: Factory) -> None:
    make.postdoc(publications=[{"title": "论文一"}])
    make.challenge()
    body = client.get("/health").json()
    assert body["indexes"] == {"postdocs": 3, "challenges": 1}
    assert body["model_id"] == "hashing:64"
