"""Team-gap benchmark: does a team say "covered" only when a member's work matches the meaning?

``data/benchmarks/team_gaps/challenges.jsonl`` (``scripts/build_team_gaps.py``): challenges of
three requirements, each two keywords of a held-out CSL paper labelled with its discipline and
category (13 categories, 门类), over the zh benchmark's pool of pseudo-experts. In every second
challenge all experts of one requirement's discipline are excluded, so the honest answer for it
is a gap, or an expert of the same category. The top team (service defaults, count 1) is read:

- **accuracy**: share of requirements whose discipline is present where the team's best
  coverer belongs to the requirement's discipline;
- **right covers**: the same, counting only requirements the team reports as covered (what HR
  can rely on; the gap threshold trades it against false covers);
- **gap honesty**: share of excluded requirements flagged as a gap or covered from the same
  category;
- **false covers**: share of requirements not flagged as a gap whose best coverer is of another
  category.

Tune the coverage calibration on ``tune`` (``scripts/calibrate_coverage.py``), report ``test``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.config import Settings
from app.evaluation.benchmark import load_benchmark
from app.evaluation.runner import Loaded, loaded_benchmark
from app.matching.coverage import FEATURES, owner_features, requirement_idf
from app.matching.eligibility import TeamRequest
from app.matching.filters import PostdocFilters
from app.matching.requirements import Requirement, score_requirements
from app.schemas.challenges import ChallengeCreate
from app.services import challenges
from app.services.teams import recommend_teams
from models import Challenge, Sector

__all__ = [
    "GAPS_DIR",
    "GapFigures",
    "GapRow",
    "calibration_pairs",
    "choose_gap_below",
    "evaluate_team_gaps",
    "figures",
    "fit_logistic",
    "format_gap_figures",
    "loaded_team_gaps",
    "team_gap_rows",
]

ROOT = Path(__file__).resolve().parents[2]
GAPS_DIR = ROOT / "data" / "benchmarks" / "team_gaps"
POOL_DIR = ROOT / "data" / "benchmarks" / "zh"
CSL = ROOT / "data" / "csl" / "papers.jsonl"


@dataclass(frozen=True)
class GapRow:
    """One requirement of one challenge, as the top team reports it."""

    challenge: str
    split: str
    text: str
    discipline: str
    category: str
    excluded: bool
    coverage: float  # the best member's score for the requirement (their P(covered))
    coverer_discipline: str | None
    coverer_category: str | None
    reported_gap: bool = False  # as the page said, at the threshold in force

    def gap(self, gap_below: float | None) -> bool:
        """A gap at ``gap_below`` (None: as reported)."""
        if gap_below is None:
            return self.reported_gap
        return self.coverer_discipline is None or self.coverage < gap_below


@dataclass(frozen=True)
class GapFigures:
    requirements: int
    accuracy: float
    right_covers: float
    gap_honesty: float
    false_covers: float


@dataclass
class LoadedGaps:
    loaded: Loaded
    challenges: list[dict]
    challenge_ids: dict[str, int]
    expert_discipline: dict[int, str]
    category_of: dict[str, str]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@contextmanager
def loaded_team_gaps(settings: Settings, cache: Path | None = None) -> Iterator[LoadedGaps]:
    """The pool imported into a temporary database and every benchmark challenge posted."""
    rows = _rows(GAPS_DIR / "challenges.jsonl")
    category_of = {p["discipline"]: p["category"] for p in _rows(CSL)}
    bench = load_benchmark(POOL_DIR)
    with loaded_benchmark(bench, settings, cache) as loaded:
        disciplines = {e.id: e.discipline for e in bench.experts}
        expert_discipline = {loaded.postdoc_of[k]: d for k, d in disciplines.items()}
        ids = {}
        runtime = loaded.runtime
        with runtime.session() as session:
            for row in rows:
                created = challenges.create_challenge(
                    session,
                    runtime.models.current(),
                    ChallengeCreate(
                        enterprise_id=1,
                        title=row["title"],
                        description=row["description"],
                        required_expertise=[r["text"] for r in row["requirements"]],
                        sector=Sector.other,
                        status="open",  # type: ignore[arg-type]
                    ),
                )
                ids[row["id"]] = created.id
        yield LoadedGaps(loaded, rows, ids, expert_discipline, category_of)


def _excluded(gaps: LoadedGaps, row: dict) -> frozenset[int]:
    gone = row["excluded_discipline"]
    return frozenset(p for p, d in gaps.expert_discipline.items() if d == gone)


def _chosen(gaps: LoadedGaps, split: str | None) -> list[dict]:
    return [r for r in gaps.challenges if split is None or r["split"] == split]


def team_gap_rows(gaps: LoadedGaps, split: str | None = None) -> list[GapRow]:
    """Every requirement of the chosen challenges, as the top team (service defaults) reports it."""
    runtime = gaps.loaded.runtime
    out = []
    with runtime.session() as session:
        view = runtime.view()
        for row in _chosen(gaps, split):
            challenge = session.get_one(Challenge, gaps.challenge_ids[row["id"]])
            request = TeamRequest(count=1, exclude=_excluded(gaps, row))
            page = recommend_teams(session, view, challenge, request)
            coverage = page.teams[0].requirements if page.teams else []
            for j, req in enumerate(row["requirements"]):
                covers = coverage[j].covered_by if coverage else []
                best = gaps.expert_discipline.get(covers[0].postdoc_id) if covers else None
                out.append(
                    GapRow(
                        challenge=row["id"],
                        split=row["split"],
                        text=req["text"],
                        discipline=req["discipline"],
                        category=req["category"],
                        excluded=req["discipline"] == row["excluded_discipline"],
                        coverage=covers[0].score if covers else 0.0,
                        coverer_discipline=best,
                        coverer_category=gaps.category_of.get(best) if best else None,
                        reported_gap=coverage[j].gap if coverage else True,
                    )
                )
    return out


def figures(rows: list[GapRow], gap_below: float | None = None) -> GapFigures:
    """Accuracy, gap honesty and false covers of ``rows`` at the gap threshold ``gap_below``
    (None: the gaps as the pages reported them)."""
    present = [r for r in rows if not r.excluded]
    excluded = [r for r in rows if r.excluded]
    covered = [r for r in rows if not r.gap(gap_below)]

    def share(hits: int, n: int) -> float:
        return round(hits / n, 4) if n else 0.0

    return GapFigures(
        requirements=len(rows),
        accuracy=share(sum(r.coverer_discipline == r.discipline for r in present), len(present)),
        right_covers=share(
            sum(not r.gap(gap_below) and r.coverer_discipline == r.discipline for r in present), len(present)
        ),
        gap_honesty=share(
            sum(r.gap(gap_below) or r.coverer_category == r.category for r in excluded), len(excluded)
        ),
        false_covers=share(sum(r.coverer_category != r.category for r in covered), len(covered)),
    )


def evaluate_team_gaps(
    settings: Settings, split: str | None = None, cache: Path | None = None
) -> tuple[GapFigures, float]:
    """(figures, gap threshold used) of the service's teams on ``split`` (None: both)."""
    from app.matching.teams import team_coverage_model

    with loaded_team_gaps(settings, cache) as gaps:
        rows = team_gap_rows(gaps, split)
        gap_below = team_coverage_model(gaps.loaded.runtime.view()).gap_below
    return figures(rows), gap_below


def format_gap_figures(figs: GapFigures, gap_below: float, split: str) -> str:
    return (
        f"team gaps ({split}, {figs.requirements} requirements, gap below {gap_below:.3f}): "
        f"accuracy {figs.accuracy:.3f}  gap honesty {figs.gap_honesty:.3f}  "
        f"false covers {figs.false_covers:.3f}  (right covers {figs.right_covers:.3f})"
    )


def calibration_pairs(gaps: LoadedGaps, split: str, top: int) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) for the calibration: each requirement with its ``top`` retrieved
    postdocs (all experts, no exclusion); 1 when the postdoc's discipline is the requirement's,
    0 when their category differs (same category, other discipline: left out as ambiguous)."""
    runtime = gaps.loaded.runtime
    features, labels = [], []
    with runtime.session() as session:
        view = runtime.view()
        for row in _chosen(gaps, split):
            challenge = session.get_one(Challenge, gaps.challenge_ids[row["id"]])
            reqs = [Requirement(r["text"], "required_expertise") for r in row["requirements"]]
            scores = score_requirements(session, view, challenge, reqs, PostdocFilters())
            idf = requirement_idf(scores, view.postdocs.lexical_index)
            for req, ts in zip(row["requirements"], scores.per_requirement, strict=True):
                owners = [a.owner_id for a in ts.ranked[:top]]
                for owner, x in zip(owners, owner_features(ts, idf[ts.text], owners), strict=True):
                    d = gaps.expert_discipline[owner]
                    if d != req["discipline"] and gaps.category_of.get(d) == req["category"]:
                        continue
                    features.append(x)
                    labels.append(1.0 if d == req["discipline"] else 0.0)
    return np.array(features).reshape(-1, len(FEATURES)), np.array(labels)


def fit_logistic(features: np.ndarray, labels: np.ndarray, l2: float = 1e-3, steps: int = 100) -> np.ndarray:
    """Logistic regression by Newton's method (IRLS): ``[intercept, w₁, …]`` maximising the
    likelihood of ``labels`` with a small L2 penalty on the weights (not the intercept), which
    keeps separable data finite."""
    x = np.hstack([np.ones((len(features), 1)), features])
    w = np.zeros(x.shape[1])
    penalty = np.diag([0.0] + [l2] * features.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, x.T @ (p - labels) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def choose_gap_below(rows: list[GapRow], false_cover_budget: float) -> float:
    """The gap threshold with the most right covers + gap honesty among those whose false-cover
    share stays within ``false_cover_budget``; the one with the fewest false covers if none does."""
    candidates = sorted({0.0, *(round(r.coverage, 4) for r in rows), 1.0})
    scored = [(t, figures(rows, t)) for t in candidates]
    within = [(t, f) for t, f in scored if f.false_covers <= false_cover_budget]
    if within:
        return max(within, key=lambda tf: (tf[1].right_covers + tf[1].gap_honesty, -tf[0]))[0]
    return min(scored, key=lambda tf: (tf[1].false_covers, tf[0]))[0]
