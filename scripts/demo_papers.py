"""CSL papers for the demo data set: loading, TF-IDF similarity, grouping into publication lists.

Part of ``build_demo_data.py``: papers of one discipline are grouped by textual similarity
(character bigrams of title and keywords, plus whole keywords) into lists of 4–6 papers, each of
which becomes one Chinese postdoc's publication list.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["CSL_PATH", "Paper", "PaperSpace", "group_papers", "load_csl", "usable_keywords"]

CSL_PATH = Path(__file__).resolve().parent.parent / "data" / "csl" / "papers.jsonl"
CORE_SIZE = 4  # papers that seed each publication list
MAX_PAPERS = 6  # most CSL papers one postdoc gets
ATTACH_SIMILARITY = 0.03  # a leftover paper joins a list only when this close to it
_KEEP_CHARS = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")

Paper = dict[str, Any]


def load_csl(path: Path = CSL_PATH) -> list[Paper]:
    """All CSL papers, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def usable_keywords(paper: Paper) -> list[str]:
    """Author keywords; long machine-made keyword lists are cut to those found in the title."""
    keywords = [k.strip() for k in paper["keywords"] if k.strip()]
    if len(keywords) > 8:
        keywords = [k for k in keywords if k in paper["title"]]
    return keywords


def _features(paper: Paper) -> Counter[str]:
    """Character bigrams of title and keywords, plus whole keywords (weighted)."""
    features: Counter[str] = Counter()
    for part in [paper["title"], *usable_keywords(paper)]:
        text = _KEEP_CHARS.sub("", part)
        features.update(text[i : i + 2] for i in range(len(text) - 1))
    features.update({f"kw:{k}": 3 for k in usable_keywords(paper)})
    return features


class PaperSpace:
    """TF-IDF vectors of papers, for cosine similarity within a discipline."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        raw = {p["id"]: _features(p) for p in papers}
        df: Counter[str] = Counter()
        for features in raw.values():
            df.update(features.keys())
        n = len(papers)
        self._vectors = {pid: self._normalise(f, df, n) for pid, f in raw.items()}

    @staticmethod
    def _normalise(features: Counter[str], df: Counter[str], n: int) -> dict[str, float]:
        weights = {k: c * math.log(n / df[k]) for k, c in features.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {k: w / norm for k, w in weights.items()}

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two papers."""
        va, vb = self._vectors[a], self._vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(k, 0.0) for k, w in va.items())

    def mean_similarity(self, pid: str, group: Iterable[str]) -> float:
        """Mean similarity of a paper to the members of a group."""
        members = list(group)
        return sum(self.similarity(pid, m) for m in members) / len(members)


def _tightest_core(space: PaperSpace, remaining: list[str]) -> list[str]:
    """The seed paper whose nearest neighbours are closest, with those neighbours."""
    best: tuple[float, list[str]] | None = None
    for seed in remaining:
        others = sorted((o for o in remaining if o != seed), key=lambda o: (-space.similarity(seed, o), o))
        core = [seed, *others[: CORE_SIZE - 1]]
        score = sum(space.similarity(seed, o) for o in core[1:])
        if best is None or score > best[0]:
            best = (score, core)
    assert best is not None
    return best[1]


def _attach_leftovers(
    space: PaperSpace, groups: list[list[str]], leftovers: list[str], priority: frozenset[str]
) -> None:
    """Add close (or ``priority``) leftover papers to their most similar group with room."""
    for pid in leftovers:
        open_groups = [g for g in groups if len(g) < MAX_PAPERS]
        if not open_groups:
            return
        group = max(open_groups, key=lambda g: space.mean_similarity(pid, g))
        close = space.mean_similarity(pid, group) >= ATTACH_SIMILARITY
        if close or pid in priority:
            group.append(pid)


def group_papers(
    space: PaperSpace, paper_ids: list[str], n_groups: int, *, priority: frozenset[str]
) -> list[list[str]]:
    """Split one discipline's papers into ``n_groups`` coherent publication lists of 4–6.

    Leftover papers join the most similar list with room when close enough to it; those in
    ``priority`` (papers the challenges rely on) join one in any case.
    """
    remaining = sorted(paper_ids)
    groups: list[list[str]] = []
    for _ in range(min(n_groups, len(remaining) // CORE_SIZE)):
        core = _tightest_core(space, remaining)
        groups.append(core)
        remaining = [pid for pid in remaining if pid not in core]
    _attach_leftovers(space, groups, remaining, priority)
    return groups
