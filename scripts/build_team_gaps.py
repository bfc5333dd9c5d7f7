"""Build the team-gap benchmark (data/benchmarks/team_gaps/; deterministic, docs/evaluation.md).

Pool: the zh benchmark's experts (data/benchmarks/zh/experts.jsonl, pseudo-experts grouped from
CSL papers of one discipline). Each expert has one CSL paper held out of their publications; a
requirement is two keywords of a held-out paper, labelled with that paper's discipline and
category. A challenge asks for three requirements from papers of three disciplines in three
different categories; in every second challenge all experts of one of those disciplines are
excluded from the team, so the honest answer for that requirement is a gap (or an expert of the
same category). Challenges of the tune split use only papers whose expert is in the tune split,
likewise for test.

    python scripts/build_team_gaps.py       # writes data/benchmarks/team_gaps/challenges.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.evaluation.benchmark import write_jsonl  # noqa: E402

CSL = ROOT / "data" / "csl" / "papers.jsonl"
EXPERTS = ROOT / "data" / "benchmarks" / "zh" / "experts.jsonl"
OUT = ROOT / "data" / "benchmarks" / "team_gaps" / "challenges.jsonl"
SEED = 20261201
CHALLENGES_PER_SPLIT = 40
REQUIREMENTS = 3


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_out_papers() -> dict[str, list[dict]]:
    """Per split, the CSL papers held out of the pool's publication lists (one per expert)."""
    experts = _rows(EXPERTS)
    split_of_title = {}
    owned = {p["title"] for e in experts for p in e["publications"]}
    disciplines = {e["discipline"]: e["split"] for e in experts}
    papers = [p for p in _rows(CSL) if p["discipline"] in disciplines and p["title"] not in owned]
    # the held-out paper's expert is the one of its discipline whose keywords it shares most
    for p in papers:
        mates = [e for e in experts if e["discipline"] == p["discipline"]]
        best = max(
            mates,
            key=lambda e: len(set(p["keywords"]) & {k for q in e["publications"] for k in q["keywords"]}),
        )
        split_of_title[p["title"]] = best["split"]
    out: dict[str, list[dict]] = {"tune": [], "test": []}
    for p in papers:
        out[split_of_title[p["title"]]].append(p)
    return out


def _requirement(paper: dict) -> dict:
    keywords = [k for k in paper["keywords"] if k.strip()]
    return {
        "text": "、".join(keywords[:2]),
        "discipline": paper["discipline"],
        "category": paper["category"],
        "paper": paper["id"],
    }


def _first_sentence(paper: dict) -> str:
    sentences = [s for s in re.split(r"(?<=[。；;.!?！？])", paper["abstract"]) if s.strip()]
    return sentences[0].replace("本文", "项目").strip() if sentences else paper["title"]


def build(rng: random.Random) -> list[dict]:
    rows = []
    for split, papers in held_out_papers().items():
        for n in range(CHALLENGES_PER_SPLIT):
            picked: list[dict] = []
            for p in rng.sample(papers, len(papers)):
                if all(p["category"] != q["category"] for q in picked):
                    picked.append(p)
                if len(picked) == REQUIREMENTS:
                    break
            requirements = [_requirement(p) for p in picked]
            excluded = requirements[n % REQUIREMENTS]["discipline"] if n % 2 else None
            topics = "、".join(p["keywords"][0] for p in picked)
            rows.append(
                {
                    "id": f"tg-{split}-{n:03d}",
                    "split": split,
                    "title": f"跨学科攻关：{topics}（编号 {split[:2]}{n:03d}）",
                    "description": "我公司需要一个跨学科团队。" + "".join(_first_sentence(p) for p in picked),
                    "requirements": requirements,
                    "excluded_discipline": excluded,
                }
            )
    return rows


def main() -> None:
    rows = build(random.Random(SEED))
    write_jsonl(OUT, rows)
    gaps = sum(r["excluded_discipline"] is not None for r in rows)
    print(f"team_gaps: {len(rows)} challenges ({gaps} with an excluded discipline) → {OUT}")


if __name__ == "__main__":
    main()
