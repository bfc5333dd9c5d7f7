"""With the real bundled model: a three-requirement challenge gets the team of the three
specialists, from a pool (data/benchmarks/teams) where nobody covers more than one requirement."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.evaluation.teams import evaluate_teams, format_team_table, load_benchmark, summarise
from tests.conftest import Factory

pytestmark = pytest.mark.real_model


@pytest.mark.parametrize("key", ["zh-weld", "en-crane"])
def test_three_specialists_form_the_best_team(real_client: TestClient, key: str) -> None:
    station_rows, pool, challenge_rows = load_benchmark()
    row = next(c for c in challenge_rows if c["key"] == key)
    experts = {f["requirement"]: f["experts"][0] for f in row["facets"]}
    # Nobody in the pool is an expert in more than one facet of any challenge.
    assert all(len(set(f["experts"])) == 1 for c in challenge_rows for f in c["facets"])
    make = Factory(real_client)
    stations = {
        s["key"]: make.station(**{k: v for k, v in s.items() if k != "key"})["id"] for s in station_rows
    }
    ids = {}
    for p in pool:
        ids[p["key"]] = make.postdoc(
            name=p["key"],
            station_id=stations[p["station"]],
            discipline=p["discipline"],
            research_interests=p["interests"],
            skills=p["skills"],
            publications=p["publications"],
        )["id"]
    challenge = make.challenge(
        title=row["title"], description=row["description"], required_expertise=list(experts), status="open"
    )
    body = real_client.get(f"/challenges/{challenge['id']}/teams", params={"size": 3}).json()
    best = body["teams"][0]
    assert {m["postdoc"]["id"] for m in best["members"]} == {ids[e] for e in experts.values()}
    # a gap unless the right specialist alone reaches the threshold calibrated on CSL (the short
    # hand-written profiles here score lower than CSL abstracts; see docs/teams.md)
    gap_below = body["objective"]["gap_below"]
    assert best["gaps"] == [
        r["text"] for r in best["requirements"] if r["covered_by"][0]["score"] < gap_below
    ]
    for req in best["requirements"]:
        top = req["covered_by"][0]
        assert top["postdoc_id"] == ids[experts[req["text"]]]
        assert top["evidence"] is not None
    # The ordinary ranking's top three miss a facet: the team is not just the top individuals.
    top3 = real_client.get(f"/challenges/{challenge['id']}/candidates", params={"limit": 3}).json()["items"]
    assert {i["postdoc"]["id"] for i in top3} != {ids[e] for e in experts.values()}


def test_team_benchmark_given_requirements_cover_every_facet() -> None:
    rows = evaluate_teams(modes=("given",))
    summary = summarise(rows)
    assert [(s["language"], s["team_coverage"]) for s in summary] == [("en", 1.0), ("zh", 1.0)]
    table = format_team_table(rows, per_challenge=False).splitlines()
    assert table[0].split() == ["lang", "requirements", "n", "team", "top-k", "gain"]
    assert [line.split()[:4] for line in table[1:]] == [
        ["en", "given", "4", "1.000"],
        ["zh", "given", "4", "1.000"],
    ]
