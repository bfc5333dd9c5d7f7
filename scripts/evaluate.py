"""Evaluate ranking quality; ``--ablation`` prints the table of docs/evaluation.md.

    python scripts/evaluate.py                       # = jiebang evaluate --benchmark all
    python scripts/evaluate.py --ablation            # every variant, tune and test splits
    python scripts/evaluate.py --ablation --round3 --benchmarks zh,en,xling   # query fields, recency

Each benchmark is loaded once per tokenisation variant; ranking variants (mode, fusion,
aggregation, dense weight) are read at query time, so they reuse the loaded database.
``zh-trad`` is the zh benchmark with its challenges converted to Traditional Chinese (OpenCC
s2t), to measure Traditional → Simplified normalisation.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from statistics import fmean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.evaluation.benchmark import Benchmark, load_benchmark  # noqa: E402
from app.evaluation.report import BENCHMARK_DIR, format_table, resolve, timed  # noqa: E402
from app.evaluation.runner import evaluate, loaded_benchmark  # noqa: E402

# Round 1: one change at a time from the baseline the project started with.
BASELINE: dict[str, object] = {"fusion": "linear", "dense_weight": 0.5, "aggregation": "topk"}
_ROUND1: dict[str, dict[str, object]] = {
    "baseline (linear, w0.5, top-k)": {},
    "lexical only": {"ranking_mode": "lexical"},
    "dense only": {"ranking_mode": "dense"},
    "fusion minmax": {"fusion": "minmax"},
    "fusion rrf": {"fusion": "rrf"},
    "dense weight 0.3": {"dense_weight": 0.3},
    "dense weight 0.7": {"dense_weight": 0.7},
    "aggregation max": {"aggregation": "max"},
    "aggregation mean top-3": {"aggregation": "mean"},
    "aggregation top-5": {"aggregation_top_k": 5},
}
RANKING_VARIANTS = {label: {**BASELINE, **over} for label, over in _ROUND1.items()}


# Second round: combinations of the single changes that won on the tune split.
# Every row names all three values, so the table does not move when the defaults do (it did:
# the rows used to be read on top of the defaults, which became this round's winner).
def _combo(fusion: str, weight: float, aggregation: str) -> dict[str, object]:
    return {"fusion": fusion, "dense_weight": weight, "aggregation": aggregation}


COMBINATIONS: dict[str, dict[str, object]] = {
    "baseline (linear, w0.5, top-k)": BASELINE,
    "lexical only": {**BASELINE, "ranking_mode": "lexical"},
    "dense only": {**BASELINE, "ranking_mode": "dense"},
    "rrf + mean top-3": _combo("rrf", 0.5, "mean"),
    "rrf w0.7 + mean top-3": _combo("rrf", 0.7, "mean"),
    "linear w0.7 + mean top-3": _combo("linear", 0.7, "mean"),
    "minmax w0.7 + mean top-3": _combo("minmax", 0.7, "mean"),
    "minmax w0.7 + top-k": _combo("minmax", 0.7, "topk"),
    "linear w0.7 + top-k": _combo("linear", 0.7, "topk"),
    "minmax w0.8 + mean top-3 (default)": _combo("minmax", 0.8, "mean"),
    "minmax w0.8 + top-k": _combo("minmax", 0.8, "topk"),
    "linear w0.8 + mean top-3": _combo("linear", 0.8, "mean"),
    "minmax w0.9 + mean top-3": _combo("minmax", 0.9, "mean"),
}
# Third round: which challenge fields form the query, one dense scale for all of a postdoc's
# documents (challenges for a postdoc), recency weighting of publications (half-life in years).
# Every row names its values, so the table does not move when defaults do.
_BEFORE3: dict[str, object] = {"query_fields": "all", "reverse_dense_scale": "document"}
_SCALE: dict[str, object] = {**_BEFORE3, "reverse_dense_scale": "postdoc"}
ROUND3: dict[str, dict[str, object]] = {
    "before round 3 (all fields, dense scale per doc)": _BEFORE3,
    "dense scale per postdoc": _SCALE,
    "query: title": {**_SCALE, "query_fields": "title"},
    "query: title + expertise": {**_SCALE, "query_fields": "title_expertise"},
    "query: expertise + description": {**_SCALE, "query_fields": "expertise_description"},
    "query: all, title twice": {**_SCALE, "query_fields": "all_title_twice"},
    "recency half-life 2 y": {**_SCALE, "aggregation_recency_half_life_years": 2.0},
    "recency half-life 5 y": {**_SCALE, "aggregation_recency_half_life_years": 5.0},
    "recency half-life 10 y": {**_SCALE, "aggregation_recency_half_life_years": 10.0},
    "lexical only": {**_SCALE, "ranking_mode": "lexical"},
    "dense only (scale per postdoc)": {**_SCALE, "ranking_mode": "dense"},
    "dense only (scale per doc)": {**_BEFORE3, "ranking_mode": "dense"},
}
TEXT_VARIANTS: dict[str, dict[str, object]] = {
    "no glossary": {"text_glossary": False},
    "no T2S": {"text_t2s": False},
    "+ CJK bigrams": {"text_cjk_bigrams": True},
    "no zh stop words": {"text_zh_stopwords": False},
}
BENCHMARKS = ("zh", "zh-trad", "en", "xling")


def bench_named(name: str) -> Benchmark:
    if name != "zh-trad":
        return load_benchmark(BENCHMARK_DIR / name)
    from opencc import OpenCC

    bench = load_benchmark(BENCHMARK_DIR / "zh")
    cc = OpenCC("s2t")
    for q in bench.queries:
        q.title, q.description = cc.convert(q.title), cc.convert(q.description)
        q.required_expertise = [cc.convert(t) for t in q.required_expertise]
    bench.name = "zh-trad"
    return bench


def score(scores: dict) -> float:
    """The ablation's one figure: mean nDCG@10 over both directions."""
    return round(fmean(s.ndcg10 for s in scores.values()), 4)


def ablation(
    base: Settings, cache: Path, names: tuple[str, ...], *, combinations: bool = False, round3: bool = False
) -> None:
    rows: list[tuple[str, str, float, float]] = []
    groups: list[tuple[dict[str, object], dict[str, dict[str, object]]]]
    if round3:
        groups = [({}, ROUND3)]
    elif combinations:
        groups = [({}, COMBINATIONS)]
    else:
        groups = [({}, RANKING_VARIANTS)]
        groups += [(over, {label: BASELINE}) for label, over in TEXT_VARIANTS.items()]
    for name in names:
        bench = bench_named(name)
        for text_over, ranking in groups:
            loaded_settings = base.model_copy(update=text_over)
            with loaded_benchmark(bench, loaded_settings, cache) as loaded:
                for label, rank_over in ranking.items():
                    settings = loaded_settings.model_copy(update=rank_over)
                    tune = score(evaluate(loaded, settings, "tune"))
                    test = score(evaluate(loaded, settings, "test"))
                    rows.append((name, label, tune, test))
                    print(f"{name:8s} {label:48s} tune {tune:.4f}  test {test:.4f}", flush=True)
    print()
    print("| benchmark | variant | nDCG@10 tune | nDCG@10 test |")
    print("|---|---|---:|---:|")
    for name, label, tune, test in rows:
        print(f"| {name} | {label} | {tune:.4f} | {test:.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--benchmark", default="all")
    parser.add_argument("--split", default="all", choices=["all", "tune", "test"])
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--combinations", action="store_true", help="ablation: the second round")
    parser.add_argument("--round3", action="store_true", help="ablation: query fields, dense scale, recency")
    parser.add_argument("--benchmarks", default=",".join(BENCHMARKS), help="ablation benchmarks")
    args = parser.parse_args()
    base = Settings()
    cache = base.data_dir / "eval-vectors.db"
    if args.ablation:
        start = time.perf_counter()
        names = tuple(args.benchmarks.split(","))
        ablation(base, cache, names, combinations=args.combinations, round3=args.round3)
        print(f"seconds={time.perf_counter() - start:.1f}")
        return
    split = None if args.split == "all" else args.split
    rows, seconds = timed(resolve(args.benchmark), base, split=split, chance=True, cache=cache)
    print(format_table(rows))
    print(f"model={base.model} seconds={seconds:.1f}")


if __name__ == "__main__":
    main()
