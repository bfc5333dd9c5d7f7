"""Random event instances (hypothesis), the hard rules every schedule must keep, and a brute-force
optimum for tiny instances."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

from hypothesis import strategies as st

from app.matching.events import (
    EventProblem,
    Pair,
    Person,
    Placed,
    Weights,
    allowed_pairs,
    common_slots,
    locked_slots,
    pair_value,
)
from models.events import Interest

INTERESTS = [None, None, Interest.like, Interest.must, Interest.no]


@st.composite
def problems(
    draw: st.DrawFn,
    max_postdocs: int = 5,
    max_enterprises: int = 3,
    max_slots: int = 4,
    full_availability: bool = False,
    with_locked: bool = True,
) -> EventProblem:
    slots = draw(st.integers(1, max_slots))
    tables = draw(st.integers(1, 3))
    all_slots = frozenset(range(slots))

    def availability() -> frozenset[int]:
        if full_availability:
            return all_slots
        return frozenset(draw(st.sets(st.integers(0, slots - 1), max_size=slots)))

    postdocs = tuple(
        Person(i, availability(), f"P{i}") for i in range(1, draw(st.integers(1, max_postdocs)) + 1)
    )
    enterprises = tuple(
        Person(100 + j, availability(), f"E{j}", seats=draw(st.integers(1, 2)))
        for j in range(draw(st.integers(1, max_enterprises)))
    )
    pairs = tuple(
        Pair(
            p.id,
            e.id,
            draw(st.integers(0, 100)) / 100,
            draw(st.sampled_from(INTERESTS)),
            draw(st.sampled_from(INTERESTS)),
        )
        for p in postdocs
        for e in enterprises
    )
    conflicts = frozenset(pair.key for pair in pairs if draw(st.integers(0, 9)) == 0)  # about one pair in ten
    problem = EventProblem(
        slots=slots,
        tables=tables,
        postdocs=postdocs,
        enterprises=enterprises,
        pairs=pairs,
        max_per_postdoc=draw(st.integers(1, 3)),
        min_per_enterprise=draw(st.integers(0, 2)),
        conflicts=conflicts,
        weights=Weights(),
    )
    if not with_locked:
        return problem
    return _with_valid_locks(problem, draw(st.integers(0, 2)), draw(st.randoms(use_true_random=False)))


def _with_valid_locks(problem: EventProblem, wanted: int, rng) -> EventProblem:  # type: ignore[no-untyped-def]
    """Lock up to ``wanted`` meetings that keep every hard rule among themselves."""
    locked: list[Placed] = []
    for pair in rng.sample(list(allowed_pairs(problem)), k=min(wanted, len(allowed_pairs(problem)))):
        trial = replace(problem, locked=tuple(locked))
        if pair.key in {m.key for m in locked}:
            continue
        for s in common_slots(trial, pair, locked_slots(trial)):
            free = [t for t in range(problem.tables) if (s, t) not in {(m.slot, m.table) for m in locked}]
            seats = {e.id: e.seats for e in problem.enterprises}[pair.enterprise]
            busy = sum(1 for m in locked if m.enterprise == pair.enterprise and m.slot == s)
            count = sum(1 for m in locked if m.postdoc == pair.postdoc)
            if free and busy < seats and count < problem.max_per_postdoc:
                locked.append(Placed(pair.postdoc, pair.enterprise, s, free[0], locked=True))
                break
    return replace(problem, locked=tuple(locked))


def violations(problem: EventProblem, meetings: list[Placed]) -> list[str]:
    """Every hard rule a schedule breaks (empty for a valid one)."""
    people = problem.people()
    seats = {e.id: e.seats for e in problem.enterprises}
    by_key = {p.key: p for p in problem.pairs}
    out = []
    checks = [
        (Counter((m.postdoc, m.slot) for m in meetings), 1, "postdoc double-booked"),
        (Counter((m.slot, m.table) for m in meetings), 1, "table double-booked"),
        (Counter(m.key for m in meetings), 1, "pair met twice"),
    ]
    for counts, limit, label in checks:
        out += [f"{label}: {k}" for k, n in counts.items() if n > limit]
    per_ent = Counter((m.enterprise, m.slot) for m in meetings)
    out += [f"enterprise over its tables: {k}" for k, n in per_ent.items() if n > seats[k[0]]]
    per_postdoc = Counter(m.postdoc for m in meetings)
    out += [f"postdoc over max: {k}" for k, n in per_postdoc.items() if n > problem.max_per_postdoc]
    for m in meetings:
        if not (0 <= m.slot < problem.slots and 0 <= m.table < problem.tables):
            out.append(f"outside the grid: {m}")
        if m.slot not in people[m.postdoc].slots or m.slot not in people[m.enterprise].slots:
            out.append(f"unavailable: {m}")
        if m.key in problem.conflicts or by_key[m.key].refused:
            out.append(f"refused or conflicting: {m}")
    return out


def lexicographic(problem: EventProblem, keys: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    """(musts kept, postdocs with a meeting, enterprise minimum units, value) of a meeting set."""
    by_key = {p.key: p for p in problem.pairs}
    per_e = Counter(e for _, e in keys)
    return (
        sum(1 for k in keys if by_key[k].must),
        len({p for p, _ in keys}),
        sum(min(per_e[e.id], problem.min_per_enterprise) for e in problem.enterprises),
        sum(pair_value(by_key[k], problem.weights) for k in keys),
    )


def brute_force_best(problem: EventProblem) -> tuple[int, int, int, int]:
    """The lexicographic optimum over every schedule (tiny instances only)."""
    pairs = allowed_pairs(problem)
    busy = locked_slots(problem)
    options = [[None, *common_slots(problem, p, busy)] for p in pairs]
    seats = {e.id: e.seats for e in problem.enterprises}
    locked = problem.locked
    best = None
    for choice in itertools.product(*options):
        slot_use = Counter(m.slot for m in locked)
        ent_use = Counter((m.enterprise, m.slot) for m in locked)
        person_use = Counter((m.postdoc, m.slot) for m in locked)
        count = Counter(m.postdoc for m in locked)
        ok = True
        for pair, s in zip(pairs, choice, strict=True):
            if s is None:
                continue
            slot_use[s] += 1
            ent_use[pair.enterprise, s] += 1
            person_use[pair.postdoc, s] += 1
            count[pair.postdoc] += 1
            if (
                slot_use[s] > problem.tables
                or ent_use[pair.enterprise, s] > seats[pair.enterprise]
                or person_use[pair.postdoc, s] > 1
                or count[pair.postdoc] > problem.max_per_postdoc
            ):
                ok = False
                break
        if not ok:
            continue
        keys = [m.key for m in locked] + [p.key for p, s in zip(pairs, choice, strict=True) if s is not None]
        value = lexicographic(problem, keys)
        best = value if best is None or value > best else best
    assert best is not None  # choosing nothing is always a schedule
    return best
