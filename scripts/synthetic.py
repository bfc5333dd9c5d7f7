"""Synthetic postdoc rosters for benchmarks: real CSL sentences recombined, plus English text.

Every document text of a roster is distinct (``roster`` redraws a postdoc's interests or skills
until neither has been seen; titles carry the postdoc's number): no document is a copy of
another, so stored-embedding reuse does not flatter import speed and BM25 sees no duplicates.
Each postdoc's papers come from one discipline, as real publication lists do.
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
TOOLS = ["Python", "MATLAB", "COMSOL", "ANSYS", "PyTorch", "实验设计", "数值模拟", "Abaqus", "LabVIEW", "R"]
EN_TOOLS = ["Python", "MATLAB", "C++", "ROS", "COMSOL", "ANSYS", "PyTorch", "LabVIEW", "Simulink", "R"]
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
    row = {
        "name": f"合成博士后{n}",
        "email": f"synthetic{n}@bench.example.cn",
        "discipline": discipline,
        "languages": ["zh"],
        "publications": pubs,
    }
    return {**row, **chinese_profile(rng, pubs)}


def chinese_profile(rng: random.Random, pubs: list[dict]) -> dict:
    """Interests and skills drawn from the postdoc's own papers' keywords, plus tools."""
    keywords = list(dict.fromkeys(k for p in pubs for k in p["keywords"]))
    interests = "、".join(rng.sample(keywords, k=min(len(keywords), rng.randint(4, 8))))
    skills = rng.sample(TOOLS, rng.randint(2, 4)) + rng.sample(keywords, k=min(len(keywords), 2))
    return {"research_interests": f"主要研究{interests}。", "skills": skills}


def english_postdoc(rng: random.Random, n: int, topic: str | None = None) -> dict:
    topic = topic or rng.choice(EN_TOPICS)
    pubs = []
    for j in range(5):
        m = rng.choice(EN_METHODS)
        body = " ".join(s.format(m=m, t=topic) for s in rng.sample(EN_SENTENCES, 3))
        pubs.append({"title": f"{m.capitalize()} for {topic} ({n}-{j})", "abstract": body, "year": 2015 + j})
    row = {
        "name": f"Synthetic Postdoc {n}",
        "email": f"synthetic{n}@bench.example.cn",
        "discipline": "Engineering",
        "languages": ["en"],
        "publications": pubs,
    }
    return {**row, **english_profile(rng, topic)}


def english_profile(rng: random.Random, topic: str) -> dict:
    """Interests: two or three sentences on the topic (and a second one); skills: methods + tools."""
    second = rng.choice([t for t in EN_TOPICS if t != topic])
    sentences = [
        s.format(m=rng.choice(EN_METHODS), t=t)
        for s, t in zip(rng.sample(EN_SENTENCES, rng.randint(2, 3)), [topic, second, topic], strict=False)
    ]
    skills = rng.sample(EN_METHODS, rng.randint(1, 3)) + rng.sample(EN_TOOLS, rng.randint(2, 4))
    return {"research_interests": " ".join(sentences), "skills": skills}


def roster(count: int, seed: int = 7, english_share: float = 0.15) -> list[dict]:
    """``count`` postdocs whose document texts are all distinct (see the module docstring)."""
    rng = random.Random(seed)
    papers = load_papers()
    disciplines = sorted(papers)
    seen: set[str] = set()
    rows = []
    for n in range(count):
        if rng.random() < english_share:
            topic = rng.choice(EN_TOPICS)
            row = english_postdoc(rng, n, topic)
        else:
            topic, d = "", rng.choice(disciplines)
            row = chinese_postdoc(rng, n, d, papers[d])
        while _profile_texts(row) & seen:
            row.update(english_profile(rng, topic) if topic else chinese_profile(rng, row["publications"]))
        seen |= _profile_texts(row)
        rows.append(row)
    return rows


def _profile_texts(row: dict) -> set[str]:
    """The two documents of a postdoc that are not papers (papers' titles carry its number)."""
    return {row["research_interests"], "；".join([row["discipline"], *row["skills"]])}


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path
