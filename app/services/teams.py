"""Teams for a challenge: eligibility in SQL, scores per requirement, the team core, the response.

Eligibility (decided before search):
- availability in the requested set (default: available and limited);
- active engagements < ``max_concurrent_challenges``: an engagement is active while its challenge
  is claimed or in progress (``models.ACTIVE_ENGAGEMENT_STATUSES``);
- not employed by the posting enterprise (``postdocs.employer_enterprise_id``);
- not in the caller's ``exclude`` list.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.errors import InvalidInput, InvalidTransition
from app.matching.filters import PostdocFilters
from app.matching.requirements import (
    Requirement,
    RequirementScores,
    best_evidence,
    challenge_requirements,
    score_requirements,
)
from app.matching.teams import Team, TeamLimits, TeamProblem, Weights, build_teams, score_team
from app.runtime import Runtime
from app.schemas.challenges import ChallengeSummary
from app.schemas.postdocs import PostdocSummary
from app.schemas.teams import (
    CohesionLink,
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
from models import (
    ACTIVE_ENGAGEMENT_STATUSES,
    Availability,
    Challenge,
    ChallengeStatus,
    Engagement,
    Postdoc,
    Publication,
)

TEAMABLE_STATUSES = (ChallengeStatus.open, ChallengeStatus.matched)
POOL_PER_REQUIREMENT = 40
GAP_BELOW = 0.3
WEIGHTS = Weights(coverage=0.6, fit=0.3, cohesion=0.1)
FORMULA = (
    "score = coverage_weight · mean_j(1 − Π_i(1 − s_ij)) + fit_weight · mean_i(fit_i) "
    "+ cohesion_weight · mean over member pairs of tie_ik · sqrt(fit_i · fit_k)"
)
# Cohesion of a pair: the strongest tie they have (see cohesion_matrix).
CO_AUTHORED, SAME_STATION, SAME_INSTITUTION, SAME_CITY = 1.0, 0.6, 0.5, 0.2


@dataclass(frozen=True)
class TeamRequest:
    size_min: int = 2
    size_max: int = 4
    count: int = 3
    max_per_station: int | None = None
    exclude: frozenset[int] = frozenset()
    availability: tuple[Availability, ...] = (Availability.available, Availability.limited)
    filters: PostdocFilters = field(default_factory=PostdocFilters)


def recommend_teams(
    session: Session, runtime: Runtime, challenge: Challenge, request: TeamRequest
) -> TeamsPage:
    """The top ``count`` distinct teams for ``challenge``, with coverage, evidence and gaps."""
    requirements = _requirements_of(challenge)
    scores = score_requirements(session, runtime, challenge, requirements, request.filters)
    scores.keep(_eligible_leaders(session, challenge, scores, request))
    pool = scores.owners(top=POOL_PER_REQUIREMENT)
    postdocs = _postdocs(session, pool)
    problem = _problem(scores, pool, postdocs)
    limits = TeamLimits(request.size_min, request.size_max, request.max_per_station)
    teams = build_teams(problem, limits, request.count)
    return TeamsPage(
        challenge=ChallengeSummary.model_validate(challenge),
        requirements=_requirements_public(requirements),
        model_id=runtime.encoder.model_id,
        pool_size=len(pool),
        objective=_objective(),
        teams=[
            _team_public(session, rank, [pool[i] for i in t.members], t, scores, problem, postdocs)
            for rank, t in enumerate(teams, start=1)
        ],
    )


def score_draft_team(
    session: Session, runtime: Runtime, challenge: Challenge, postdoc_ids: list[int]
) -> DraftTeamScore:
    """Score a hand-assembled team exactly as generated teams are scored; list broken constraints."""
    requirements = _requirements_of(challenge)
    postdocs = _postdocs(session, postdoc_ids)
    unknown = [i for i in postdoc_ids if i not in postdocs]
    if unknown:
        raise InvalidInput(f"unknown postdoc id(s) {unknown}", field="postdoc_ids")
    scores = score_requirements(
        session, runtime, challenge, requirements, PostdocFilters(), owners=set(postdoc_ids)
    )
    problem = _problem(scores, postdoc_ids, postdocs)
    members = list(range(len(postdoc_ids)))
    team = Team(tuple(members), score_team(problem, members))
    return DraftTeamScore(
        challenge=ChallengeSummary.model_validate(challenge),
        requirements=_requirements_public(requirements),
        model_id=runtime.encoder.model_id,
        objective=_objective(),
        team=_team_public(session, None, postdoc_ids, team, scores, problem, postdocs),
        warnings=_draft_warnings(session, challenge, postdoc_ids, postdocs),
    )


def _requirements_of(challenge: Challenge) -> list[Requirement]:
    if challenge.status not in TEAMABLE_STATUSES:
        raise InvalidTransition(
            f"challenge {challenge.id} is {challenge.status.value}; teams are proposed for open "
            "(or matched) challenges only"
        )
    requirements = challenge_requirements(challenge)
    if not requirements:
        raise InvalidInput(
            "no requirements could be extracted from this challenge; set them with "
            f"PATCH /challenges/{challenge.id} {{'required_expertise': [...]}}",
            field="required_expertise",
        )
    return requirements


# ------------------------------------------------------------------ eligibility


def active_engagements() -> Select:
    """Per postdoc, the engagements that count against ``max_concurrent_challenges``."""
    return (
        select(Engagement.postdoc_id, func.count().label("active"))
        .join(Challenge, Challenge.id == Engagement.challenge_id)
        .where(Challenge.status.in_(ACTIVE_ENGAGEMENT_STATUSES))
        .group_by(Engagement.postdoc_id)
    )


def _eligible_leaders(
    session: Session, challenge: Challenge, scores: RequirementScores, request: TeamRequest
) -> set[int]:
    """Eligible owners among the leaders of every ranking, enough for each ranking to give
    ``POOL_PER_REQUIREMENT`` (the window widens while a ranking falls short)."""
    window = POOL_PER_REQUIREMENT * 4
    while True:
        allowed = eligible_postdocs(session, challenge, scores.owners(top=window), request)
        short = [
            ts
            for ts in [scores.whole, *scores.per_requirement]
            if len(ts.ranked) > window
            and sum(a.owner_id in allowed for a in ts.ranked[:window]) < POOL_PER_REQUIREMENT
        ]
        if not short:
            return allowed
        window *= 4


def eligible_postdocs(
    session: Session, challenge: Challenge, owner_ids: list[int], request: TeamRequest
) -> set[int]:
    """Which of ``owner_ids`` may join a team for ``challenge`` under ``request``."""
    load = active_engagements().subquery()
    query = (
        select(Postdoc.id)
        .outerjoin(load, load.c.postdoc_id == Postdoc.id)
        .where(
            Postdoc.availability.in_(request.availability),
            func.coalesce(load.c.active, 0) < Postdoc.max_concurrent_challenges,
            (Postdoc.employer_enterprise_id.is_(None))
            | (Postdoc.employer_enterprise_id != challenge.enterprise_id),
        )
    )
    wanted = [o for o in owner_ids if o not in request.exclude]
    kept: set[int] = set()
    for start in range(0, len(wanted), 1000):
        kept.update(session.scalars(query.where(Postdoc.id.in_(wanted[start : start + 1000]))).all())
    return kept


def _draft_warnings(
    session: Session, challenge: Challenge, postdoc_ids: list[int], postdocs: dict[int, Postdoc]
) -> list[str]:
    load = dict(session.execute(active_engagements().where(Engagement.postdoc_id.in_(postdoc_ids))).all())
    warnings = []
    for pid in postdoc_ids:
        p = postdocs[pid]
        if p.employer_enterprise_id == challenge.enterprise_id:
            warnings.append(f"postdoc {pid} ({p.name}) is employed by the posting enterprise")
        if p.availability == Availability.unavailable:
            warnings.append(f"postdoc {pid} ({p.name}) is unavailable")
        if load.get(pid, 0) >= p.max_concurrent_challenges:
            warnings.append(
                f"postdoc {pid} ({p.name}) already has {load.get(pid, 0)} active engagement(s) "
                f"(max {p.max_concurrent_challenges})"
            )
    return warnings


# ------------------------------------------------------------------ the team problem


def _problem(scores: RequirementScores, pool: list[int], postdocs: dict[int, Postdoc]) -> TeamProblem:
    matrix, fit = scores.matrix(pool)
    members = [postdocs[p] for p in pool]
    station = np.array([p.station_id or -1 for p in members], dtype=np.int64)
    # A tie counts in proportion to how relevant both people are (geometric mean of their fit),
    # so a weak colleague from the same station never beats a relevant outsider on cohesion.
    ties = cohesion_matrix(members) * np.sqrt(np.outer(fit, fit))
    return TeamProblem(matrix, fit, ties, station, WEIGHTS)


def cohesion_matrix(pool: list[Postdoc]) -> np.ndarray:
    """Pairwise ties, 0 … 1: the strongest of co-authored publication, same station, same host
    institution, same city.

    Co-authorship is detected as the same publication title (ignoring case and punctuation) in
    two postdocs' lists; publications carry no author lists.
    """
    stations = [p.station for p in pool]

    def same(values: list[object]) -> np.ndarray:
        codes = {v: i for i, v in enumerate(dict.fromkeys(v for v in values if v is not None))}
        arr = np.array([codes[v] if v is not None else -1 - i for i, v in enumerate(values)])
        return arr[:, None] == arr[None, :]

    matrix = np.where(
        same([s.id if s else None for s in stations]),
        SAME_STATION,
        np.where(
            same([s.host_institution if s else None for s in stations]),
            SAME_INSTITUTION,
            np.where(same([s.city if s else None for s in stations]), SAME_CITY, 0.0),
        ),
    )
    for i, k in _co_authored(pool):
        matrix[i, k] = matrix[k, i] = CO_AUTHORED
    np.fill_diagonal(matrix, 0.0)
    return matrix


def _co_authored(pool: list[Postdoc]) -> set[tuple[int, int]]:
    """Pool positions (i < k) of postdocs that list the same publication."""
    titles: dict[str, set[int]] = {}
    for pos, p in enumerate(pool):
        for pub in p.publications:
            titles.setdefault(_title_key(pub.title), set()).add(pos)
    return {(a, b) for ids in titles.values() for a in ids for b in ids if a < b}


def cohesion_links(members: list[Postdoc]) -> list[CohesionLink]:
    """The reason behind each tie inside one team, for the response."""
    coauthored = _co_authored(members)
    links = []
    for i, k in itertools.combinations(range(len(members)), 2):
        reason = _tie_reason(members[i], members[k], (i, k) in coauthored)
        if reason:
            ids = sorted((members[i].id, members[k].id))
            links.append(CohesionLink(postdoc_ids=(ids[0], ids[1]), reason=reason))
    return sorted(links, key=lambda link: link.postdoc_ids)


def _tie_reason(a: Postdoc, b: Postdoc, co_authored: bool) -> str:
    if co_authored:
        return "co-authored a publication"
    sa, sb = a.station, b.station
    if sa is None or sb is None:
        return ""
    if sa.id == sb.id:
        return f"same station ({sa.name})"
    if sa.host_institution == sb.host_institution:
        return f"same host institution ({sa.host_institution})"
    if sa.city == sb.city:
        return f"same city ({sa.city})"
    return ""


def _title_key(title: str) -> str:
    return re.sub(r"\W+", "", title).lower()


# ------------------------------------------------------------------ the response


def _team_public(
    session: Session,
    rank: int | None,
    member_ids: list[int],
    team: Team,
    scores: RequirementScores,
    problem: TeamProblem,
    postdocs: dict[int, Postdoc],
) -> TeamPublic:
    pos = {pid: i for i, pid in enumerate(member_ids)}
    pool_pos = dict(zip(member_ids, team.members, strict=True))
    coverage = []
    best_for: dict[int, list[int]] = {pid: [] for pid in member_ids}
    for j, (req, req_scores) in enumerate(zip(scores.requirements, scores.per_requirement, strict=True)):
        evidence = best_evidence(session, req_scores, member_ids)
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
        if covers and value >= GAP_BELOW:
            best_for[covers[0].postdoc_id].append(j)
        coverage.append(
            RequirementCoverage(
                index=j, text=req.text, coverage=round(value, 4), covered_by=covers, gap=value < GAP_BELOW
            )
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


def _objective() -> Objective:
    return Objective(
        formula=FORMULA,
        weights=ScoreParts(coverage=WEIGHTS.coverage, fit=WEIGHTS.fit, cohesion=WEIGHTS.cohesion),
        gap_below=GAP_BELOW,
    )


def _postdocs(session: Session, ids: list[int]) -> dict[int, Postdoc]:
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
