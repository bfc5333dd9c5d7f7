"""Event assignment at fair scale: the OR-Tools two-stage solver against a greedy baseline.

    python scripts/bench_events.py                      # 400 postdocs × 60 enterprises × 8 slots × 20 tables
    python scripts/bench_events.py --postdocs 40 --enterprises 12 --tables 6

A random instance (seeded): recommender scores uniform in [0, 1); each side states an interest
in about one pair in ten ("must" 2 %, "would like" 6 %, "no" 2 %); each participant misses each
slot with probability 0.2; each enterprise has one table (a fifth have two). Prints one row per
solver: seconds, objective (the value of the placed meetings, app/matching/events.py),
meetings, musts kept, postdocs without a meeting, enterprises below the minimum.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from app.config import Settings
from app.matching.event_schedule import SolverLimits, solve_event
from app.matching.events import (
    VALUE_SCALE,
    EventProblem,
    Pair,
    Person,
    Placed,
    Weights,
    allowed_pairs,
    common_slots,
    pair_value,
)
from models.events import Interest


def instance(args: argparse.Namespace) -> EventProblem:
    rng = random.Random(args.seed)

    def slots() -> frozenset[int]:
        return frozenset(s for s in range(args.slots) if rng.random() > 0.2)

    def interest() -> Interest | None:
        roll = rng.random()
        return (
            Interest.must
            if roll < 0.02
            else Interest.like
            if roll < 0.08
            else Interest.no
            if roll < 0.1
            else None
        )

    postdocs = tuple(Person(i, slots(), f"P{i}") for i in range(1, args.postdocs + 1))
    enterprises = tuple(
        Person(10_000 + j, slots(), f"E{j}", seats=2 if rng.random() < 0.2 else 1)
        for j in range(args.enterprises)
    )
    pairs = tuple(
        Pair(p.id, e.id, rng.random(), interest(), interest()) for p in postdocs for e in enterprises
    )
    settings = Settings()
    return EventProblem(
        slots=args.slots,
        tables=args.tables,
        postdocs=postdocs,
        enterprises=enterprises,
        pairs=pairs,
        max_per_postdoc=settings.event_max_meetings_per_postdoc,
        min_per_enterprise=settings.event_min_meetings_per_enterprise,
        weights=Weights(settings.event_score_weight, settings.event_like_weight, settings.event_must_weight),
    )


def greedy(problem: EventProblem) -> list[Placed]:
    """Musts first, then by value: each pair into the first slot where both are free."""
    seats = {e.id: e.seats for e in problem.enterprises}
    per_slot, per_ent, busy, count = Counter(), Counter(), set(), Counter()
    out = []
    ranked = sorted(allowed_pairs(problem), key=lambda p: (not p.must, -pair_value(p, problem.weights)))
    for pair in ranked:
        if count[pair.postdoc] >= problem.max_per_postdoc:
            continue
        for s in common_slots(problem, pair):
            free = per_slot[s] < problem.tables and per_ent[pair.enterprise, s] < seats[pair.enterprise]
            if free and (pair.postdoc, s) not in busy:
                out.append(Placed(pair.postdoc, pair.enterprise, s, per_slot[s]))
                per_slot[s] += 1
                per_ent[pair.enterprise, s] += 1
                busy.add((pair.postdoc, s))
                count[pair.postdoc] += 1
                break
    return out


def row(name: str, seconds: float, problem: EventProblem, meetings: list[Placed]) -> str:
    by_key = {p.key: p for p in problem.pairs}
    value = sum(pair_value(by_key[m.key], problem.weights) for m in meetings) / VALUE_SCALE
    met = {m.postdoc for m in meetings}
    per_ent = Counter(m.enterprise for m in meetings)
    below = sum(1 for e in problem.enterprises if per_ent[e.id] < problem.min_per_enterprise)
    musts = sum(1 for m in meetings if by_key[m.key].must)
    without = len(problem.postdocs) - len(met)
    return f"| {name} | {seconds:.2f} | {value:.1f} | {len(meetings)} | {musts} | {without} | {below} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postdocs", type=int, default=400)
    parser.add_argument("--enterprises", type=int, default=60)
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--tables", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    problem = instance(args)
    settings = Settings()
    limits = SolverLimits(
        settings.event_solver_time_limit_s, settings.event_solver_workers, settings.event_diagnosis_max_vars
    )
    musts = sum(1 for p in allowed_pairs(problem) if p.must)
    print(
        f"{args.postdocs} postdocs × {args.enterprises} enterprises × {args.slots} slots × "
        f"{args.tables} tables; {len(allowed_pairs(problem))} allowed pairs, {musts} musts; "
        f"time limit {limits.time_limit_s:g} s"
    )
    columns = "objective | meetings | musts kept | postdocs without a meeting | enterprises below minimum"
    print(f"| solver | seconds | {columns} |")
    print("|---|---|---|---|---|---|---|")
    start = time.perf_counter()
    schedule = solve_event(problem, limits)
    print(
        row(
            f"OR-Tools ({schedule.status.value}, gap {schedule.gap:.3f})",
            time.perf_counter() - start,
            problem,
            schedule.meetings,
        )
    )
    start = time.perf_counter()
    baseline = greedy(problem)
    print(row("greedy", time.perf_counter() - start, problem, baseline))
    for finding in schedule.findings:
        print(f"- {finding.group}: {finding.zh} / {finding.en}")


if __name__ == "__main__":
    main()
