"""Teams for a challenge, top to bottom: requirement scores → eligible pool → team search →
coverage, evidence and gaps.

Each requirement's text is scored like a challenge of its own (app/matching/requirements.py),
eligibility is decided in SQL (app/matching/eligibility.py), the search is a pure core over
numbers (app/matching/team_search.py) and cohesion comes from stations and co-authorship
(app/matching/cohesion.py). The weights and the gap threshold are the view's options.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.matching.cohesion import cohesion_links, cohesion_matrix
from app.matching.coverage import CoverageModel, calibrated_matrix, coverage_model, requirement_idf
from app.matching.eligibility import TeamRequest, draft_warnings, eligible_leaders
from app.matching.filters import PostdocFilters
from app.matching.requirements import Requirement, RequirementScores, best_evidence, score_requirements
from app.matching.team_search import Team, TeamLimits, TeamProblem, build_teams, score_team
from app.matching.view import SearchView
from app.schemas.challenges import ChallengeSummary
from app.schemas.postdocs import PostdocSummary
from app.schemas.teams import (
    DraftTeamScore,
    MemberCover,
    Objective,
    RequirementCoverage,
    RequirementPublic,
    ScoreParts,
    TeamMember,
    TeamPublic,
    TeamsPage,
)
from models import Challenge, Postdoc, Publication

__all__ = ["FORMULA", "load_postdocs", "propose_teams", "score_draft", "team_coverage_model"]

FORMULA = (
    "score = coverage_weight · mean_j(1 − Π_i(1 − p_ij)) + fit_weight · mean_i(fit_i) "
    "+ cohesion_weight · mean over member pairs of tie_ik · sqrt(fit_i · fit_k)"
)


def propose_teams(
    session: Session,
    view: SearchView,
    challenge: Challenge,
    requirements: list[Requirement],
    request: TeamRequest,
) -> TeamsPage:
    """The top ``request.count`` distinct teams for ``challenge``, with coverage, evidence and gaps."""
    pool_size = view.options.team_pool_per_requirement
    scored = score_requirements(session, view, challenge, requirements, request.filters)
    scores = scored.restricted(eligible_leaders(session, challenge, scored, request, pool_size))
    pool = scores.owners(top=pool_size)
    postdocs = load_postdocs(session, pool)
    problem = _problem(view, scores, pool, postdocs)
    limits = TeamLimits(request.size_min, request.size_max, request.max_per_station)
    teams = build_teams(problem, limits, request.count)
    model = team_coverage_model(view)
    return TeamsPage(
        challenge=ChallengeSummary.model_validate(challenge),
        requirements=_requirements_public(requirements),
        model_id=view.model_id,
        pool_size=len(pool),
        objective=_objective(view, model),
        teams=[
            _team_public(
                session, view, model, rank, [pool[i] for i in t.members], t, scores, problem, postdocs
            )
            for rank, t in enumerate(teams, start=1)
        ],
    )


def score_draft(
    session: Session,
    view: SearchView,
    challenge: Challenge,
    requirements: list[Requirement],
    postdocs: dict[int, Postdoc],
) -> DraftTeamScore:
    """Score a hand-assembled team exactly as generated teams are scored; list broken rules."""
    member_ids = list(postdocs)
    scores = score_requirements(
        session, view, challenge, requirements, PostdocFilters(), owners=set(member_ids)
    )
    problem = _problem(view, scores, member_ids, postdocs)
    members = list(range(len(member_ids)))
    team = Team(tuple(members), score_team(problem, members))
    model = team_coverage_model(view)
    return DraftTeamScore(
        challenge=ChallengeSummary.model_validate(challenge),
        requirements=_requirements_public(requirements),
        model_id=view.model_id,
        objective=_objective(view, model),
        team=_team_public(session, view, model, None, member_ids, team, scores, problem, postdocs),
        warnings=draft_warnings(session, challenge, member_ids, postdocs),
    )


def _problem(
    view: SearchView, scores: RequirementScores, pool: list[int], postdocs: dict[int, Postdoc]
) -> TeamProblem:
    _, fit = scores.matrix(pool)
    idf = requirement_idf(scores, view.postdocs.lexical_index)
    matrix = calibrated_matrix(scores, pool, idf, team_coverage_model(view))
    members = [postdocs[p] for p in pool]
    station = np.array([p.station_id or -1 for p in members], dtype=np.int64)
    # A tie counts in proportion to how relevant both people are (geometric mean of their fit),
    # so a weak colleague from the same station never beats a relevant outsider on cohesion.
    ties = cohesion_matrix(members) * np.sqrt(np.outer(fit, fit))
    return TeamProblem(matrix, fit, ties, station, view.options.team_weights)


def team_coverage_model(view: SearchView) -> CoverageModel:
    """The coverage calibration for the view's encoder; the gap threshold is the calibrated one
    unless the settings fix it (``team_gap_below``)."""
    model = coverage_model(view.model_id)
    fixed = view.options.team_gap_below
    return model if fixed is None else replace(model, gap_below=fixed)


def _team_public(
    session: Session,
    view: SearchView,
    model: CoverageModel,
    rank: int | None,
    member_ids: list[int],
    team: Team,
    scores: RequirementScores,
    problem: TeamProblem,
    postdocs: dict[int, Postdoc],
) -> TeamPublic:
    gap_below = model.gap_below
    pos = {pid: i for i, pid in enumerate(member_ids)}
    pool_pos = dict(zip(member_ids, team.members, strict=True))
    coverage = []
    best_for: dict[int, list[int]] = {pid: [] for pid in member_ids}
    for j, (req, req_scores) in enumerate(zip(scores.requirements, scores.per_requirement, strict=True)):
        evidence = best_evidence(session, view, req_scores, member_ids)
        covers = sorted(
            (
                MemberCover(
                    postdoc_id=pid,
                    score=round(float(problem.scores[pool_pos[pid], j]), 4),
                    evidence=evidence.get(pid),
                )
                for pid in member_ids
                if problem.scores[pool_pos[pid], j] > 0
            ),
            key=lambda c: (-c.score, pos[c.postdoc_id]),
        )
        value = team.score.per_requirement[j]
        # covered only when one member's own work matches: several weak members do not add up
        gap = not covers or float(problem.scores[pool_pos[covers[0].postdoc_id], j]) < gap_below
        if not gap:
            best_for[covers[0].postdoc_id].append(j)
        coverage.append(
            RequirementCoverage(index=j, text=req.text, coverage=round(value, 4), covered_by=covers, gap=gap)
        )
    s = team.score
    return TeamPublic(
        rank=rank,
        score=round(s.total, 4),
        parts=ScoreParts(coverage=round(s.coverage, 4), fit=round(s.fit, 4), cohesion=round(s.cohesion, 4)),
        members=[
            TeamMember(
                postdoc=PostdocSummary.model_validate(postdocs[pid]),
                fit=round(float(problem.fit[pool_pos[pid]]), 4),
                covers=best_for[pid],
            )
            for pid in member_ids
        ],
        requirements=coverage,
        gaps=[c.text for c in coverage if c.gap],
        cohesion=cohesion_links([postdocs[pid] for pid in member_ids]),
    )


def _requirements_public(requirements: list[Requirement]) -> list[RequirementPublic]:
    return [RequirementPublic(index=j, text=r.text, source=r.source) for j, r in enumerate(requirements)]


def _objective(view: SearchView, model: CoverageModel) -> Objective:
    w = view.options.team_weights
    return Objective(
        formula=FORMULA,
        weights=ScoreParts(coverage=w.coverage, fit=w.fit, cohesion=w.cohesion),
        gap_below=model.gap_below,
    )


def load_postdocs(session: Session, ids: list[int]) -> dict[int, Postdoc]:
    """The postdocs with their stations and publication titles (for co-authorship), by id."""
    rows = session.scalars(
        select(Postdoc)
        # publications serve co-authorship only: their titles, not abstracts (4× fewer bytes)
        .options(
            selectinload(Postdoc.station),
            selectinload(Postdoc.publications).load_only(Publication.title, Publication.postdoc_id),
        )
        .where(Postdoc.id.in_(ids))
    )
    return {p.id: p for p in rows}
