"""Synthetic postdoc rosters for benchmarks: real CSL sentences recombined, plus English text.

Every generated text is unique (so stored-embedding reuse does not flatter import speed), and
each postdoc's papers come from one discipline, as real publication lists do.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSL = ROOT / "data" / "csl" / "papers.jsonl"

EN_TOPICS = [
    "weld defect detection",
    "lithium-ion battery cathodes",
    "offshore wind turbine monitoring",
    "marine corrosion of steel",
    "underwater robot navigation",
    "drug delivery nanoparticles",
    "industrial large language models",
    "power electronics converters",
    "polymer composites",
    "predictive maintenance",
    "aquaculture disease control",
    "hydrogen fuel cells",
]
EN_METHODS = [
    "deep learning",
    "finite element analysis",
    "Bayesian optimisation",
    "reinforcement learning",
    "graph neural networks",
    "digital twins",
    "spectroscopy",
    "transfer learning",
]
EN_SENTENCES = [
    "We propose a {m} approach to {t} and validate it on field data.",
    "Experiments show that {m} reduces the error of {t} by a wide margin.",
    "A dataset collected from production lines is used to study {t}.",
    "The method combines {m} with physical models of {t}.",
]


def load_papers() -> dict[str, list[dict]]:
    by_discipline: dict[str, list[dict]] = defaultdict(list)
    for line in CSL.read_text(encoding="utf-8").splitlines():
        paper = json.loads(line)
        by_discipline[paper["discipline"]].append(paper)
    return {d: ps for d, ps in by_discipline.items() if len(ps) >= 5}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；.])", text) if s.strip()]


def chinese_postdoc(rng: random.Random, n: int, discipline: str, papers: list[dict]) -> dict:
    pubs = []
    for j in range(5):
        a, b = rng.sample(papers, 2)
        sentences = _sentences(a["abstract"])[:2] + _sentences(b["abstract"])[-2:]
        keywords = rng.sample(a["keywords"] + b["keywords"], k=min(4, len(a["keywords"] + b["keywords"])))
        pubs.append(
            {
                "title": f"{a['title'][:30]}与{keywords[0]}研究（{n}-{j}）",
                "abstract": "".join(sentences),
                "keywords": keywords,
                "year": rng.randint(2012, 2024),
            }
        )
    interests = "、".join(dict.fromkeys(k for p in pubs for k in p["keywords"][:2]))
    return {
        "name": f"合成博士后{n}",
        "email": f"synthetic{n}@bench.example.cn",
        "discipline": discipline,
        "research_interests": f"主要研究{interests}。",
        "skills": rng.sample(["Python", "MATLAB", "COMSOL", "ANSYS", "PyTorch", "实验设计", "数值模拟"], 3),
        "languages": ["zh"],
        "publications": pubs,
    }


def english_postdoc(rng: random.Random, n: int) -> dict:
    topic = rng.choice(EN_TOPICS)
    pubs = []
    for j in range(5):
        m = rng.choice(EN_METHODS)
        body = " ".join(s.format(m=m, t=topic) for s in rng.sample(EN_SENTENCES, 3))
        pubs.append({"title": f"{m.capitalize()} for {topic} ({n}-{j})", "abstract": body, "year": 2015 + j})
    return {
        "name": f"Synthetic Postdoc {n}",
        "email": f"synthetic{n}@bench.example.cn",
        "discipline": "Engineering",
        "research_interests": f"{topic.capitalize()} with {rng.choice(EN_METHODS)}.",
        "skills": rng.sample(EN_METHODS, 3),
        "languages": ["en"],
        "publications": pubs,
    }


def roster(count: int, seed: int = 7, english_share: float = 0.15) -> list[dict]:
    rng = random.Random(seed)
    papers = load_papers()
    disciplines = sorted(papers)
    rows = []
    for n in range(count):
        if rng.random() < english_share:
            rows.append(english_postdoc(rng, n))
        else:
            d = rng.choice(disciplines)
            rows.append(chinese_postdoc(rng, n, d, papers[d]))
    return rows


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path
