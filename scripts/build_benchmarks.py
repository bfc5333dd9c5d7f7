"""Build the dev benchmarks under data/benchmarks/ (deterministic; see docs/evaluation.md).

- zh: pseudo-experts from CSL papers (data/csl/papers.jsonl), 5–9 papers of one discipline
  each; one more paper of each expert is held out and rewritten as an enterprise challenge.
- en: hand-written topics (scripts/benchmark_topics.py) → one English expert per topic, two
  English challenges per topic.
- xling: the same topics, each expert writing in one language; Chinese challenges whose expert
  writes English and English challenges whose expert writes Chinese.

Relevance: the challenge's own expert 3, same discipline 2, same category 1.

    python scripts/build_benchmarks.py            # writes data/benchmarks/{zh,en,xling}/
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark_topics import TOPICS  # noqa: E402

from app.evaluation.benchmark import write_jsonl  # noqa: E402

OUT = ROOT / "data" / "benchmarks"
CSL = ROOT / "data" / "csl" / "papers.jsonl"
SEED = 20261123
EXPERTS_PER_TOPIC = 2
SECTOR_OF_CATEGORY = {
    "工学": "intelligent_manufacturing",
    "医学": "biomedicine",
    "农学": "other",
    "理学": "new_materials",
    "engineering": "high_end_equipment",
    "medicine": "biomedicine",
    "agriculture": "other",
    "management": "other",
}
# Sentences that report results; the challenge keeps the problem and method sentences only.
RESULT_WORDS = ("结果", "表明", "结论", "有效率")


def grades_for(owner: str, experts: list[dict[str, Any]], meta: dict[str, tuple[str, str]]) -> list[dict]:
    """Owner 3, same discipline 2, same category 1 (``meta``: expert id → (discipline, category))."""
    disc, cat = meta[owner]
    rows = []
    for e in experts:
        d, c = meta[e["id"]]
        grade = 3 if e["id"] == owner else 2 if d == disc else 1 if c == cat else 0
        if grade:
            rows.append({"expert": e["id"], "grade": grade})
    return rows


# ----------------------------------------------------------------------------- zh (CSL)
def build_zh(rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    papers = [json.loads(line) for line in CSL.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_disc: dict[str, list[dict]] = defaultdict(list)
    for p in papers:
        by_disc[p["discipline"]].append(p)
    experts: list[dict] = []
    queries: list[dict] = []
    qrels: list[dict] = []
    meta: dict[str, tuple[str, str]] = {}
    for disc in sorted(by_disc):
        pool = by_disc[disc][:]
        rng.shuffle(pool)
        while len(pool) >= 6:
            size = min(len(pool), rng.randint(6, 10))
            if 0 < len(pool) - size < 6:
                size = len(pool) if len(pool) <= 10 else len(pool) - 6
            group, pool = pool[:size], pool[size:]
            held, kept = group[-1], group[:-1]
            n = len(experts)
            eid, split = f"zh-e{n:03d}", "tune" if n % 2 == 0 else "test"
            meta[eid] = (disc, held["category"])
            experts.append(_csl_expert(eid, n, disc, kept, split, rng))
            queries.append(_csl_challenge(f"zh-q{n:03d}", held, split, eid))
    for q in queries:
        owner = q.pop("_owner")
        qrels.extend({"query": q["id"], **g} for g in grades_for(owner, experts, meta))
    return experts, queries, qrels


def _csl_expert(eid: str, n: int, disc: str, kept: list[dict], split: str, rng: random.Random) -> dict:
    keywords = list(dict.fromkeys(k for p in kept for k in p["keywords"]))
    return {
        "id": eid,
        "name": f"专家{n:03d}",
        "discipline": disc,
        "research_interests": "研究方向：" + "、".join(keywords[:6]),
        "skills": keywords[6:10],
        "languages": ["zh"],
        "publications": [
            {
                "title": p["title"],
                "abstract": p["abstract"][:5000],
                "keywords": p["keywords"],
                "year": rng.randint(2012, 2022),
            }
            for p in kept
        ],
        "split": split,
    }


def _csl_challenge(qid: str, paper: dict, split: str, owner: str) -> dict:
    """An enterprise need from a held-out paper: its problem/method sentences, not its title."""
    sentences = [s for s in re.split(r"(?<=[。；;.!?！？])", paper["abstract"]) if s.strip()]
    kept = [s for s in sentences if not any(w in s for w in RESULT_WORDS)][:2] or sentences[:1]
    body = "".join(kept)
    for old, new in (("本文", "我方"), ("文中", "项目中"), ("提出了", "希望实现"), ("提出", "希望采用")):
        body = body.replace(old, new)
    keywords = paper["keywords"]
    title = f"{paper['category']}企业需求：{keywords[0]}相关技术攻关（编号 {qid[-3:]}）"
    description = (
        f"我公司在{keywords[0]}方面遇到技术难题，现公开征集合作团队。需求背景：{body}"
        f"希望揭榜团队熟悉{'、'.join(keywords[1:3]) or keywords[0]}，提出可落地的解决方案。"
    )
    return {
        "id": qid,
        "title": title,
        "description": description,
        "required_expertise": keywords[1:4],
        "sector": SECTOR_OF_CATEGORY.get(paper["category"], "other"),
        "split": split,
        "_owner": owner,
    }


# ----------------------------------------------------------------------------- en / xling
EN_TITLES = (
    "{a} using {b}",
    "Towards reliable {a}: a {b} approach",
    "{a} and {b} in industrial practice",
    "Improving {a} with {b}",
    "A study of {a} for {b}",
)
EN_ABSTRACT = (
    "{a} remains a practical bottleneck in {disc}. This paper studies {b} and proposes a method "
    "that combines {c} with {d}. Experiments on field data show better accuracy and robustness "
    "than established baselines."
)
ZH_TITLES = ("基于{b}的{a}研究", "{a}中的{b}方法", "面向{a}的{b}技术")
ZH_ABSTRACT = (
    "针对{a}中存在的问题，本文研究了{b}，提出了一种结合{c}与{d}的方法。实验结果表明该方法提高了精度和稳定性。"
)
EN_NEEDS = (
    "Our plant struggles with {a}. We look for a team experienced in {b} and {c} to deliver a "
    "working prototype within a year; {d} would be a plus.",
    "We operate production lines where {a} limits output. We need expertise in {b}, ideally with "
    "experience of {c}, to help our engineers adopt {d}.",
)
ZH_NEEDS = (
    "我公司在生产中遇到{a}方面的难题，希望与掌握{b}和{c}的团队合作，一年内完成样机，{d}经验优先。",
    "企业现有产线受{a}制约，需要熟悉{b}的博士后团队，结合{c}与{d}提升效率。",
)


def _expert_en(eid: str, n: int, topic: tuple, split: str, rng: random.Random) -> dict:
    """An English expert writing on a random 5 of the topic's phrases."""
    _, disc, en, _ = topic
    en = rng.sample(en, 5)
    pubs = []
    for _ in range(rng.randint(5, 7)):
        a, b, c, d = rng.sample(en, 4)
        pubs.append(
            {
                "title": rng.choice(EN_TITLES).format(a=a.capitalize(), b=b),
                "abstract": EN_ABSTRACT.format(a=a.capitalize(), b=b, c=c, d=d, disc=disc.lower()),
                "keywords": [a, b, c],
                "year": rng.randint(2015, 2025),
            }
        )
    return {
        "id": eid,
        "name": f"Expert {n:03d}",
        "discipline": disc,
        "research_interests": f"My research covers {en[0]}, {en[1]} and {en[2]}.",
        "skills": en[3:],
        "languages": ["en"],
        "publications": pubs,
        "split": split,
    }


def _expert_zh(eid: str, n: int, topic: tuple, split: str, rng: random.Random) -> dict:
    """A Chinese expert writing on a random 5 of the topic's phrases."""
    _, disc, _, zh = topic
    zh = rng.sample(zh, 5)
    pubs = []
    for _ in range(rng.randint(5, 7)):
        a, b, c, d = rng.sample(zh, 4)
        pubs.append(
            {
                "title": rng.choice(ZH_TITLES).format(a=a, b=b),
                "abstract": ZH_ABSTRACT.format(a=a, b=b, c=c, d=d),
                "keywords": [a, b, c],
                "year": rng.randint(2015, 2025),
            }
        )
    return {
        "id": eid,
        "name": f"专家{n:03d}",
        "discipline": disc,
        "research_interests": f"研究方向：{zh[0]}、{zh[1]}、{zh[2]}",
        "skills": zh[3:],
        "languages": ["zh"],
        "publications": pubs,
        "split": split,
    }


def _challenge(qid: str, topic: tuple, lang: str, owner: dict, rng: random.Random, k: int) -> dict:
    """A need phrased with three of the owner's topic phrases and one other phrase of the topic."""
    cat, _, en, zh = topic
    phrases = en if lang == "en" else zh
    own = list(dict.fromkeys(kw for p in owner["publications"] for kw in p["keywords"]))
    own = [p for p in phrases if p in own] or phrases
    a, b, c = rng.sample(own, 3) if len(own) >= 3 else rng.sample(phrases, 3)
    d = rng.choice([p for p in phrases if p not in (a, b, c)])
    split = owner["split"]
    if lang == "en":
        title = f"Need {k}: {a} for a {cat} company (ref {qid[-4:]})"
        description = EN_NEEDS[k % 2].format(a=a, b=b, c=c, d=d)
    else:
        title = f"{a}技术需求（编号 {qid[-4:]}）"
        description = ZH_NEEDS[k % 2].format(a=a, b=b, c=c, d=d)
    return {
        "id": qid,
        "title": title,
        "description": description,
        "required_expertise": [b, c],
        "sector": SECTOR_OF_CATEGORY.get(cat, "other"),
        "split": split,
    }


def build_en(rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    """Two English experts per topic (different phrase subsets), one challenge each."""
    return _build_topics(rng, "en", lambda n: "en")


def build_xling(rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    """Even topics: English experts and Chinese challenges; odd topics: the reverse."""
    return _build_topics(rng, "x", lambda n: "en" if n % 2 == 0 else "zh")


def _build_topics(rng: random.Random, prefix: str, expert_lang: Callable[[int], str]) -> tuple:
    experts: list[dict] = []
    queries: list[dict] = []
    qrels: list[dict] = []
    meta: dict[str, tuple[str, str]] = {}
    for n, topic in enumerate(TOPICS):
        lang = expert_lang(n)
        for j in range(EXPERTS_PER_TOPIC):
            eid = f"{prefix}-e{n:03d}{j}"
            split = "tune" if (n // 2) % 2 == 0 else "test"
            meta[eid] = (topic[1], topic[0])
            make = _expert_en if lang == "en" else _expert_zh
            experts.append(make(eid, len(experts), topic, split, rng))
    for n, topic in enumerate(TOPICS):
        challenge_lang = expert_lang(n) if prefix == "en" else ("zh" if expert_lang(n) == "en" else "en")
        for j in range(EXPERTS_PER_TOPIC):
            owner = experts[n * EXPERTS_PER_TOPIC + j]
            q = _challenge(f"{prefix}-q{n:03d}{j}", topic, challenge_lang, owner, rng, j)
            queries.append(q)
            qrels.extend({"query": q["id"], **g} for g in grades_for(owner["id"], experts, meta))
    return experts, queries, qrels


def main() -> None:
    for name, build in (("zh", build_zh), ("en", build_en), ("xling", build_xling)):
        experts, queries, qrels = build(random.Random(f"{SEED}-{name}"))
        for file, rows in (("experts", experts), ("queries", queries), ("qrels", qrels)):
            write_jsonl(OUT / name / f"{file}.jsonl", rows)
        print(f"{name}: {len(experts)} experts, {len(queries)} queries, {len(qrels)} graded pairs")


if __name__ == "__main__":
    main()
