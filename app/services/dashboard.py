"""What the HR dashboard counts: challenges by status and sector, lists waiting for review."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    Application,
    ApplicationStatus,
    Challenge,
    ChallengeStatus,
    MatchEntry,
    MatchStatus,
    Sector,
)

__all__ = ["ProgrammeCounts", "pending_reviews", "programme_counts"]

REVIEWABLE = (ChallengeStatus.open, ChallengeStatus.matched)


@dataclass(frozen=True)
class ProgrammeCounts:
    by_status: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]
    pending_applications: int


def programme_counts(session: Session) -> ProgrammeCounts:
    """Challenges per status and per sector (every value listed), and pending applications."""
    by_status = dict(session.execute(select(Challenge.status, func.count()).group_by(Challenge.status)).all())
    by_sector = dict(session.execute(select(Challenge.sector, func.count()).group_by(Challenge.sector)).all())
    waiting = (
        select(func.count()).select_from(Application).where(Application.status == ApplicationStatus.pending)
    )
    return ProgrammeCounts(
        by_status=[(s.value, by_status.get(s, 0)) for s in ChallengeStatus],
        by_sector=[(s.value, by_sector.get(s, 0)) for s in Sector],
        pending_applications=session.scalar(waiting) or 0,
    )


def pending_reviews(session: Session, limit: int = 200) -> list[tuple[Challenge, int]]:
    """Open or matched challenges whose list has no approved entry yet, with their list size."""
    live = select(Challenge).where(Challenge.status.in_(REVIEWABLE))
    challenges = list(session.scalars(live.order_by(Challenge.id).limit(limit)))
    approved = set(
        session.scalars(select(MatchEntry.challenge_id).where(MatchEntry.status == MatchStatus.approved))
    )
    sizes = Counter(session.scalars(select(MatchEntry.challenge_id)))
    return [(c, sizes.get(c.id, 0)) for c in challenges if c.id not in approved]
