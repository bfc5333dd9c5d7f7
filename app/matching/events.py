"""Meeting assignment for matchmaking events (产才对接), in two stages on OR-Tools.

Stage A (``choose_meetings``, min-cost flow) picks which postdoc–enterprise meetings take place;
stage B (``app.matching.event_schedule``, CP-SAT) puts them into slots and tables. Pure logic:
participants, pairs and locked meetings come in as plain values, a ``Schedule`` goes out.

Priorities, each worth more than everything below it together (lexicographic):
  1. "must" requests kept;  2. every postdoc at least one meeting;
  3. each enterprise up to its minimum;  4. the value of the meetings, which is
     ``score_weight × recommender score + like_weight × likes + must_weight × musts`` (per side).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from ortools.graph.python import min_cost_flow

from models.events import Interest

VALUE_SCALE = 100  # pair values become integers in hundredths


@dataclass(frozen=True)
class Person:
    """A participant as the solver sees it: its id, the slots it can attend, how many meetings it
    holds at once (an enterprise's tables; 1 for a postdoc) and a name for messages."""

    id: int
    slots: frozenset[int]
    label: str = ""
    seats: int = 1


@dataclass(frozen=True)
class Pair:
    """A possible meeting: the recommender's score and each side's stated interest (or None)."""

    postdoc: int
    enterprise: int
    score: float = 0.0
    postdoc_interest: Interest | None = None
    enterprise_interest: Interest | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.postdoc, self.enterprise)

    @property
    def refused(self) -> bool:
        return Interest.no in (self.postdoc_interest, self.enterprise_interest)

    @property
    def must(self) -> bool:
        return not self.refused and Interest.must in (self.postdoc_interest, self.enterprise_interest)


@dataclass(frozen=True)
class Placed:
    """A meeting in the timetable (slot and table are 0-based)."""

    postdoc: int
    enterprise: int
    slot: int
    table: int
    locked: bool = False

    @property
    def key(self) -> tuple[int, int]:
        return (self.postdoc, self.enterprise)


@dataclass(frozen=True)
class Weights:
    """Objective weights (``Settings.event_*_weight``; docs/events.md)."""

    score: float = 1.0
    like: float = 0.5
    must: float = 1.0
    idle_gap: float = 1.0  # stage B: per empty slot between a person's first and last meeting


@dataclass(frozen=True)
class EventProblem:
    slots: int
    tables: int
    postdocs: tuple[Person, ...]
    enterprises: tuple[Person, ...]
    pairs: tuple[Pair, ...]
    max_per_postdoc: int
    min_per_enterprise: int = 0
    conflicts: frozenset[tuple[int, int]] = frozenset()  # (postdoc, enterprise) never paired
    locked: tuple[Placed, ...] = ()
    weights: Weights = field(default_factory=Weights)

    def people(self) -> dict[int, Person]:
        """Participants by id (built once; the problem is immutable)."""
        return self._people

    @cached_property
    def _people(self) -> dict[int, Person]:
        return {p.id: p for p in (*self.postdocs, *self.enterprises)}


class SolveStatus(StrEnum):
    optimal = "optimal"
    feasible = "feasible"  # stopped at the time limit: the best schedule so far, with its gap
    infeasible = "infeasible"  # the locked meetings themselves cannot stand


@dataclass(frozen=True)
class Finding:
    """One diagnosis line: the constraint group it names, the message in both languages and the
    participants (or pairs) involved."""

    group: str
    zh: str
    en: str
    items: tuple[int, ...] = ()

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class Schedule:
    meetings: list[Placed]
    status: SolveStatus
    objective: float  # total value of the placed meetings (in value units)
    gap: float  # stage B relative gap when stopped at the time limit (0 when optimal)
    unplaced: list[tuple[int, int]] = field(default_factory=list)  # chosen in A, no slot in B
    findings: list[Finding] = field(default_factory=list)


def allowed_pairs(problem: EventProblem) -> list[Pair]:
    """Pairs that may meet: not refused, no conflict, a common free slot, not already locked."""
    people = problem.people()
    locked = {m.key for m in problem.locked}
    busy = locked_slots(problem)
    out = []
    for pair in problem.pairs:
        if pair.refused or pair.key in problem.conflicts or pair.key in locked:
            continue
        if pair.postdoc not in people or pair.enterprise not in people:
            continue
        if common_slots(problem, pair, busy):
            out.append(pair)
    return out


def locked_slots(problem: EventProblem) -> dict[int, set[int]]:
    """Slots each postdoc already spends in a locked meeting."""
    busy: dict[int, set[int]] = {}
    for m in problem.locked:
        busy.setdefault(m.postdoc, set()).add(m.slot)
    return busy


def common_slots(problem: EventProblem, pair: Pair, busy: dict[int, set[int]] | None = None) -> list[int]:
    people = problem.people()
    taken = (busy or {}).get(pair.postdoc, set())
    both = people[pair.postdoc].slots & people[pair.enterprise].slots
    return sorted(s for s in both if 0 <= s < problem.slots and s not in taken)


def lexicographic(problem: EventProblem, keys: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    """(musts kept, postdocs with a meeting, enterprise minimum units, value) of a meeting set,
    compared in that order."""
    by_key = {p.key: p for p in problem.pairs}
    per_e = Counter(e for _, e in keys)
    return (
        sum(1 for k in keys if k in by_key and by_key[k].must),
        len({p for p, _ in keys}),
        sum(min(per_e[e.id], problem.min_per_enterprise) for e in problem.enterprises),
        sum(pair_value(by_key[k], problem.weights) for k in keys if k in by_key),
    )


def pair_value(pair: Pair, weights: Weights) -> int:
    """A pair's value in hundredths: weighted recommender score plus both sides' interest."""
    sides = (pair.postdoc_interest, pair.enterprise_interest)
    value = weights.score * max(pair.score, 0.0)
    value += weights.like * sides.count(Interest.like) + weights.must * sides.count(Interest.must)
    return round(value * VALUE_SCALE)


@dataclass(frozen=True)
class Priorities:
    """Integer bonuses that make the priorities lexicographic (see the module docstring)."""

    must: int
    first_meeting: int
    enterprise_minimum: int

    @classmethod
    def for_values(cls, values: list[int], postdocs: int, minimum_units: int) -> Priorities:
        enterprise_minimum = sum(values) + 1
        first = enterprise_minimum * (minimum_units + 1)
        return cls(must=first * (postdocs + 1), first_meeting=first, enterprise_minimum=enterprise_minimum)


def postdoc_capacity(problem: EventProblem, person: Person) -> int:
    """Meetings a postdoc can still take: the maximum, its free slots, less its locked ones."""
    locked = sum(1 for m in problem.locked if m.postdoc == person.id)
    free = len([s for s in person.slots if 0 <= s < problem.slots]) - locked
    return max(0, min(problem.max_per_postdoc - locked, free))


def enterprise_capacity(problem: EventProblem, person: Person) -> int:
    locked = sum(1 for m in problem.locked if m.enterprise == person.id)
    slots = len([s for s in person.slots if 0 <= s < problem.slots])
    return max(0, person.seats * slots - locked)


def choose_meetings(problem: EventProblem, pairs: list[Pair]) -> list[Pair]:
    """Stage A: the meetings to hold, as a min-cost flow source → postdoc → enterprise → sink.

    A postdoc's first unit of flow and an enterprise's first ``min_per_enterprise`` units carry
    the fairness bonuses; a pair arc carries its value (and the must bonus). A bypass arc lets
    flow skip everything, so the flow is always feasible and only gains are taken.
    """
    if not pairs:
        return []
    values = [pair_value(p, problem.weights) for p in pairs]
    bonus = Priorities.for_values(values, len(problem.postdocs), _minimum_units(problem))
    graph = _FlowGraph(problem, bonus)
    arcs = [graph.pair_arc(p, v + (bonus.must if p.must else 0)) for p, v in zip(pairs, values, strict=True)]
    flow = graph.solve()
    return [p for p, arc in zip(pairs, arcs, strict=True) if flow.flow(arc) > 0]


def _minimum_units(problem: EventProblem) -> int:
    return problem.min_per_enterprise * len(problem.enterprises)


class _FlowGraph:
    def __init__(self, problem: EventProblem, bonus: Priorities) -> None:
        self.flow = min_cost_flow.SimpleMinCostFlow()
        self.node = {p.id: i + 2 for i, p in enumerate((*problem.postdocs, *problem.enterprises))}
        self.source, self.sink, self.total = 0, 1, len(self.node) + 2
        self.supply = 0
        locked = Counter(m.postdoc for m in problem.locked)
        for p in problem.postdocs:
            cap = postdoc_capacity(problem, p)
            first = 0 if locked[p.id] else min(1, cap)
            self._arc(self.source, self.node[p.id], first, -bonus.first_meeting)
            self._arc(self.source, self.node[p.id], cap - first, 0)
            self.supply += cap
        self._enterprise_arcs(problem, bonus)
        self._arc(self.source, self.sink, self.supply, 0)  # unused supply bypasses

    def _enterprise_arcs(self, problem: EventProblem, bonus: Priorities) -> None:
        locked = Counter(m.enterprise for m in problem.locked)
        capacity = max(0, problem.tables * problem.slots - len(problem.locked))
        for e in problem.enterprises:
            cap = enterprise_capacity(problem, e)
            first = min(cap, max(0, problem.min_per_enterprise - locked[e.id]))
            self._arc(self.node[e.id], self.total, first, -bonus.enterprise_minimum)
            self._arc(self.node[e.id], self.total, cap - first, 0)
        self._arc(self.total, self.sink, capacity, 0)  # tables × slots for the whole event

    def _arc(self, tail: int, head: int, capacity: int, cost: int) -> int:
        return self.flow.add_arc_with_capacity_and_unit_cost(tail, head, max(0, capacity), cost)

    def pair_arc(self, pair: Pair, value: int) -> int:
        return self._arc(self.node[pair.postdoc], self.node[pair.enterprise], 1, -value)

    def solve(self) -> min_cost_flow.SimpleMinCostFlow:
        self.flow.set_node_supply(self.source, self.supply)
        self.flow.set_node_supply(self.sink, -self.supply)
        status = self.flow.solve()
        if status != self.flow.OPTIMAL:  # cannot happen: the bypass keeps it feasible
            raise RuntimeError(f"min-cost flow failed with status {status}")
        return self.flow


__all__ = [
    "VALUE_SCALE",
    "EventProblem",
    "Finding",
    "Pair",
    "Person",
    "Placed",
    "Priorities",
    "Schedule",
    "SolveStatus",
    "Weights",
    "allowed_pairs",
    "choose_meetings",
    "common_slots",
    "enterprise_capacity",
    "lexicographic",
    "locked_slots",
    "pair_value",
    "postdoc_capacity",
]
