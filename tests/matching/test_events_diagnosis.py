"""Diagnosis: supply and demand counted before solving, and the infeasible core of the
requirements named by constraint group, with a concrete fix in both languages."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from app.matching.event_diagnosis import Feasibility, diagnose, diagnosis_pairs, supply_and_demand, unmet
from app.matching.event_schedule import SolverLimits, solve_event
from app.matching.events import EventProblem, Pair, Person, Placed, SolveStatus
from models.events import Interest
from tests.matching.event_instances import problems

LIMITS = SolverLimits(time_limit_s=10.0, workers=1)


def _grid(
    postdocs: int, enterprises: int, slots: int, tables: int, seats: int = 1, **fields: object
) -> EventProblem:
    everyone = frozenset(range(slots))
    ps = tuple(Person(i, everyone, f"P{i}") for i in range(1, postdocs + 1))
    es = tuple(Person(100 + j, everyone, f"E{j}", seats=seats) for j in range(enterprises))
    pairs = tuple(Pair(p.id, e.id, 0.5) for p in ps for e in es)
    return replace(EventProblem(slots, tables, ps, es, pairs, max_per_postdoc=4), **fields)


def _groups(problem: EventProblem) -> list[str]:
    return [f.group for f in solve_event(problem, LIMITS).findings]


def test_demand_over_capacity_is_counted_with_the_fix_of_the_issue() -> None:
    # 45 postdocs × 4 meetings = 180 wanted; 20 tables × 8 slots = 160
    problem = _grid(45, 4, 8, 20)
    [finding] = [f for f in supply_and_demand(problem) if f.group == "demand"]
    assert finding.zh == "需求 180 场，容量 160 场：增加 3 张桌子或把每人会谈上限降到 3"
    assert finding.en == "Demand 180 meetings, capacity 160: add 3 tables or lower the per-postdoc limit to 3"


def test_too_few_tables_for_one_meeting_each_names_tables() -> None:
    problem = _grid(5, 2, 2, 2, seats=2)  # 5 postdocs, 4 meetings fit
    schedule = solve_event(problem, LIMITS)
    assert len({m.postdoc for m in schedule.meetings}) == 4
    tables = [f for f in schedule.findings if f.group == "tables"]
    assert tables[0].zh == "每位博士后至少 1 场需要 5 场，容量 4 场（2 张桌子 × 2 个时段）：至少增加 1 张桌子"
    # the core: the tables against the postdocs' first meetings; one more table is the fix
    assert tables[1].en.endswith("add 1 table")
    assert [f.group for f in schedule.findings][1:] == ["tables", "postdoc_minimum"]


def test_when_two_rules_bind_together_both_are_named() -> None:
    # 2 enterprises with one table each and 2 event tables: either alone still caps at 4
    groups = _groups(_grid(5, 2, 2, 2, seats=1))
    assert groups[1:] == ["tables", "enterprise_tables", "postdoc_minimum"]


def test_a_must_without_a_common_slot_names_availability() -> None:
    postdocs = (Person(1, frozenset({0}), "张三"), Person(2, frozenset({1}), "李四"))
    enterprises = (Person(100, frozenset({1}), "海尔"),)
    pairs = (Pair(1, 100, 0.5, Interest.must), Pair(2, 100, 0.5))
    problem = EventProblem(2, 2, postdocs, enterprises, pairs, max_per_postdoc=2)
    findings = solve_event(problem, LIMITS).findings
    assert [f.group for f in findings] == ["availability", "must"]
    assert findings[0].zh == "可参加的时段不够或没有共同时段：请 张三、海尔 增加可参加的时段"
    assert findings[1].items == (0,)


def test_clashing_locked_meetings_make_the_run_infeasible() -> None:
    problem = _grid(1, 2, 2, 2, locked=(Placed(1, 100, 0, 0, True), Placed(1, 101, 0, 1, True)))
    schedule = solve_event(problem, LIMITS)
    assert schedule.status == SolveStatus.infeasible
    assert [f.group for f in schedule.findings] == ["locked"]
    assert schedule.findings[0].items == (1,)


def test_enterprise_minimums_beyond_the_postdoc_limit_name_postdoc_max_with_its_fix() -> None:
    # 3 enterprises want 2 meetings each; 2 postdocs may take 2 each: raise the limit to 3
    problem = _grid(2, 3, 3, 3, max_per_postdoc=2, min_per_enterprise=2)
    findings = solve_event(problem, LIMITS).findings
    groups = [f.group for f in findings]
    assert "postdoc_max" in groups and "enterprise_minimum" in groups
    [limit] = [f for f in findings if f.group == "postdoc_max"]
    assert "提高到 3" in limit.zh and "raise it to 3" in limit.en


def test_one_table_enterprise_with_more_musts_than_slots_names_enterprise_tables() -> None:
    problem = _grid(3, 1, 2, 3)
    pairs = tuple(replace(p, postdoc_interest=Interest.must) for p in problem.pairs)
    assert "enterprise_tables" in _groups(replace(problem, pairs=pairs))


def test_a_schedule_meeting_every_requirement_has_no_diagnosis() -> None:
    assert _groups(_grid(3, 2, 3, 2, max_per_postdoc=2)) == []


@settings(max_examples=40, deadline=None)
@given(problems(max_postdocs=4, max_enterprises=2, max_slots=3))
def test_a_core_is_infeasible_and_each_part_is_needed(problem: EventProblem) -> None:
    """Whatever the instance: when requirements are unmet, the core named really is infeasible,
    and dropping any one of its literals makes it feasible (so each named group matters)."""
    schedule = solve_event(problem, LIMITS)
    pairs = diagnosis_pairs(problem)
    if (
        not any(unmet(problem, pairs, schedule.meetings).values())
        or schedule.status == SolveStatus.infeasible
    ):
        return
    feasibility = Feasibility(problem, pairs)
    core = feasibility.minimal_core()
    if core is None:  # every requirement can be met together: the solver should have
        raise AssertionError(f"requirements were feasible but unmet: {schedule.meetings}")
    rules = feasibility.rules()
    needs = [k for k in core if k not in rules]
    assert needs and feasibility.infeasible(rules + needs) is True
    for k in needs:  # each requirement named is needed
        assert feasibility.infeasible(rules + [c for c in needs if c != k]) is False
    named = [k for k in core if k in rules]
    if feasibility.infeasible(needs) is False:  # the rules named are the cause: relax them
        assert named
        assert feasibility.infeasible(needs + [r for r in rules if r not in named]) is False


def test_an_undecided_feasibility_model_is_reported_as_undetermined_not_feasible() -> None:
    problem = _grid(5, 2, 2, 2, seats=2)
    findings = diagnose(problem, diagnosis_pairs(problem), [], 50_000, [], time_limit_s=1e-9)
    assert [f.group for f in findings] == ["undetermined"]
    assert "JIEBANG_EVENT_DIAGNOSIS_TIME_LIMIT_S" in findings[0].en
