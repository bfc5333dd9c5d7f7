"""The shipped demo data set (data/demo/*.jsonl): references, validity, coverage, determinism."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from app.validators import credit_code_problem, email_problem

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CSL = ROOT / "data" / "csl" / "papers.jsonl"
FILES = ("stations.jsonl", "enterprises.jsonl", "postdocs.jsonl", "challenges.jsonl")
SECTORS = {
    "electronics",
    "high_end_equipment",
    "biomedicine",
    "artificial_intelligence",
    "green_energy",
    "marine",
    "new_materials",
    "intelligent_manufacturing",
}


@cache
def load(name: str) -> tuple[dict, ...]:
    """Rows of one demo file."""
    with (DEMO / name).open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle)


@cache
def csl_by_title() -> dict[str, dict]:
    with CSL.open(encoding="utf-8") as handle:
        return {paper["title"]: paper for paper in map(json.loads, handle)}


def script(name: str) -> ModuleType:
    """scripts/<name>.py, imported from its path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def builder() -> ModuleType:
    """scripts/build_demo_data.py."""
    return script("build_demo_data")


def csl_postdocs() -> list[dict]:
    """Postdocs whose publications are all verbatim CSL papers."""
    papers = csl_by_title()
    return [
        p
        for p in load("postdocs.jsonl")
        if p["publications"] and all(pub["title"] in papers for pub in p["publications"])
    ]


def test_counts() -> None:
    assert len(load("stations.jsonl")) >= 15
    assert len(load("enterprises.jsonl")) >= 20
    assert len(load("postdocs.jsonl")) >= 160
    assert len(load("challenges.jsonl")) >= 44


def test_stations_are_unique_and_well_formed() -> None:
    stations = load("stations.jsonl")
    assert len({s["name"] for s in stations}) == len(stations)
    assert {s["kind"] for s in stations} == {"mobile", "workstation", "innovation_base"}
    assert all(s["host_institution"] and s["city"] for s in stations)


def test_every_postdoc_station_resolves() -> None:
    names = {s["name"] for s in load("stations.jsonl")}
    assert [p["name"] for p in load("postdocs.jsonl") if p["station"] not in names] == []


def test_enterprise_credit_codes_are_valid_and_unique() -> None:
    codes = [e["credit_code"] for e in load("enterprises.jsonl")]
    assert len(set(codes)) == len(codes)
    assert {code: credit_code_problem(code) for code in codes if credit_code_problem(code)} == {}
    assert len({e["name"] for e in load("enterprises.jsonl")}) == len(codes)


def test_every_challenge_enterprise_resolves() -> None:
    codes = {e["credit_code"] for e in load("enterprises.jsonl")}
    for challenge in load("challenges.jsonl"):
        code = challenge["enterprise_credit_code"]
        assert code in codes, challenge["title"]
        assert credit_code_problem(code) is None


def test_emails_are_unique_lowercase_ascii() -> None:
    emails = [p["email"] for p in load("postdocs.jsonl")]
    assert len(set(emails)) == len(emails)
    for email in emails:
        assert email.isascii() and email == email.lower() and email_problem(email) is None, email


def test_postdoc_fields_are_valid() -> None:
    for p in load("postdocs.jsonl"):
        assert p["availability"] in {"available", "limited", "unavailable"}, p["name"]
        assert 1 <= p["max_concurrent_challenges"] <= 3, p["name"]
        assert p["languages"] and set(p["languages"]) <= {"zh", "en"}, p["name"]
        assert p["research_interests"] and p["skills"] and p["publications"], p["name"]
        for pub in p["publications"]:
            assert 2012 <= pub["year"] <= 2025 and pub["venue"], pub["title"]


def test_every_sector_has_at_least_four_challenges() -> None:
    sectors = Counter(c["sector"] for c in load("challenges.jsonl"))
    assert set(sectors) == SECTORS
    assert min(sectors.values()) >= 4, sectors


def test_challenge_language_status_and_budget() -> None:
    challenges = load("challenges.jsonl")
    languages = Counter(c["language"] for c in challenges)
    assert set(languages) <= {"zh", "en", "mixed"} and min(languages.values()) >= 4, languages
    assert {c["status"] for c in challenges} <= {"open", "draft"}
    for c in challenges:
        assert isinstance(c["budget_cny"], int) and c["budget_cny"] > 0, c["title"]
        assert c["deadline"].startswith("2027-"), c["title"]
        assert 2 <= len(c["required_expertise"]) <= 4, c["title"]


def test_chinese_challenge_descriptions_have_enterprise_length() -> None:
    for c in load("challenges.jsonl"):
        if c["language"] == "zh":
            assert 120 <= len(c["description"]) <= 400, c["title"]


def test_at_least_fifteen_english_postdocs() -> None:
    english = [
        p for p in load("postdocs.jsonl") if p["languages"][0] == "en" and p["research_interests"].isascii()
    ]
    assert len(english) >= 15


def test_chinese_postdocs_publish_verbatim_csl_papers() -> None:
    papers = csl_by_title()
    postdocs = csl_postdocs()
    assert len(postdocs) >= 100
    for p in postdocs:
        assert 4 <= len(p["publications"]) <= 6, p["name"]
        for pub in p["publications"]:
            paper = papers[pub["title"]]
            assert (pub["abstract"], pub["keywords"]) == (paper["abstract"], paper["keywords"])
            assert paper["discipline"] == p["discipline"], p["name"]


def test_no_csl_paper_is_used_twice() -> None:
    papers = csl_by_title()
    used = [
        pub["title"] for p in load("postdocs.jsonl") for pub in p["publications"] if pub["title"] in papers
    ]
    assert [t for t, n in Counter(used).items() if n > 1] == []


def test_rows_pass_the_api_input_schemas() -> None:
    """What the importer validates: references by name/code aside, every row is a valid body."""
    from app.schemas.challenges import ChallengeCreate
    from app.schemas.enterprises import EnterpriseCreate
    from app.schemas.postdocs import PostdocCreate
    from app.schemas.stations import StationCreate

    for row in load("stations.jsonl"):
        StationCreate(**row)
    for row in load("enterprises.jsonl"):
        EnterpriseCreate(**row)
    for row in load("postdocs.jsonl"):
        PostdocCreate(**{k: v for k, v in row.items() if k != "station"})
    for row in load("challenges.jsonl"):
        ChallengeCreate(enterprise_id=1, **{k: v for k, v in row.items() if k != "enterprise_credit_code"})


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    counts = builder().build(tmp_path)
    assert counts == {name: len(load(name)) for name in FILES}
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name


def test_source_references_are_checked() -> None:
    content = script("demo_content")
    stations = [{"name": "甲站"}]
    enterprises = [{"name": "甲公司"}]
    disciplines = {"数学": {"stations": ["甲站", "乙站"]}}
    postdocs = [{"station": "甲站", "discipline": "物理学"}]
    challenges = [{"enterprise": "乙公司"}]
    with pytest.raises(ValueError) as error:
        content.check_references(stations, enterprises, disciplines, postdocs, challenges)
    assert str(error.value).endswith(
        "unknown station: 乙站; unknown discipline: 物理学; unknown enterprise: 乙公司"
    )
    content.check_references(stations, enterprises, {"数学": {"stations": ["甲站"]}}, [], [])


def test_source_directory_holds_only_the_files_the_loader_reads() -> None:
    content = script("demo_content")
    read = {"stations.jsonl", "enterprises.jsonl", "disciplines.json", "vocabulary.json", "names.json"}
    read |= {"english_postdocs.json", "mixed_postdocs.json", "challenges.json"}
    assert {path.name for path in content.SOURCE_DIR.iterdir()} == read
