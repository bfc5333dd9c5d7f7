"""Hand-written content of the Jiebang demo data set, read from ``data/demo/source/``.

The content is data, kept in JSON files (see data/demo/README.md, "Source data"); this module
only reads them, checks that they refer to each other correctly and exposes them under the
names ``build_demo_data.py`` uses. Company names, people and e-mail addresses are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = [
    "APPLIED_TEMPLATE",
    "CHALLENGES",
    "CLINICAL_TEMPLATE",
    "DISCIPLINES",
    "ENGLISH_POSTDOCS",
    "ENTERPRISES",
    "GENERIC_KEYWORDS",
    "GIVEN_CHARS",
    "INTEREST_TEMPLATES",
    "METHOD_MARKERS",
    "MIXED_POSTDOCS",
    "PLACE_MARKERS",
    "PRIORITY_PAPERS",
    "SOURCE_DIR",
    "STATIONS",
    "SURNAMES",
    "check_references",
]

SOURCE_DIR = Path(__file__).resolve().parent.parent / "data" / "demo" / "source"

Record = dict[str, Any]


def _read_json(name: str) -> Any:
    """One JSON document from the source directory."""
    return json.loads((SOURCE_DIR / name).read_text(encoding="utf-8"))


def _read_jsonl(name: str) -> list[Record]:
    """One JSON object per non-blank line from the source directory."""
    lines = (SOURCE_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _pairs(rows: list[list[str]]) -> list[tuple[str, str]]:
    """``[hanzi, pinyin]`` rows as tuples."""
    return [(hanzi, pinyin) for hanzi, pinyin in rows]


def _unknown(kind: str, names: set[str], known: set[str]) -> list[str]:
    """One problem line per name that is not among ``known``."""
    return [f"unknown {kind}: {name}" for name in sorted(names - known)]


def check_references(
    stations: list[Record],
    enterprises: list[Record],
    disciplines: dict[str, Record],
    postdocs: list[Record],
    challenges: list[Record],
) -> None:
    """Raise ``ValueError`` listing every station, discipline or enterprise named but not defined."""
    station_names = {s["name"] for s in stations}
    used_stations = {st for plan in disciplines.values() for st in plan["stations"]}
    used_stations |= {p["station"] for p in postdocs}
    problems = _unknown("station", used_stations, station_names)
    problems += _unknown("discipline", {p["discipline"] for p in postdocs}, set(disciplines))
    enterprise_names = {e["name"] for e in enterprises}
    problems += _unknown("enterprise", {c["enterprise"] for c in challenges}, enterprise_names)
    if problems:
        raise ValueError(f"{SOURCE_DIR}: " + "; ".join(problems))


# Stations: name, kind, host_institution, city, email_domain (of their postdocs' addresses).
STATIONS: list[Record] = _read_jsonl("stations.jsonl")
# Enterprises: name, industry, district (region code in the credit code), email_domain.
ENTERPRISES: list[Record] = _read_jsonl("enterprises.jsonl")
# Per-discipline plan for the Chinese postdocs built from CSL papers, in build order.
DISCIPLINES: dict[str, Record] = _read_json("disciplines.json")

_VOCABULARY: Record = _read_json("vocabulary.json")
PRIORITY_PAPERS: frozenset[str] = frozenset(_VOCABULARY["priority_papers"])
GENERIC_KEYWORDS: frozenset[str] = frozenset(_VOCABULARY["generic_keywords"])
PLACE_MARKERS: tuple[str, ...] = tuple(_VOCABULARY["place_markers"])
METHOD_MARKERS: tuple[str, ...] = tuple(_VOCABULARY["method_markers"])
INTEREST_TEMPLATES: tuple[str, ...] = tuple(_VOCABULARY["interest_templates"])
APPLIED_TEMPLATE: str = _VOCABULARY["applied_template"]
CLINICAL_TEMPLATE: str = _VOCABULARY["clinical_template"]

_NAMES: Record = _read_json("names.json")
SURNAMES: list[tuple[str, str]] = _pairs(_NAMES["surnames"])
GIVEN_CHARS: list[tuple[str, str]] = _pairs(_NAMES["given_chars"])

ENGLISH_POSTDOCS: list[Record] = _read_json("english_postdocs.json")
MIXED_POSTDOCS: list[Record] = _read_json("mixed_postdocs.json")
# 企业难题清单: ``enterprise`` is an enterprise ``name``, resolved to its credit code.
CHALLENGES: list[Record] = _read_json("challenges.json")

check_references(STATIONS, ENTERPRISES, DISCIPLINES, ENGLISH_POSTDOCS + MIXED_POSTDOCS, CHALLENGES)
