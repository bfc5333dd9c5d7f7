"""Teams for a challenge: requirements, members, who covers what (with evidence), gaps."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from app.schemas.challenges import ChallengeSummary
from app.schemas.common import IdList, InputModel
from app.schemas.postdocs import PostdocSummary
from app.schemas.ranking import Evidence

__all__ = [
    "MAX_TEAMS",
    "MAX_TEAM_SIZE",
    "CohesionLink",
    "DraftTeam",
    "DraftTeamScore",
    "MemberCover",
    "Objective",
    "RequirementCoverage",
    "RequirementPublic",
    "ScoreParts",
    "TeamMember",
    "TeamPublic",
    "TeamsPage",
]

MAX_TEAM_SIZE = 6
MAX_TEAMS = 10


class RequirementPublic(BaseModel):
    index: int
    text: str
    source: str = Field(description="required_expertise (set by the enterprise / HR) or extracted")


class MemberCover(BaseModel):
    postdoc_id: int
    score: float = Field(description="calibrated probability that this member covers the requirement")
    evidence: Evidence | None


class RequirementCoverage(BaseModel):
    index: int
    text: str
    coverage: float = Field(
        description="1 − Π(1 − member score) over the members (member score: calibrated P(covered))"
    )
    covered_by: list[MemberCover] = Field(description="members with a positive score, best first")
    gap: bool = Field(description="no single member's calibrated score reaches objective.gap_below")


class TeamMember(BaseModel):
    postdoc: PostdocSummary
    fit: float = Field(description="individual score for the whole challenge")
    covers: list[int] = Field(description="requirements this member covers best in the team")


class CohesionLink(BaseModel):
    postdoc_ids: tuple[int, int]
    reason: str


class ScoreParts(BaseModel):
    coverage: float
    fit: float
    cohesion: float


class TeamPublic(BaseModel):
    rank: int | None
    score: float
    parts: ScoreParts
    members: list[TeamMember]
    requirements: list[RequirementCoverage]
    gaps: list[str] = Field(description="requirements nobody in the team covers well (for HR)")
    cohesion: list[CohesionLink]


class Objective(BaseModel):
    formula: str
    weights: ScoreParts
    gap_below: float


class TeamsPage(BaseModel):
    challenge: ChallengeSummary
    requirements: list[RequirementPublic]
    model_id: str
    pool_size: int = Field(description="eligible candidates the teams were drawn from")
    objective: Objective
    teams: list[TeamPublic]


class DraftTeam(InputModel):
    """A team HR assembled by hand."""

    postdoc_ids: IdList(MAX_TEAM_SIZE, min_length=1)  # type: ignore[valid-type]

    @field_validator("postdoc_ids")
    @classmethod
    def _distinct(cls, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise ValueError("postdoc_ids must not repeat a postdoc")
        return value


class DraftTeamScore(BaseModel):
    challenge: ChallengeSummary
    requirements: list[RequirementPublic]
    model_id: str
    objective: Objective
    team: TeamPublic
    warnings: list[str] = Field(description="constraints the draft breaks (employer, availability, load)")
