"""Teams for an open call: the use-cases behind ``GET /challenges/{id}/teams`` and scoring a
team HR put together by hand. They check the challenge and the members, then hand over to
app/matching/teams.py, which ranks."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import InvalidInput, InvalidTransition
from app.matching import teams as matching
from app.matching.eligibility import TeamRequest
from app.matching.requirements import Requirement, challenge_requirements
from app.matching.view import SearchView
from app.schemas.teams import DraftTeamScore, TeamsPage
from models import Challenge, ChallengeStatus

__all__ = ["TEAMABLE_STATUSES", "TeamRequest", "recommend_teams", "score_draft_team"]

TEAMABLE_STATUSES = (ChallengeStatus.open, ChallengeStatus.matched)


def recommend_teams(
    session: Session, view: SearchView, challenge: Challenge, request: TeamRequest
) -> TeamsPage:
    """The top ``count`` distinct teams for ``challenge``, with coverage, evidence and gaps."""
    return matching.propose_teams(session, view, challenge, _requirements_of(challenge), request)


def score_draft_team(
    session: Session, view: SearchView, challenge: Challenge, postdoc_ids: list[int]
) -> DraftTeamScore:
    """Score a hand-assembled team exactly as generated teams are scored; list broken constraints."""
    requirements = _requirements_of(challenge)
    postdocs = matching.load_postdocs(session, postdoc_ids)
    unknown = [i for i in postdoc_ids if i not in postdocs]
    if unknown:
        raise InvalidInput(f"unknown postdoc id(s) {unknown}", field="postdoc_ids")
    ordered = {pid: postdocs[pid] for pid in postdoc_ids}
    return matching.score_draft(session, view, challenge, requirements, ordered)


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
