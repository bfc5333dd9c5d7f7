"""Why an event's requirements cannot all be met, and what to change: in Chinese and English.

Before solving, supply and demand are counted (``supply_and_demand``) and locked meetings are
checked against each other (``locked_problems``). After solving, when a must request, a
postdoc's first meeting or an enterprise's minimum is unmet, a feasibility model asserts every
requirement under a CP-SAT assumption literal; the infeasible core, shrunk by deletion, names
the constraint groups responsible (``diagnose``).

Groups: ``tables`` (meetings per slot), ``enterprise_tables`` (an enterprise's meetings at once),
``postdoc_max`` (meetings per postdoc), ``availability`` (slots people can attend), and the
requirements ``must``, ``locked``, ``postdoc_minimum``, ``enterprise_minimum``.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from app.matching import event_messages as messages
from app.matching.events import EventProblem, Finding, Pair, Placed

STRUCTURAL = ("tables", "enterprise_tables", "postdoc_max", "availability")
SHOWN_NAMES = messages.SHOWN


def supply_and_demand(problem: EventProblem) -> list[Finding]:
    """Counts before solving: meetings wanted against tables × slots, minimums against supply."""
    slots, tables = problem.slots, problem.tables
    capacity = tables * slots
    n = len(problem.postdocs)
    wanted = _wanted(problem)
    out = []
    if n > capacity:
        add = math.ceil(n / slots) - tables
        out.append(
            Finding(
                "tables",
                f"每位博士后至少 1 场需要 {n} 场，容量 {capacity} 场（{tables} 张桌子 × {slots} 个时段）："
                f"至少增加 {add} 张桌子",
                f"One meeting per postdoc needs {n} meetings, capacity is {capacity} "
                f"({tables} tables × {slots} slots): add at least {messages.plural(add, 'table')}",
            )
        )
    elif wanted > capacity:
        out.append(_demand_finding(wanted, capacity, tables, slots, n))
    out += _minimum_counts(problem, capacity)
    return out + _without_candidates(problem)


def _without_candidates(problem: EventProblem) -> list[Finding]:
    """Postdocs whom every enterprise refused, or who conflict with all of them."""
    possible = {p.postdoc for p in diagnosis_pairs(problem)}
    alone = [p.id for p in problem.postdocs if p.id not in possible]
    if not alone:
        return []
    zh, en = messages.names(problem, alone)
    return [
        Finding(
            "no_candidates",
            f"{zh} 没有可以会谈的企业（都被拒绝或有利益冲突）：邀请更多企业，或请他们重新选择",
            f"{en} cannot meet any enterprise (all refused or in conflict): "
            "invite more enterprises, or ask them to choose again",
            tuple(alone),
        )
    ]


def _wanted(problem: EventProblem) -> int:
    """Meetings the postdocs would take: each its maximum, its slots or its partners, if fewer."""
    partners = Counter(p.postdoc for p in diagnosis_pairs(problem))
    return sum(min(problem.max_per_postdoc, len(p.slots), partners[p.id]) for p in problem.postdocs)


def _demand_finding(wanted: int, capacity: int, tables: int, slots: int, n: int) -> Finding:
    add = math.ceil(wanted / slots) - tables
    limit = capacity // n
    return Finding(
        "demand",
        f"需求 {wanted} 场，容量 {capacity} 场：增加 {add} 张桌子或把每人会谈上限降到 {limit}",
        f"Demand {wanted} meetings, capacity {capacity}: add {messages.plural(add, 'table')} "
        f"or lower the per-postdoc limit to {limit}",
    )


def _minimum_counts(problem: EventProblem, capacity: int) -> list[Finding]:
    wanted = problem.min_per_enterprise * len(problem.enterprises)
    supply = min(capacity, _wanted(problem))
    if not problem.enterprises or wanted <= supply:
        return []
    lower = supply // len(problem.enterprises)
    return [
        Finding(
            "enterprise_minimum",
            f"企业最少会谈合计 {wanted} 场，最多只能安排 {supply} 场：把每家企业最少会谈数降到 {lower}",
            f"Enterprise minimums add up to {wanted} meetings, at most {supply} can be held: "
            f"lower the minimum per enterprise to {lower}",
        )
    ]


def locked_problems(problem: EventProblem) -> list[Finding]:
    """Locked meetings that break a hard rule on their own (double booking, table, slot)."""
    bad: list[int] = []
    seen_cell, seen_person = set(), set()
    seats = {e.id: e.seats for e in problem.enterprises}
    people = problem.people()
    per_ent = Counter((m.enterprise, m.slot) for m in problem.locked)
    for i, m in enumerate(problem.locked):
        cell, person = (m.slot, m.table), (m.postdoc, m.slot)
        outside = not (0 <= m.slot < problem.slots and 0 <= m.table < problem.tables)
        absent = m.postdoc not in people or m.enterprise not in people
        unavailable = absent or any(m.slot not in people[x].slots for x in (m.postdoc, m.enterprise))
        crowded = per_ent[m.enterprise, m.slot] > seats.get(m.enterprise, 1)
        if outside or unavailable or crowded or cell in seen_cell or person in seen_person:
            bad.append(i)
        seen_cell.add(cell)
        seen_person.add(person)
    return [_locked_finding(problem, bad)] if bad else []


def _locked_finding(problem: EventProblem, bad: list[int]) -> Finding:
    people = problem.people()
    shown = [problem.locked[i] for i in bad[:SHOWN_NAMES]]

    def label(m: Placed) -> str:
        names = [people[x].label if x in people else f"#{x}" for x in (m.postdoc, m.enterprise)]
        return f"{names[0]}–{names[1]} ({m.slot + 1}/{m.table + 1})"

    listed = ", ".join(label(m) for m in shown)
    return Finding(
        "locked",
        f"锁定的会谈互相冲突或不在可参加时段：{listed}：解锁或移动这些会谈",
        f"Locked meetings clash or fall outside attendable slots: {listed}: unlock or move them",
        tuple(bad),
    )


def unmet(problem: EventProblem, pairs: list[Pair], meetings: list[Placed]) -> dict[str, list[int]]:
    """Requirements the schedule misses: must pair indexes (into ``pairs``), postdoc and
    enterprise ids."""
    keys = {m.key for m in meetings}
    per_p = Counter(m.postdoc for m in meetings)
    per_e = Counter(m.enterprise for m in meetings)
    with_pairs_p = {p.postdoc for p in pairs}
    with_pairs_e = {p.enterprise for p in pairs}
    return {
        "must": [i for i, p in enumerate(pairs) if p.must and p.key not in keys],
        "postdoc_minimum": [p.id for p in problem.postdocs if p.id in with_pairs_p and not per_p[p.id]],
        "enterprise_minimum": [
            e.id
            for e in problem.enterprises
            if e.id in with_pairs_e and per_e[e.id] < problem.min_per_enterprise
        ],
    }


def diagnose(
    problem: EventProblem,
    pairs: list[Pair],
    meetings: list[Placed],
    max_vars: int,
    known: list[Finding],
    time_limit_s: float = 10.0,
) -> list[Finding]:
    """Findings for what ``meetings`` leave unmet ([] when every requirement is met)."""
    candidates = diagnosis_pairs(problem)
    if not any(unmet(problem, candidates, meetings).values()):
        return []
    if len(candidates) * problem.slots > max_vars:
        return [] if known else [messages.too_large(len(candidates) * problem.slots)]
    feasibility = Feasibility(problem, candidates, time_limit_s)
    core = feasibility.minimal_core()
    if core is None:
        return [messages.solver_limit()]
    if isinstance(core, Unknown):
        return [] if known else [messages.undetermined(time_limit_s)]
    return feasibility.findings(core)


def diagnosis_pairs(problem: EventProblem) -> list[Pair]:
    """Every pair that no answer or conflict excludes (locked ones included)."""
    people = problem.people()
    return [
        p
        for p in problem.pairs
        if not p.refused and p.key not in problem.conflicts and p.postdoc in people and p.enterprise in people
    ]


class Unknown:
    """The feasibility model was not decided within the diagnosis time limit."""


UNKNOWN = Unknown()


class Feasibility:
    """Every requirement and structural rule behind its own assumption literal."""

    def __init__(self, problem: EventProblem, pairs: list[Pair], time_limit_s: float = 10.0) -> None:
        self.problem, self.pairs = problem, pairs
        self.deadline = time.monotonic() + time_limit_s
        self.model = cp_model.CpModel()
        self.literals: list[tuple[cp_model.IntVar, str, int]] = []  # (literal, group, item)
        self._last = cp_model.CpSolver()
        self.x = {
            (i, s): self.model.new_bool_var(f"x{i}_{s}")
            for i in range(len(pairs))
            for s in range(problem.slots)
        }
        self._hard()
        self._structural()
        self._requirements()

    def _lit(self, group: str, item: int = -1) -> cp_model.IntVar:
        lit = self.model.new_bool_var(f"{group}{item}")
        self.literals.append((lit, group, item))
        return lit

    def _sum(self, keep) -> cp_model.LinearExpr:  # type: ignore[no-untyped-def]
        return sum(v for (i, s), v in self.x.items() if keep(self.pairs[i], s))  # type: ignore[return-value]

    def _hard(self) -> None:
        slots = range(self.problem.slots)
        for i in range(len(self.pairs)):
            self.model.add(sum(self.x[i, s] for s in slots) <= 1)
        by_postdoc_slot = defaultdict(list)
        for (i, s), v in self.x.items():
            by_postdoc_slot[self.pairs[i].postdoc, s].append(v)
        for vars_ in by_postdoc_slot.values():
            self.model.add(sum(vars_) <= 1)

    def _structural(self) -> None:
        p = self.problem
        groups: dict[tuple[str, int, int], list] = defaultdict(list)
        for (i, s), v in self.x.items():
            groups["slot", s, 0].append(v)
            groups["ent", self.pairs[i].enterprise, s].append(v)
            groups["postdoc", self.pairs[i].postdoc, 0].append(v)
        seats = {e.id: e.seats for e in p.enterprises}
        tables, per_ent, max_p = self._lit("tables"), self._lit("enterprise_tables"), self._lit("postdoc_max")
        for key, vars_ in groups.items():
            if key[0] == "slot":
                self.model.add(sum(vars_) <= p.tables).only_enforce_if(tables)
            elif key[0] == "ent":
                self.model.add(sum(vars_) <= seats[key[1]]).only_enforce_if(per_ent)
            else:
                self.model.add(sum(vars_) <= p.max_per_postdoc).only_enforce_if(max_p)
        people, available = p.people(), self._lit("availability")
        for (i, s), v in self.x.items():
            pair = self.pairs[i]
            if s not in people[pair.postdoc].slots or s not in people[pair.enterprise].slots:
                self.model.add(v == 0).only_enforce_if(available)

    def _requirements(self) -> None:
        p = self.problem
        index = {pair.key: i for i, pair in enumerate(self.pairs)}
        for i, pair in enumerate(self.pairs):
            if pair.must:
                self.model.add(self._sum(lambda q, _s, k=pair.key: q.key == k) == 1).only_enforce_if(
                    self._lit("must", i)
                )
        for n, m in enumerate(p.locked):
            if m.key in index and 0 <= m.slot < p.slots:
                self.model.add(self.x[index[m.key], m.slot] == 1).only_enforce_if(self._lit("locked", n))
        with_pairs = {q.postdoc for q in self.pairs} | {q.enterprise for q in self.pairs}
        for person in p.postdocs:
            if person.id in with_pairs:
                total = self._sum(lambda q, _s, pid=person.id: q.postdoc == pid)
                self.model.add(total >= 1).only_enforce_if(self._lit("postdoc_minimum", person.id))
        for person in p.enterprises:
            if person.id in with_pairs and p.min_per_enterprise:
                total = self._sum(lambda q, _s, eid=person.id: q.enterprise == eid)
                minimum = self._lit("enterprise_minimum", person.id)
                self.model.add(total >= p.min_per_enterprise).only_enforce_if(minimum)

    def infeasible(self, assumed: list[int]) -> bool | None:
        """True/False, or None when the solver ran out of time."""
        self.model.clear_assumptions()
        self.model.add_assumptions([self.literals[k][0] for k in assumed])
        left = self.deadline - time.monotonic()
        if left <= 0:
            return None
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # cores of assumptions come from the sequential search
        solver.parameters.linearization_level = 2  # counting arguments (pigeonhole) need the LP
        solver.parameters.max_time_in_seconds = left
        status = solver.solve(self.model)
        if status == cp_model.UNKNOWN:
            return None
        self._last = solver
        return status == cp_model.INFEASIBLE

    def rules(self) -> list[int]:
        return [k for k, (_, group, _) in enumerate(self.literals) if group in STRUCTURAL]

    def minimal_core(self) -> list[int] | Unknown | None:
        """Literal indexes naming why the requirements fail; None when they can all be met.

        The rules come first, as they are what HR changes: those whose relaxation alone makes
        the requirements feasible are each named (alternative fixes); when no single one does,
        a minimal set of rules to relax together is; none when the requirements clash among
        themselves. Then the requirements are shrunk (deletion, every rule enforced), in the time
        left, so each one named is needed.
        """
        rules = self.rules()
        needs = [k for k in range(len(self.literals)) if k not in rules]
        verdict = self.infeasible(rules + needs)
        if verdict is None:
            return UNKNOWN
        if not verdict:
            return None
        hinted = set(self._last.sufficient_assumptions_for_infeasibility())
        seed = [k for k in needs if self.literals[k][0].index in hinted]
        if seed and self.infeasible(rules + seed):
            needs = seed  # the solver's own core of assumptions
        named = [] if self.infeasible(needs) else self._culprits(rules, needs)
        for k in list(needs):
            trial = [c for c in needs if c != k]
            if self.infeasible(rules + trial):
                needs = trial
        return named + needs

    def _culprits(self, rules: list[int], needs: list[int]) -> list[int]:
        alone = [k for k in rules if self.infeasible(needs + [r for r in rules if r != k]) is False]
        return alone or self._correction_set(rules, needs)

    def _correction_set(self, rules: list[int], needs: list[int]) -> list[int]:
        """Rules to relax together: each added back in turn unless it breaks feasibility (a rule
        undecided in the time left is not named)."""
        kept: list[int] = []
        relax: list[int] = []
        for k in rules:
            verdict = self.infeasible([*needs, *kept, k])
            if verdict is False:
                kept.append(k)
            elif verdict:
                relax.append(k)
        return relax

    def findings(self, core: list[int]) -> list[Finding]:
        """One finding per group of the core, structural rules first, each with its fix."""
        groups: dict[str, list[int]] = defaultdict(list)
        for k in core:
            _, group, item = self.literals[k]
            groups[group].append(item)
        involved = self._involved(groups)
        order = [*STRUCTURAL, "locked", "must", "postdoc_minimum", "enterprise_minimum"]
        out = []
        for group in (g for g in order if g in groups):
            fix = self.smallest_fix(core, group) if group in ("tables", "postdoc_max") else None
            out.append(messages.finding(self.problem, self.pairs, group, groups[group], involved, fix))
        return out

    def _involved(self, groups: dict[str, list[int]]) -> list[int]:
        """The people the core's requirements are about, in order of appearance."""
        people: list[int] = []
        for i in groups.get("must", []):
            people += [self.pairs[i].postdoc, self.pairs[i].enterprise]
        for n in groups.get("locked", []):
            people += [self.problem.locked[n].postdoc, self.problem.locked[n].enterprise]
        people += groups.get("postdoc_minimum", []) + groups.get("enterprise_minimum", [])
        return list(dict.fromkeys(people))

    def smallest_fix(self, core: list[int], group: str) -> int | None:
        """The fewest tables (or the lowest per-postdoc maximum) that make the core feasible."""
        field = "tables" if group == "tables" else "max_per_postdoc"
        start = getattr(self.problem, field) + 1
        stop = len(self.problem.postdocs) if field == "tables" else self.problem.slots
        lo, hi, best = start, max(start, stop), None
        while lo <= hi:
            mid = (lo + hi) // 2
            left = self.deadline - time.monotonic()
            trial = Feasibility(replace(self.problem, **{field: mid}), self.pairs, left)
            if trial.infeasible(self.rules() + [k for k in core if k not in self.rules()]) is False:
                best, hi = mid, mid - 1
            else:
                lo = mid + 1
        return best


__all__ = [
    "STRUCTURAL",
    "UNKNOWN",
    "Feasibility",
    "Unknown",
    "diagnose",
    "diagnosis_pairs",
    "locked_problems",
    "supply_and_demand",
    "unmet",
]
