"""Property tests of the pure team-building core on small synthetic score matrices."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.matching.team_search import (
    Team,
    TeamLimits,
    TeamProblem,
    Weights,
    best_team,
    build_teams,
    exact_best_team,
    is_feasible,
    max_shared,
    requirement_coverage,
    score_team,
    trim_idle,
)
from app.matching.view import shipped_options

WEIGHTS = shipped_options().team_weights  # the objective the service ships


@st.composite
def problems(draw: st.DrawFn, max_n: int = 9) -> TeamProblem:
    n = draw(st.integers(2, max_n))
    m = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    # Sparse expertise: most people score near zero on most requirements, as in real pools.
    scores = rng.random((n, m)) * (rng.random((n, m)) < 0.4)
    cohesion = np.triu(rng.choice([0.0, 0.2, 0.5, 0.6, 1.0], size=(n, n), p=[0.6, 0.1, 0.1, 0.1, 0.1]), 1)
    stations = rng.integers(-1, 3, size=n)
    return TeamProblem(
        scores=scores, fit=rng.random(n), cohesion=cohesion + cohesion.T, station=stations, weights=WEIGHTS
    )


@st.composite
def limits(draw: st.DrawFn) -> TeamLimits:
    size_min = draw(st.integers(1, 3))
    size_max = draw(st.integers(size_min, 4))
    cap = draw(st.one_of(st.none(), st.integers(1, 2)))
    return TeamLimits(size_min=size_min, size_max=size_max, max_per_station=cap)


@settings(max_examples=150, deadline=None)
@given(problems(), limits(), st.integers(1, 4))
def test_teams_respect_every_constraint(problem: TeamProblem, lim: TeamLimits, count: int) -> None:
    teams = build_teams(problem, lim, count)
    for i, team in enumerate(teams):
        assert is_feasible(problem, lim, team.members, teams[:i])
        assert all(0 <= m < problem.size for m in team.members)
        assert team.score == score_team(problem, team.members)


@settings(max_examples=150, deadline=None)
@given(problems(), limits(), st.integers(2, 4))
def test_teams_are_distinct(problem: TeamProblem, lim: TeamLimits, count: int) -> None:
    teams = build_teams(problem, lim, count)
    for a in range(len(teams)):
        for b in range(a + 1, len(teams)):
            shared = set(teams[a].members) & set(teams[b].members)
            assert len(shared) <= max_shared(len(teams[a].members), len(teams[b].members))
            assert teams[a].members != teams[b].members


@settings(max_examples=200, deadline=None)
@given(problems(), st.data())
def test_adding_a_member_never_lowers_coverage(problem: TeamProblem, data: st.DataObject) -> None:
    team = data.draw(st.lists(st.integers(0, problem.size - 1), unique=True, max_size=problem.size - 1))
    newcomer = data.draw(st.sampled_from([i for i in range(problem.size) if i not in team]))
    before = requirement_coverage(problem.scores[team])
    after = requirement_coverage(problem.scores[[*team, newcomer]])
    assert np.all(after >= before - 1e-12)
    assert score_team(problem, [*team, newcomer]).coverage >= score_team(problem, team).coverage - 1e-12


@settings(max_examples=150, deadline=None)
@given(problems(), limits())
def test_exact_optimum_bounds_the_heuristic(problem: TeamProblem, lim: TeamLimits) -> None:
    heuristic = best_team(problem, lim)
    exact = exact_best_team(problem, lim)
    assert (heuristic is None) == (exact is None)
    if heuristic is not None and exact is not None:
        assert heuristic.score.total <= exact.score.total + 1e-9


@settings(max_examples=100, deadline=None)
@given(problems(max_n=8), limits())
def test_heuristic_is_close_to_optimum_on_coverage_only(problem: TeamProblem, lim: TeamLimits) -> None:
    """Pure coverage at one size: greedy is within (1 − 1/e) of the optimum (submodularity)."""
    coverage_only = TeamProblem(
        problem.scores,
        problem.fit,
        problem.cohesion,
        problem.station,
        weights=Weights(coverage=1.0, fit=0.0, cohesion=0.0),
    )
    fixed = TeamLimits(size_min=lim.size_max, size_max=lim.size_max)
    heuristic = best_team(coverage_only, fixed)
    exact = exact_best_team(coverage_only, fixed)
    if exact is not None and heuristic is not None:
        assert heuristic.score.total >= (1 - 1 / np.e) * exact.score.total - 1e-9


def test_complementary_specialists_beat_the_best_generalist() -> None:
    # Person 0 is the best individual (fit) but covers only requirement 0 well;
    # persons 1 and 2 each cover one of the others.
    scores = np.array([[0.9, 0.3, 0.2], [0.1, 0.9, 0.0], [0.0, 0.1, 0.9], [0.5, 0.4, 0.3]])
    problem = TeamProblem(
        scores=scores,
        fit=np.array([0.9, 0.5, 0.5, 0.6]),
        cohesion=np.zeros((4, 4)),
        station=np.array([-1, -1, -1, -1]),
        weights=WEIGHTS,
    )
    team = best_team(problem, TeamLimits(size_min=3, size_max=3))
    assert team is not None
    assert team.members == (0, 1, 2)
    assert team.score.per_requirement == pytest.approx((0.91, 0.937, 0.92))


def test_station_cap_and_exclusion_of_earlier_team() -> None:
    scores = np.eye(4) * 0.9
    problem = TeamProblem(
        scores=scores,
        fit=np.full(4, 0.5),
        cohesion=np.zeros((4, 4)),
        station=np.array([7, 7, 7, 8]),
        weights=WEIGHTS,
    )
    team = best_team(problem, TeamLimits(size_min=3, size_max=3, max_per_station=1))
    assert team is None  # only two stations: no three-person team with one member per station
    capped = best_team(problem, TeamLimits(size_min=2, size_max=2, max_per_station=1))
    assert capped is not None and 3 in capped.members
    second = best_team(problem, TeamLimits(size_min=2, size_max=2), previous=[Team((0, 3), capped.score)])
    assert second is not None and len(set(second.members) & {0, 3}) <= 1


def test_cohesion_breaks_a_tie() -> None:
    scores = np.array([[0.8, 0.0], [0.0, 0.8], [0.0, 0.8]])
    cohesion = np.zeros((3, 3))
    cohesion[0, 2] = cohesion[2, 0] = 1.0  # 0 and 2 co-authored a paper
    problem = TeamProblem(
        scores=scores, fit=np.full(3, 0.5), cohesion=cohesion, station=np.full(3, -1), weights=WEIGHTS
    )
    team = best_team(problem, TeamLimits(size_min=2, size_max=2))
    assert team is not None and team.members == (0, 2)
    assert team.score.cohesion == 1.0


@settings(max_examples=150, deadline=None)
@given(problems(), limits(), st.integers(1, 3))
def test_no_member_is_dead_weight(problem: TeamProblem, lim: TeamLimits, count: int) -> None:
    """Removing any one member of a returned team never raises its objective (when the smaller
    team is feasible): members are not added just to reach ``size_min``."""
    teams = build_teams(problem, lim, count)
    for i, team in enumerate(teams):
        for pos in range(len(team.members)):
            rest = team.members[:pos] + team.members[pos + 1 :]
            if rest and is_feasible(problem, lim, rest, teams[:i]):
                assert score_team(problem, rest).total <= team.score.total + 1e-9


def test_an_idle_member_is_trimmed_below_size_min() -> None:
    # 0 and 1 cover the two requirements; 2 covers nothing and has a low fit.
    scores = np.array([[0.9, 0.0], [0.0, 0.9], [0.0, 0.0]])
    problem = TeamProblem(
        scores=scores,
        fit=np.array([0.6, 0.6, 0.1]),
        cohesion=np.zeros((3, 3)),
        station=np.full(3, -1),
        weights=WEIGHTS,
    )
    team = best_team(problem, TeamLimits(size_min=3, size_max=3))
    assert team is not None and team.members == (0, 1)
    assert trim_idle(problem, TeamLimits(size_min=3, size_max=3), [0, 1, 2]) == [0, 1]
    # a third member who adds fit stays
    problem.fit[2] = 0.9
    assert best_team(problem, TeamLimits(size_min=3, size_max=3)).members == (0, 1, 2)  # type: ignore[union-attr]
