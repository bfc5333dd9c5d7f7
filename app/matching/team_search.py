"""Team building: pick members so that together they cover every requirement of a challenge.

Pure core (no database): a candidate pool described by numbers only.

- ``scores[i, j]`` — candidate *i*'s score for requirement *j* (the individual-ranking score of
  the requirement's text, 0 … 1).
- ``fit[i]`` — candidate *i*'s individual score for the whole challenge.
- ``cohesion[i, k]`` — how well *i* and *k* already work together (same station, co-authored
  publication, same host institution, same city), 0 … 1.

A team ``T`` scores ``w_cov · coverage + w_fit · fit + w_coh · cohesion`` where

- coverage = mean over requirements of ``1 − Π_{i∈T} (1 − s_ij)`` — diminishing returns: a second
  expert on an already covered requirement adds little;
- fit = mean individual fit of the members;
- cohesion = mean cohesion over member pairs (0 for a one-person team).

Search: greedy (add the member with the best objective) for every size in the allowed range,
restarted from each of the ``RESTARTS`` best first members, each run followed by swap local
search (replace one member while that improves the objective). Coverage alone is
monotone submodular, so greedy on coverage at a fixed size is within (1 − 1/e) of the best
coverage of that size (Nemhauser–Wolsey–Fisher 1978). The full objective is not submodular
(member means and pairwise cohesion), so no bound is claimed for it; the swap step and the exact
enumeration used in tests and ``scripts/bench_teams.py`` measure the gap instead.

Idle members are trimmed: after the search, a member whose removal raises the objective (they
cover no requirement better than the others and lower the mean fit) is dropped, one at a time,
even below ``size_min`` — ``size_min`` is the size the search fills to, never a reason to add
dead weight. Every returned team therefore has no member whose departure alone would improve it.

Constraints: team size range (1 … ``size_max``; the search starts at ``size_min``), at most
``max_per_station`` members from one station, and distinctness — a later team shares at most
``min(|T|, |U|) // 2`` members with any earlier team U (teams differ in at least half of their
members). Eligibility (availability, concurrency, exclusions) is decided before the pool reaches
this module."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Team",
    "TeamLimits",
    "TeamProblem",
    "TeamScore",
    "Weights",
    "best_team",
    "build_teams",
    "exact_best_team",
    "is_feasible",
    "max_shared",
    "requirement_coverage",
    "score_team",
    "trim_idle",
]

MAX_SWAP_PASSES = 50
RESTARTS = 4  # greedy runs, each from one of the best first members
EPS = 1e-9


@dataclass(frozen=True)
class Weights:
    """Weights of the objective; the shipped values are settings (``team_weight_*``)."""

    coverage: float
    fit: float
    cohesion: float


@dataclass(frozen=True)
class TeamLimits:
    size_min: int = 2
    size_max: int = 4
    max_per_station: int | None = None

    def sizes(self) -> range:
        """The sizes the search fills teams to (trimming may leave a team smaller)."""
        return range(self.size_min, self.size_max + 1)


@dataclass
class TeamProblem:
    """A candidate pool; arrays are indexed by pool position (not database id)."""

    scores: np.ndarray  # (n, m)
    fit: np.ndarray  # (n,)
    cohesion: np.ndarray  # (n, n), symmetric, zero diagonal
    station: np.ndarray  # (n,), -1 = no station
    weights: Weights

    @property
    def size(self) -> int:
        return int(self.scores.shape[0])


@dataclass(frozen=True)
class TeamScore:
    total: float
    coverage: float
    fit: float
    cohesion: float
    per_requirement: tuple[float, ...]


@dataclass(frozen=True)
class Team:
    members: tuple[int, ...]  # pool positions, sorted
    score: TeamScore


def requirement_coverage(scores: np.ndarray) -> np.ndarray:
    """Per requirement ``1 − Π (1 − s)`` over the rows of ``scores`` (members × requirements)."""
    if scores.shape[0] == 0:
        return np.zeros(scores.shape[1])
    return 1.0 - np.prod(1.0 - np.clip(scores, 0.0, 1.0), axis=0)


def score_team(problem: TeamProblem, members: Sequence[int]) -> TeamScore:
    """The objective and its parts for one team."""
    idx = np.array(sorted(members), dtype=np.int64)
    per_req = requirement_coverage(problem.scores[idx])
    coverage = float(per_req.mean()) if per_req.size else 0.0
    fit = float(problem.fit[idx].mean()) if idx.size else 0.0
    pairs = idx.size * (idx.size - 1) / 2
    cohesion = float(np.triu(problem.cohesion[np.ix_(idx, idx)], 1).sum() / pairs) if pairs else 0.0
    w = problem.weights
    total = w.coverage * coverage + w.fit * fit + w.cohesion * cohesion
    return TeamScore(total, coverage, fit, cohesion, tuple(float(c) for c in per_req))


def max_shared(a: int, b: int) -> int:
    """How many members two teams of sizes ``a`` and ``b`` may share (they differ in half)."""
    return min(a, b) // 2


def is_feasible(
    problem: TeamProblem, limits: TeamLimits, members: Sequence[int], previous: Sequence[Team] = ()
) -> bool:
    """Size (1 … ``size_max``: a trimmed team may be under ``size_min``), distinct members,
    station cap and distinctness from ``previous`` teams."""
    team = set(members)
    if len(team) != len(members) or not 1 <= len(team) <= limits.size_max:
        return False
    if limits.max_per_station is not None:
        stations = [int(problem.station[i]) for i in team if problem.station[i] >= 0]
        if any(stations.count(s) > limits.max_per_station for s in set(stations)):
            return False
    return all(len(team & set(u.members)) <= max_shared(len(team), len(u.members)) for u in previous)


def build_teams(
    problem: TeamProblem, limits: TeamLimits, count: int, previous: Sequence[Team] = ()
) -> list[Team]:
    """Up to ``count`` distinct teams, best first (greedy + swap for each size, then the best size)."""
    teams: list[Team] = []
    for _ in range(count):
        team = best_team(problem, limits, [*previous, *teams])
        if team is None:
            break
        teams.append(team)
    return teams


def best_team(problem: TeamProblem, limits: TeamLimits, previous: Sequence[Team] = ()) -> Team | None:
    """The best team the heuristic finds over all allowed sizes, or None when none is feasible."""
    found = [_search(problem, limits, size, previous) for size in limits.sizes()]
    teams = [t for t in found if t is not None]
    return max(teams, key=lambda t: (t.score.total, -len(t.members)), default=None)


def exact_best_team(problem: TeamProblem, limits: TeamLimits, previous: Sequence[Team] = ()) -> Team | None:
    """The optimum by enumeration (small pools only: C(n, k) teams are scored): None when no
    team of a size in ``limits.sizes()`` is feasible, else the best feasible team of any size
    1 … ``size_max`` (a trimmed team may be under ``size_min``)."""
    reachable = any(
        is_feasible(problem, limits, members, previous)
        for size in limits.sizes()
        for members in itertools.combinations(range(problem.size), size)
    )
    if not reachable:
        return None
    best: Team | None = None
    for size in range(1, limits.size_max + 1):
        for members in itertools.combinations(range(problem.size), size):
            if not is_feasible(problem, limits, members, previous):
                continue
            score = score_team(problem, members)
            if best is None or score.total > best.score.total + EPS:
                best = Team(members, score)
    return best


# ---------------------------------------------------------------- heuristic search


class _Partial:
    """Running sums of a partial team, so every candidate's objective is one vector operation."""

    def __init__(self, problem: TeamProblem, members: Sequence[int]) -> None:
        self.problem = problem
        self.members = list(members)
        idx = np.array(self.members, dtype=np.int64)
        self.miss = np.prod(1.0 - np.clip(problem.scores[idx], 0.0, 1.0), axis=0)
        self.fit_sum = float(problem.fit[idx].sum())
        self.pair_sum = float(np.triu(problem.cohesion[np.ix_(idx, idx)], 1).sum())

    def objective_with_each(self) -> np.ndarray:
        """The objective of ``members + [i]`` for every candidate ``i``."""
        p = self.problem
        size = len(self.members) + 1
        scores = np.clip(p.scores, 0.0, 1.0)
        coverage = (1.0 - self.miss[None, :] * (1.0 - scores)).mean(axis=1) if scores.shape[1] else 0.0
        fit = (self.fit_sum + p.fit) / size
        links = p.cohesion[self.members].sum(axis=0) if self.members else np.zeros(p.size)
        pairs = size * (size - 1) / 2
        cohesion = (self.pair_sum + links) / pairs if pairs else np.zeros(p.size)
        w = p.weights
        return w.coverage * coverage + w.fit * fit + w.cohesion * cohesion


def _allowed(
    problem: TeamProblem, limits: TeamLimits, members: Sequence[int], size: int, previous: Sequence[Team]
) -> np.ndarray:
    """Which candidates may join ``members`` without breaking a constraint of a ``size`` team."""
    ok = np.ones(problem.size, dtype=bool)
    ok[list(members)] = False
    if limits.max_per_station is not None:
        stations, counts = np.unique(problem.station[list(members)], return_counts=True)
        for station, n in zip(stations.tolist(), counts.tolist(), strict=True):
            if station >= 0 and n >= limits.max_per_station:
                ok &= problem.station != station
    team = set(members)
    for u in previous:
        if len(team & set(u.members)) >= max_shared(size, len(u.members)):
            ok[list(u.members)] = False
    return ok


def _search(problem: TeamProblem, limits: TeamLimits, size: int, previous: Sequence[Team]) -> Team | None:
    """Greedy from several starts (plain greedy, then each of the best first members), each
    improved by swaps; the best result wins. Restarts cheaply escape a poor first choice."""
    first = _Partial(problem, []).objective_with_each()
    first = np.where(_allowed(problem, limits, [], size, previous), first, -np.inf)
    seeds = [i for i in np.argsort(-first, kind="stable")[:RESTARTS].tolist() if np.isfinite(first[i])]
    best: Team | None = None
    for seed in seeds:
        members = _greedy(problem, limits, [seed], size, previous)
        if members is None:
            continue
        members = trim_idle(problem, limits, _swap(problem, limits, members, previous), previous)
        team = Team(tuple(sorted(members)), score_team(problem, members))
        if best is None or team.score.total > best.score.total + EPS:
            best = team
    return best


def _greedy(
    problem: TeamProblem, limits: TeamLimits, members: list[int], size: int, previous: Sequence[Team]
) -> list[int] | None:
    members = list(members)
    while len(members) < size:
        gains = _Partial(problem, members).objective_with_each()
        gains = np.where(_allowed(problem, limits, members, size, previous), gains, -np.inf)
        pick = int(np.argmax(gains))
        if not np.isfinite(gains[pick]):
            return None
        members.append(pick)
    return members


def trim_idle(
    problem: TeamProblem, limits: TeamLimits, members: list[int], previous: Sequence[Team] = ()
) -> list[int]:
    """Drop, one at a time, the member whose removal raises the objective most, while one does."""
    members = list(members)
    current = score_team(problem, members).total
    while len(members) > 1:
        options = [
            (score_team(problem, rest).total, rest)
            for rest in (members[:pos] + members[pos + 1 :] for pos in range(len(members)))
            if is_feasible(problem, limits, rest, previous)
        ]
        best, rest = max(options, key=lambda o: o[0], default=(-np.inf, members))
        if best <= current + EPS:
            break
        members, current = rest, best
    return members


def _swap(
    problem: TeamProblem, limits: TeamLimits, members: list[int], previous: Sequence[Team]
) -> list[int]:
    """Replace one member at a time while that raises the objective (first improvement)."""
    current = score_team(problem, members).total
    for _ in range(MAX_SWAP_PASSES):
        improved = False
        for pos in range(len(members)):
            rest = members[:pos] + members[pos + 1 :]
            gains = _Partial(problem, rest).objective_with_each()
            gains = np.where(_allowed(problem, limits, rest, len(members), previous), gains, -np.inf)
            pick = int(np.argmax(gains))
            if gains[pick] > current + EPS:
                members = [*rest, pick]
                current = float(gains[pick])
                improved = True
        if not improved:
            break
    return members
