"""Build the Jiebang demo data set: stations, enterprises, postdocs and challenges as JSONL.

Usage (from the repository root)::

    python scripts/build_demo_data.py [--out data/demo]

The output is deterministic: every random choice comes from a generator seeded with a fixed
string, nothing depends on hash order, the clock or the network. Chinese postdoc profiles are
built from real CSL papers (data/csl/papers.jsonl): papers of one discipline are grouped by
textual similarity into publication lists, and each profile's research interests and skills are
derived from the group's keywords (grouping in ``demo_papers.py``). Stations, enterprises,
discipline plans, vocabulary, names, English and mixed-language postdocs and the enterprise
problem list (企业难题清单) are hand-written data in ``data/demo/source/``, read by
``demo_content.py``; edit them there and re-run this script.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_OUT",
    "build",
    "build_challenges",
    "build_enterprises",
    "build_postdocs",
    "build_stations",
    "main",
]

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS_DIR.parent
for _path in (str(SCRIPTS_DIR), str(REPO_ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import demo_content as content  # noqa: E402
from demo_papers import Paper, PaperSpace, group_papers, load_csl, usable_keywords  # noqa: E402

from app.validators import CREDIT_CODE_ALPHABET, credit_code_check_char  # noqa: E402

SEED = "jiebang-demo-2025"
DEFAULT_OUT = REPO_ROOT / "data" / "demo"

Record = dict[str, Any]

AVAILABILITY_WEIGHTS = {"available": 0.72, "limited": 0.2, "unavailable": 0.08}
STATION_DOMAINS = {station["name"]: station["email_domain"] for station in content.STATIONS}
STATION_FIELDS = ("name", "kind", "host_institution", "city")


def rng_for(part: str) -> random.Random:
    """A generator for one part of the build, so parts do not shift each other's draws."""
    return random.Random(f"{SEED}/{part}")


# --------------------------------------------------------------------------------------------
# Stations and enterprises
# --------------------------------------------------------------------------------------------
def build_stations() -> list[Record]:
    """Station records, in the order of ``data/demo/source/stations.jsonl``."""
    return [{field: station[field] for field in STATION_FIELDS} for station in content.STATIONS]


def credit_code(rng: random.Random, district: str) -> str:
    """A valid 统一社会信用代码 for an enterprise (登记管理部门 9, 类别 1) in ``district``."""
    body = "91" + district + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    return body + credit_code_check_char(body)


def build_enterprises() -> list[Record]:
    """Enterprise records with unique, valid credit codes."""
    rng, seen, records = rng_for("enterprises"), set(), []
    for enterprise in content.ENTERPRISES:
        code = credit_code(rng, enterprise["district"])
        while code in seen:
            code = credit_code(rng, enterprise["district"])
        seen.add(code)
        name, industry = enterprise["name"], enterprise["industry"]
        records.append({"name": name, "credit_code": code, "industry": industry, "city": "青岛"})
    return records


# --------------------------------------------------------------------------------------------
# Profile text from keywords
# --------------------------------------------------------------------------------------------
DISCIPLINE_WORDS = frozenset(part for name in content.DISCIPLINES for part in (name, *name.split("/")))


def _is_method(keyword: str) -> bool:
    """Whether a keyword names a method (``有限元法``, ``双重PCR``) rather than a topic."""
    return len(keyword) >= 3 and any(marker in keyword for marker in content.METHOD_MARKERS)


def _is_descriptive(keyword: str) -> bool:
    """Whether a keyword can name a research direction."""
    if keyword in content.GENERIC_KEYWORDS or keyword in DISCIPLINE_WORDS:
        return False
    if not 2 <= len(keyword) <= 14 or any(ch in keyword for ch in '、"“”'):
        return False
    return not (re.fullmatch(r"[\d\W_]+", keyword) or re.fullmatch(r".{1,3}[省市县镇]", keyword))


def _keyword_score(keyword: str, position: int, papers: Sequence[Paper]) -> float:
    """How well one occurrence of a keyword characterises a publication list."""
    score = 3.0 + (1.0 if position == 0 else 0.5 if position == 1 else 0.0)
    score += sum(keyword in p["title"] for p in papers)
    if len(keyword) >= 3 or keyword.isascii():
        score += 1.5  # two-character Chinese keywords are often vague out of context
    if any(place in keyword for place in content.PLACE_MARKERS):
        score *= 0.3
    return score


def ranked_keywords(papers: Sequence[Paper]) -> list[str]:
    """Descriptive keywords of a publication list, most characteristic first."""
    scores: dict[str, float] = {}
    for paper in papers:
        for position, keyword in enumerate(usable_keywords(paper)):
            if _is_descriptive(keyword):
                scores[keyword] = scores.get(keyword, 0.0) + _keyword_score(keyword, position, papers)
    order = {k: i for i, k in enumerate(scores)}
    return sorted(scores, key=lambda k: (-scores[k], order[k]))


def _distinct(keywords: Iterable[str], limit: int) -> list[str]:
    """Up to ``limit`` keywords, skipping any that contains or is contained in a chosen one."""
    chosen: list[str] = []
    for keyword in keywords:
        if not any(keyword in c or c in keyword for c in chosen):
            chosen.append(keyword)
        if len(chosen) == limit:
            break
    return chosen


def research_interests(rng: random.Random, keywords: list[str], plan: dict[str, Any], category: str) -> str:
    """A one-sentence Chinese statement built from the keywords of a publication list."""
    methods = [k for k in keywords if _is_method(k)]
    topics = _distinct([k for k in keywords if not _is_method(k)] + methods, 3)
    while len(topics) < 3:
        topics.append(plan["field"])
    method = methods[0] if methods and methods[0] not in topics else plan["method"]
    special = content.CLINICAL_TEMPLATE if category == "医学" else content.APPLIED_TEMPLATE
    template = rng.choice([*content.INTEREST_TEMPLATES, special])
    return template.format(t1=topics[0], t2=topics[1], t3=topics[2], m=method, f=plan["field"])


def skills(rng: random.Random, keywords: list[str], plan: dict[str, Any]) -> list[str]:
    """Skills: short characteristic keywords plus a few tools of the discipline."""
    short = [k for k in keywords if len(k) <= 10]
    methods = [k for k in short if _is_method(k)][:2]
    picked = _distinct(methods + short, 4)
    tools = rng.sample(plan["tools"], k=min(3, len(plan["tools"])))
    return picked + [t for t in tools if t not in picked]


# --------------------------------------------------------------------------------------------
# Postdocs
# --------------------------------------------------------------------------------------------
class NameBook:
    """Unique Chinese names and e-mail addresses."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._names: set[str] = set()
        self._emails: set[str] = set()

    def reserve(self, name: str, email: str) -> None:
        """Mark a hand-written postdoc's name and e-mail as taken."""
        if name in self._names or email in self._emails:
            raise ValueError(f"duplicate hand-written postdoc {name} <{email}>")
        self._names.add(name)
        self._emails.add(email)

    def new_person(self, domain: str) -> tuple[str, str]:
        """A fresh (name, e-mail) pair; the e-mail is pinyin at ``domain``."""
        while True:
            (surname, s_py), *given = self._pick()
            name = surname + "".join(ch for ch, _ in given)
            if name not in self._names:
                break
        self._names.add(name)
        local = s_py + "".join(py for _, py in given)
        email, n = f"{local}@{domain}", 1
        while email in self._emails:
            n += 1
            email = f"{local}{n}@{domain}"
        self._emails.add(email)
        return name, email

    def _pick(self) -> list[tuple[str, str]]:
        surname = self._rng.choice(content.SURNAMES)
        length = 1 if self._rng.random() < 0.2 else 2
        return [surname, *self._rng.sample(content.GIVEN_CHARS, k=length)]


def publication(rng: random.Random, paper: Paper, year: int, venues: list[str]) -> Record:
    """A CSL paper as a publication: title, abstract and keywords verbatim."""
    return {
        "title": paper["title"],
        "abstract": paper["abstract"],
        "keywords": list(paper["keywords"]),
        "year": year,
        "venue": rng.choice(venues),
    }


def csl_publications(rng: random.Random, papers: Sequence[Paper], venues: list[str]) -> list[Record]:
    """Publications of one career: years within a five-year window in 2012–2024, newest first."""
    start = rng.randint(2012, 2020)
    years = sorted((rng.randint(start, min(start + 4, 2024)) for _ in papers), reverse=True)
    return [publication(rng, p, y, venues) for p, y in zip(papers, years, strict=True)]


def _availability(rng: random.Random) -> tuple[str, int]:
    """Availability and the matching maximum number of concurrent challenges."""
    state = rng.choices(list(AVAILABILITY_WEIGHTS), weights=list(AVAILABILITY_WEIGHTS.values()))[0]
    limit = 1 if state != "available" else rng.choice([1, 2, 2, 3])
    return state, limit


def csl_postdoc(rng: random.Random, names: NameBook, discipline: str, papers: Sequence[Paper]) -> Record:
    """A Chinese-writing postdoc whose publications are the given CSL papers."""
    plan = content.DISCIPLINES[discipline]
    station = rng.choice(plan["stations"])
    name, email = names.new_person(STATION_DOMAINS[station])
    keywords = ranked_keywords(papers)
    availability, limit = _availability(rng)
    return {
        "name": name,
        "email": email,
        "station": station,
        "discipline": discipline,
        "research_interests": research_interests(rng, keywords, plan, papers[0]["category"]),
        "skills": skills(rng, keywords, plan),
        "languages": ["zh", "en"] if rng.random() < 0.35 else ["zh"],
        "availability": availability,
        "max_concurrent_challenges": limit,
        "publications": csl_publications(rng, papers, plan["venues"]),
    }


def handwritten_postdoc(rng: random.Random, spec: dict[str, Any], by_id: dict[str, Paper]) -> Record:
    """A hand-written postdoc; CSL papers named in ``csl_papers`` are added to the list."""
    record = {k: v for k, v in spec.items() if k not in ("csl_papers", "publications")}
    papers = [by_id[pid] for pid in spec.get("csl_papers", [])]
    venues = content.DISCIPLINES[spec["discipline"]]["venues"]
    chinese = [publication(rng, p, rng.randint(2014, 2021), venues) for p in papers]
    record["publications"] = [dict(p) for p in spec["publications"]] + chinese
    return record


def build_postdocs(papers: Sequence[Paper]) -> list[Record]:
    """All postdocs: CSL-based Chinese profiles, then English, then mixed-language ones."""
    rng = rng_for("postdocs")
    by_id = {p["id"]: p for p in papers}
    handwritten = content.ENGLISH_POSTDOCS + content.MIXED_POSTDOCS
    names = NameBook(rng_for("names"))
    for spec in handwritten:
        names.reserve(spec["name"], spec["email"])
    reserved = {pid for spec in handwritten for pid in spec.get("csl_papers", [])}
    records = []
    for discipline, plan in content.DISCIPLINES.items():
        pool = [p for p in papers if p["discipline"] == discipline and p["id"] not in reserved]
        pool_ids = [p["id"] for p in pool]
        groups = group_papers(PaperSpace(pool), pool_ids, plan["postdocs"], priority=content.PRIORITY_PAPERS)
        for group in groups:
            records.append(csl_postdoc(rng, names, discipline, [by_id[pid] for pid in group]))
    records += [handwritten_postdoc(rng, spec, by_id) for spec in handwritten]
    return records


# --------------------------------------------------------------------------------------------
# Challenges and output
# --------------------------------------------------------------------------------------------
def build_challenges(enterprises: Sequence[Record]) -> list[Record]:
    """The enterprise problem list with enterprise names resolved to credit codes."""
    codes = {e["name"]: e["credit_code"] for e in enterprises}
    return [
        {
            "enterprise_credit_code": codes[c["enterprise"]],
            **{k: v for k, v in c.items() if k != "enterprise"},
        }
        for c in content.CHALLENGES
    ]


def write_jsonl(path: Path, records: Iterable[Record]) -> int:
    """Write one JSON object per line (UTF-8, not ASCII-escaped); return the row count."""
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    path.write_bytes("".join(lines).encode("utf-8"))  # "\n" on every platform
    return len(lines)


def build(out_dir: Path) -> dict[str, int]:
    """Write the four demo files into ``out_dir``; return the number of rows per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    enterprises = build_enterprises()
    files = {
        "stations.jsonl": build_stations(),
        "enterprises.jsonl": enterprises,
        "postdocs.jsonl": build_postdocs(load_csl()),
        "challenges.jsonl": build_challenges(enterprises),
    }
    return {name: write_jsonl(out_dir / name, records) for name, records in files.items()}


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: data/demo)")
    args = parser.parse_args(argv)
    for name, count in build(args.out).items():
        print(f"{args.out / name}: {count} rows")


if __name__ == "__main__":
    main()
