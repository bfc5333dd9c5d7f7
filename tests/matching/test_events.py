"""Property tests of event assignment: every hard rule holds on random instances, locked
meetings stay, must requests are kept whenever any schedule keeps them, and tiny instances with
full availability reach the brute-force optimum."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from app.matching.event_schedule import SolverLimits, solve_event
from app.matching.events import EventProblem, Pair, Person, SolveStatus, allowed_pairs, choose_meetings
from models.events import Interest
from tests.matching.event_instances import brute_force_best, lexicographic, problems, violations

LIMITS = SolverLimits(time_limit_s=10.0, workers=1)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_every_hard_rule_holds_and_locked_meetings_stay(problem: EventProblem) -> None:
    schedule = solve_event(problem, LIMITS)
    assert schedule.status != SolveStatus.infeasible
    assert violations(problem, schedule.meetings) == []
    assert set(problem.locked) <= set(schedule.meetings)


@settings(max_examples=40, deadline=None)
@given(problems(max_postdocs=3, max_enterprises=2, max_slots=3))
def test_musts_are_kept_whenever_any_schedule_keeps_them(problem: EventProblem) -> None:
    schedule = solve_event(problem, LIMITS)
    got = lexicographic(problem, [m.key for m in schedule.meetings])
    assert got[0] == brute_force_best(problem)[0]


@settings(max_examples=40, deadline=None)
@given(problems(max_postdocs=3, max_enterprises=2, max_slots=3, full_availability=True, with_locked=False))
def test_full_availability_reaches_the_brute_force_optimum(problem: EventProblem) -> None:
    schedule = solve_event(problem, LIMITS)
    assert lexicographic(problem, [m.key for m in schedule.meetings]) == brute_force_best(problem)


@settings(max_examples=40, deadline=None)
@given(problems(with_locked=False))
def test_stage_a_respects_its_capacities(problem: EventProblem) -> None:
    chosen = choose_meetings(problem, allowed_pairs(problem))
    per_postdoc = [sum(1 for c in chosen if c.postdoc == p.id) for p in problem.postdocs]
    assert all(n <= problem.max_per_postdoc for n in per_postdoc)
    assert len(chosen) <= problem.tables * problem.slots
    assert not any(c.refused or c.key in problem.conflicts for c in chosen)


def _grid(postdocs: int, enterprises: int, slots: int, tables: int, **fields: object) -> EventProblem:
    everyone = frozenset(range(slots))
    ps = tuple(Person(i, everyone, f"P{i}") for i in range(1, postdocs + 1))
    es = tuple(Person(100 + j, everyone, f"E{j}") for j in range(enterprises))
    pairs = tuple(Pair(p.id, e.id, 0.5) for p in ps for e in es)
    base = EventProblem(slots, tables, ps, es, pairs, max_per_postdoc=2)
    return replace(base, **fields)


def test_a_refused_pair_never_meets_even_when_the_other_side_must() -> None:
    problem = _grid(1, 1, 2, 1)
    pairs = (Pair(1, 100, 0.9, Interest.no, Interest.must),)
    schedule = solve_event(replace(problem, pairs=pairs), LIMITS)
    assert schedule.meetings == []


def test_employer_conflict_is_never_paired() -> None:
    problem = _grid(2, 2, 2, 2, conflicts=frozenset({(1, 100)}))
    schedule = solve_event(problem, LIMITS)
    assert (1, 100) not in {m.key for m in schedule.meetings}
    assert {m.postdoc for m in schedule.meetings} == {1, 2}


def test_fairness_gives_every_postdoc_a_meeting_before_a_second_one() -> None:
    # P1 scores far higher everywhere, but 4 meetings fit and there are 4 postdocs
    problem = _grid(4, 2, 2, 2)
    pairs = tuple(
        Pair(p.id, e.id, 1.0 if p.id == 1 else 0.01) for p in problem.postdocs for e in problem.enterprises
    )
    schedule = solve_event(replace(problem, pairs=pairs), LIMITS)
    assert sorted(m.postdoc for m in schedule.meetings) == [1, 2, 3, 4]


def test_idle_gaps_are_closed() -> None:
    # one postdoc, two meetings, four slots: they should sit next to each other
    problem = _grid(1, 2, 4, 1)
    schedule = solve_event(problem, LIMITS)
    slots = sorted(m.slot for m in schedule.meetings)
    assert len(slots) == 2 and slots[1] - slots[0] == 1


def test_an_enterprise_keeps_its_table() -> None:
    problem = _grid(3, 2, 3, 2, max_per_postdoc=2)
    schedule = solve_event(problem, LIMITS)
    tables = {e: {m.table for m in schedule.meetings if m.enterprise == e} for e in (100, 101)}
    assert all(len(t) == 1 for t in tables.values())


def test_progress_hears_of_each_better_schedule() -> None:
    lines: list[str] = []
    solve_event(_grid(3, 2, 3, 2), replace(LIMITS, progress=lines.append))
    assert lines and all(line.startswith("place all, idle gaps: ") for line in lines)
    assert "objective" in lines[-1] and "bound" in lines[-1]
