"""Evaluate benchmarks by name and print one table (what ``jiebang evaluate`` shows)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from app.config import Settings
from app.evaluation.benchmark import Benchmark, load_benchmark
from app.evaluation.metrics import ndcg_at, pairwise_loss, recall_at, reciprocal_rank
from app.evaluation.runner import DIRECTIONS, Scores, evaluate, loaded_benchmark

__all__ = [
    "BENCHMARK_DIR",
    "BUILTIN",
    "CHANCE_DRAWS",
    "Row",
    "chance_scores",
    "format_table",
    "resolve",
    "run",
    "timed",
]

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "data" / "benchmarks"
BUILTIN = ("zh", "en", "xling")
CHANCE_DRAWS = 50


@dataclass(frozen=True)
class Row:
    benchmark: str
    direction: str
    scores: Scores
    label: str = ""


def resolve(names: str) -> list[Path]:
    """``all``, a comma list of built-in names (zh, en, xling) or a benchmark directory."""
    if names == "all":
        return [BENCHMARK_DIR / n for n in BUILTIN]
    return [Path(n) if Path(n).is_dir() else BENCHMARK_DIR / n for n in names.split(",")]


def run(
    paths: list[Path], settings: Settings, *, split: str | None, chance: bool, cache: Path | None = None
) -> list[Row]:
    rows: list[Row] = []
    for path in paths:
        bench = load_benchmark(path)
        with loaded_benchmark(bench, settings, cache) as loaded:
            scores = evaluate(loaded, settings, split)
        rows.extend(Row(bench.name, d, scores[d], settings.ranking_mode) for d in DIRECTIONS)
        if chance:
            rows.extend(Row(bench.name, d, s, "chance") for d, s in chance_scores(bench, split).items())
    return rows


def chance_scores(bench: Benchmark, split: str | None, draws: int = CHANCE_DRAWS) -> dict[str, Scores]:
    """The expected metrics of a random order (mean over ``draws`` seeded shuffles)."""
    rng = random.Random(0)
    experts = [e.id for e in bench.experts]
    queries = [q.id for q in bench.queries]
    by_expert = bench.expert_grades()
    cases = {
        DIRECTIONS[0]: [
            (bench.grades[q.id], experts) for q in bench.queries if not split or q.split == split
        ],
        DIRECTIONS[1]: [
            (by_expert[e.id], queries)
            for e in bench.experts
            if e.id in by_expert and (not split or e.split == split)
        ],
    }
    out = {}
    for direction, items in cases.items():
        metrics = []
        for grades, pool in items:
            for _ in range(draws):
                order = rng.sample(pool, len(pool))
                metrics.append(
                    (
                        ndcg_at(order, grades, 10),
                        reciprocal_rank(order, grades),
                        recall_at(order, grades, 50),
                        pairwise_loss(order, grades, pool),
                    )
                )
        cols = list(zip(*metrics, strict=True)) if metrics else [[0.0]] * 4
        out[direction] = Scores(len(items), *(round(fmean(c), 4) for c in cols))
    return out


def format_table(rows: list[Row]) -> str:
    head = "| benchmark | direction | run | queries | nDCG@10 | MRR | Recall@50 | pairwise loss |"
    lines = [head, "|---|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        s = r.scores
        lines.append(
            f"| {r.benchmark} | {r.direction} | {r.label} | {s.queries} | {s.ndcg10:.4f} | "
            f"{s.mrr:.4f} | {s.recall50:.4f} | {s.pairwise_loss:.4f} |"
        )
    return "\n".join(lines)


def timed(
    paths: list[Path], settings: Settings, *, split: str | None, chance: bool, cache: Path | None
) -> tuple[list[Row], float]:
    start = time.perf_counter()
    rows = run(paths, settings, split=split, chance=chance, cache=cache)
    return rows, time.perf_counter() - start
