"""Stage B: the chosen meetings into slots and tables (CP-SAT), and ``solve_event``, both stages.

Stage B first tries to place all of stage A's meetings (``place_all``): stage A is a relaxation,
so when they all fit the schedule reaches its upper bound and is optimal. Otherwise stage B also
chooses (``place_meetings``), among those meetings and every must pair, in the time left.

Phase 1 places as much value as it can (the same lexicographic priorities as stage A) with
nobody in two meetings in a slot, only slots both sides can attend, at most ``tables`` meetings
per slot and an enterprise's ``seats`` at once. Phase 2 keeps that value and makes idle gaps
(empty slots between a person's first and last meeting) as few as it can. Tables are numbered
afterwards: locked meetings keep theirs, an enterprise keeps its table from slot to slot.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from app.matching.event_diagnosis import diagnose, locked_problems, supply_and_demand
from app.matching.events import (
    VALUE_SCALE,
    EventProblem,
    Pair,
    Placed,
    Priorities,
    Schedule,
    SolveStatus,
    allowed_pairs,
    choose_meetings,
    common_slots,
    locked_slots,
    pair_value,
)


@dataclass(frozen=True)
class SolverLimits:
    time_limit_s: float = 10.0
    workers: int = 2
    diagnosis_max_vars: int = 50_000
    diagnosis_time_limit_s: float = 10.0
    # called with a line for each better schedule CP-SAT finds (stage, seconds, objective, bound)
    progress: Callable[[str], None] | None = None


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, report: Callable[[str], None]) -> None:
        super().__init__()
        self.stage, self.report = stage, report

    def on_solution_callback(self) -> None:
        self.report(
            f"{self.stage}: {self.wall_time:.1f} s, objective {self.objective_value:g}, "
            f"bound {self.best_objective_bound:g}"
        )


def _run(
    solver: cp_model.CpSolver, model: cp_model.CpModel, stage: str, limits: SolverLimits
) -> cp_model.CpSolverStatus:
    """Solve, reporting each improving schedule when ``limits.progress`` is set."""
    if limits.progress is None:
        return solver.solve(model)
    return solver.solve(model, _Progress(stage, limits.progress))


def solve_event(problem: EventProblem, limits: SolverLimits | None = None) -> Schedule:
    """Both stages, a repair pass for postdocs left out, and the diagnosis of what is unmet."""
    limits = limits or SolverLimits()
    findings = supply_and_demand(problem)
    bad_locks = locked_problems(problem)
    if bad_locks:
        return Schedule([], SolveStatus.infeasible, 0.0, 1.0, findings=[*findings, *bad_locks])
    pairs = allowed_pairs(problem)
    chosen = choose_meetings(problem, pairs)
    deadline = time.monotonic() + limits.time_limit_s
    everything = place_all(problem, chosen, limits)
    if everything is not None:
        placed, status, gap = everything, SolveStatus.optimal, 0.0  # stage A's bound is reached
    else:
        # Slots couple what stage A counted apart: stage B chooses too, among stage A's meetings
        # and every must pair, in the time left.
        left = replace(limits, time_limit_s=max(1.0, deadline - time.monotonic()))
        placed, status, gap = place_meetings(problem, _with_musts(chosen, pairs), left)
    placed = _repair(problem, pairs, placed)
    meetings = number_tables(problem, placed)
    unplaced = sorted({p.key for p in chosen} - {m.key for m in meetings})
    findings += diagnose(
        problem, pairs, meetings, limits.diagnosis_max_vars, findings, limits.diagnosis_time_limit_s
    )
    objective = _objective(problem, meetings)
    return Schedule(meetings, status, objective, gap, unplaced, findings)


def _with_musts(chosen: list[Pair], pairs: list[Pair]) -> list[Pair]:
    """Stage B also sees every must pair, so one that stage A dropped can still be kept."""
    keys = {p.key for p in chosen}
    return [*chosen, *(p for p in pairs if p.must and p.key not in keys)]


def _objective(problem: EventProblem, meetings: list[Placed]) -> float:
    by_key = {p.key: p for p in problem.pairs}
    total = sum(pair_value(by_key[m.key], problem.weights) for m in meetings if m.key in by_key)
    return total / VALUE_SCALE


class _Model:
    """The CP-SAT placement model over ``candidates`` (locked meetings are constants)."""

    def __init__(self, problem: EventProblem, candidates: list[Pair]) -> None:
        self.problem, self.candidates = problem, candidates
        self.model = cp_model.CpModel()
        busy = locked_slots(problem)
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        for i, pair in enumerate(candidates):
            for s in common_slots(problem, pair, busy):
                self.x[i, s] = self.model.new_bool_var(f"x{i}_{s}")
        self.by_pair: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for (i, _), var in self.x.items():
            self.by_pair[i].append(var)
        for vars_ in self.by_pair.values():
            self.model.add(sum(vars_) <= 1)
        self._capacities()

    def _capacities(self) -> None:
        p, locked = self.problem, self.problem.locked
        used_slot = Counter(m.slot for m in locked)
        used_ent = Counter((m.enterprise, m.slot) for m in locked)
        seats = {e.id: e.seats for e in p.enterprises}
        per_postdoc_slot, per_ent_slot, per_slot = defaultdict(list), defaultdict(list), defaultdict(list)
        for (i, s), var in self.x.items():
            pair = self.candidates[i]
            per_postdoc_slot[pair.postdoc, s].append(var)
            per_ent_slot[pair.enterprise, s].append(var)
            per_slot[s].append(var)
        for vars_ in per_postdoc_slot.values():
            self.model.add(sum(vars_) <= 1)
        for (e, s), vars_ in per_ent_slot.items():
            self.model.add(sum(vars_) <= seats[e] - used_ent[e, s])
        for s, vars_ in per_slot.items():
            self.model.add(sum(vars_) <= p.tables - used_slot[s])
        locked_count = Counter(m.postdoc for m in locked)
        for postdoc, vars_ in self._per_person(lambda pair: pair.postdoc).items():
            self.model.add(sum(vars_) <= p.max_per_postdoc - locked_count[postdoc])

    def _per_person(self, side) -> dict[int, list[cp_model.IntVar]]:  # type: ignore[no-untyped-def]
        out: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for i, vars_ in self.by_pair.items():
            out[side(self.candidates[i])].extend(vars_)
        return out

    def value_objective(self) -> cp_model.LinearExpr:
        p = self.problem
        values = [pair_value(c, p.weights) for c in self.candidates]
        bonus = Priorities.for_values(values, len(p.postdocs), p.min_per_enterprise * len(p.enterprises))
        terms: list[cp_model.LinearExpr] = [
            cp_model.LinearExpr.sum(vars_) * (values[i] + (bonus.must if self.candidates[i].must else 0))
            for i, vars_ in self.by_pair.items()
        ]
        return cp_model.LinearExpr.sum(terms + self._fairness(bonus))

    def _fairness(self, bonus: Priorities) -> list[cp_model.LinearExpr]:
        p, m = self.problem, self.model
        locked_p = Counter(x.postdoc for x in p.locked)
        locked_e = Counter(x.enterprise for x in p.locked)
        terms = []
        for postdoc, vars_ in self._per_person(lambda pair: pair.postdoc).items():
            if not locked_p[postdoc]:
                has = m.new_bool_var(f"has{postdoc}")
                m.add(has <= sum(vars_))
                terms.append(has * bonus.first_meeting)
        for ent, vars_ in self._per_person(lambda pair: pair.enterprise).items():
            need = max(0, p.min_per_enterprise - locked_e[ent])
            if need:
                got = m.new_int_var(0, need, f"min{ent}")
                m.add(got <= sum(vars_))
                terms.append(got * bonus.enterprise_minimum)
        return terms

    def idle_gaps(self) -> cp_model.LinearExpr:
        """Sum over people of (last busy slot − first busy slot − other busy slots)."""
        busy: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        for (i, s), var in self.x.items():
            pair = self.candidates[i]
            busy[pair.postdoc][s].append(var)
            busy[pair.enterprise][s].append(var)
        for m in self.problem.locked:
            busy[m.postdoc][m.slot].append(1)
            busy[m.enterprise][m.slot].append(1)
        return sum(self._span(person, slots) for person, slots in busy.items())  # type: ignore[return-value]

    def _span(self, person: int, slots: dict[int, list]) -> cp_model.LinearExpr:
        m, last_slot = self.model, self.problem.slots - 1
        first = m.new_int_var(0, last_slot, f"first{person}")
        last = m.new_int_var(0, last_slot, f"last{person}")
        m.add(first <= last)
        flags = []
        for s, vars_ in slots.items():
            flag = m.new_bool_var(f"busy{person}_{s}")
            m.add_max_equality(flag, vars_)
            m.add(first <= s).only_enforce_if(flag)
            m.add(last >= s).only_enforce_if(flag)
            flags.append(flag)
        return last - first - sum(flags)

    def placed(self, solver: cp_model.CpSolver) -> list[tuple[Pair, int]]:
        return [(self.candidates[i], s) for (i, s), var in self.x.items() if solver.value(var)]


def place_all(
    problem: EventProblem, candidates: list[Pair], limits: SolverLimits
) -> list[tuple[Pair, int]] | None:
    """Every candidate in a slot, with the fewest idle gaps; None when they do not all fit (or
    no placement was found in a third of the time limit)."""
    if not candidates:
        return []
    built = _Model(problem, candidates)
    if len(built.by_pair) < len(candidates):
        return None  # some pair has no slot left at all
    for vars_ in built.by_pair.values():
        built.model.add(sum(vars_) == 1)
    built.model.minimize(built.idle_gaps())
    solver = _solver(limits, max(1.0, limits.time_limit_s * 0.3))
    if _run(solver, built.model, "place all, idle gaps", limits) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return built.placed(solver)


def place_meetings(
    problem: EventProblem, candidates: list[Pair], limits: SolverLimits
) -> tuple[list[tuple[Pair, int]], SolveStatus, float]:
    """Phase 1 (value) then phase 2 (idle gaps); returns (pair, slot) placements, status, gap."""
    if not candidates:
        return [], SolveStatus.optimal, 0.0
    built = _Model(problem, candidates)
    value = built.value_objective()
    built.model.maximize(value)
    solver = _solver(limits, limits.time_limit_s * 0.7)
    status = _run(solver, built.model, "choose and place", limits)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], SolveStatus.feasible, 1.0  # no placement found in time: locked meetings only
    best, bound = solver.objective_value, solver.best_objective_bound
    gap = 0.0 if status == cp_model.OPTIMAL else (bound - best) / max(1.0, abs(bound))
    placed = built.placed(solver)
    _hint(built, solver)
    built.model.add(value >= round(best))
    built.model.minimize(built.idle_gaps())
    polish = _solver(limits, max(1.0, limits.time_limit_s * 0.3))
    if _run(polish, built.model, "idle gaps", limits) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        placed = built.placed(polish)
    optimal = status == cp_model.OPTIMAL
    return placed, SolveStatus.optimal if optimal else SolveStatus.feasible, gap


def _solver(limits: SolverLimits, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = max(1, limits.workers)
    solver.parameters.random_seed = 1
    return solver


def _hint(built: _Model, solver: cp_model.CpSolver) -> None:
    for var in built.x.values():
        built.model.add_hint(var, solver.value(var))


def _repair(
    problem: EventProblem, pairs: list[Pair], placed: list[tuple[Pair, int]]
) -> list[tuple[Pair, int]]:
    """Greedy pass: a postdoc with no meeting gets its best pair into any slot still free."""
    state = _Occupancy(problem, placed)
    met = {pair.postdoc for pair, _ in placed} | {m.postdoc for m in problem.locked}
    keys = {pair.key for pair, _ in placed}
    for pair in sorted(pairs, key=lambda p: -pair_value(p, problem.weights)):
        if pair.postdoc in met or pair.key in keys:
            continue
        slot = state.free_slot(pair)
        if slot is not None:
            state.take(pair, slot)
            placed.append((pair, slot))
            met.add(pair.postdoc)
    return placed


class _Occupancy:
    def __init__(self, problem: EventProblem, placed: list[tuple[Pair, int]]) -> None:
        self.problem = problem
        self.seats = {e.id: e.seats for e in problem.enterprises}
        self.slot = Counter(m.slot for m in problem.locked)
        self.ent = Counter((m.enterprise, m.slot) for m in problem.locked)
        self.postdoc = {(m.postdoc, m.slot) for m in problem.locked}
        self.count = Counter(m.postdoc for m in problem.locked)
        for pair, s in placed:
            self.take(pair, s)

    def take(self, pair: Pair, s: int) -> None:
        self.slot[s] += 1
        self.ent[pair.enterprise, s] += 1
        self.postdoc.add((pair.postdoc, s))
        self.count[pair.postdoc] += 1

    def free_slot(self, pair: Pair) -> int | None:
        if self.count[pair.postdoc] >= self.problem.max_per_postdoc:
            return None
        for s in common_slots(self.problem, pair):
            if (pair.postdoc, s) in self.postdoc or self.slot[s] >= self.problem.tables:
                continue
            if self.ent[pair.enterprise, s] < self.seats[pair.enterprise]:
                return s
        return None


def number_tables(problem: EventProblem, placed: list[tuple[Pair, int]]) -> list[Placed]:
    """Table numbers: locked meetings keep theirs; an enterprise keeps its last table if free."""
    out = list(problem.locked)
    taken = {(m.slot, m.table) for m in problem.locked}
    last_table: dict[int, int] = {m.enterprise: m.table for m in sorted(problem.locked, key=lambda m: m.slot)}
    for pair, s in sorted(placed, key=lambda ps: (ps[1], ps[0].enterprise, ps[0].postdoc)):
        preferred = last_table.get(pair.enterprise)
        free = [t for t in range(problem.tables) if (s, t) not in taken]
        table = preferred if preferred in free else free[0]
        taken.add((s, table))
        last_table[pair.enterprise] = table
        out.append(Placed(pair.postdoc, pair.enterprise, s, table))
    return sorted(out, key=lambda m: (m.slot, m.table))


__all__ = ["SolverLimits", "number_tables", "place_all", "place_meetings", "solve_event"]
