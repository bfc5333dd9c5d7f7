"""What the HR dashboard counts: challenges by status and sector, lists waiting for review, and
the programme at a glance (tiles, the posted → matched → claimed → solved funnel, challenges
by sector and by month) that its charts draw."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    Application,
    ApplicationStatus,
    Challenge,
    ChallengeStatus,
    MatchEntry,
    MatchStatus,
    Postdoc,
    Sector,
)

__all__ = [
    "ProgrammeCounts",
    "ProgrammeOverview",
    "pending_reviews",
    "programme_counts",
    "programme_overview",
]

REVIEWABLE = (ChallengeStatus.open, ChallengeStatus.matched)


@dataclass(frozen=True)
class ProgrammeCounts:
    by_status: list[tuple[str, int]]
    pending_applications: int


def programme_counts(session: Session) -> ProgrammeCounts:
    """Challenges per status (every status listed), and pending applications."""
    by_status = dict(session.execute(select(Challenge.status, func.count()).group_by(Challenge.status)).all())
    waiting = (
        select(func.count()).select_from(Application).where(Application.status == ApplicationStatus.pending)
    )
    return ProgrammeCounts(
        by_status=[(s.value, by_status.get(s, 0)) for s in ChallengeStatus],
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


CLAIMED = (ChallengeStatus.claimed, ChallengeStatus.in_progress, ChallengeStatus.solved)


@dataclass(frozen=True)
class ProgrammeOverview:
    tiles: list[tuple[str, int]]  # (what, how many): postdocs, enterprises, posted, approved …
    funnel: list[tuple[str, int]]  # posted ⊇ matched ⊇ claimed ⊇ solved (challenges)
    by_sector: list[tuple[str, int]]  # posted challenges per sector, every sector listed
    by_month: list[tuple[str, int]]  # posted challenges per month ("2026-03"), oldest first


def programme_overview(
    session: Session, *, zone: ZoneInfo, months: int, now: datetime | None = None
) -> ProgrammeOverview:
    """The programme at a glance. A posted challenge (any status but draft) counts as matched
    once someone on its list is approved or it moved past open, as claimed once an application
    was accepted or it is claimed, in progress or solved; so each stage holds the next."""
    posted = session.execute(
        select(Challenge.id, Challenge.status, Challenge.sector, Challenge.created_at).where(
            Challenge.status != ChallengeStatus.draft
        )
    ).all()
    funnel = _funnel(session, [(row[0], row[1]) for row in posted])
    approved = select(func.count()).select_from(MatchEntry).where(MatchEntry.status == MatchStatus.approved)
    tiles = [
        ("postdocs", session.scalar(select(func.count()).select_from(Postdoc)) or 0),
        ("challenges", len(posted)),
        ("approved", session.scalar(approved) or 0),
        ("claimed", funnel[2][1]),
        ("solved", funnel[3][1]),
    ]
    sectors = Counter(row[2] for row in posted)
    return ProgrammeOverview(
        tiles=tiles,
        funnel=funnel,
        by_sector=[(s.value, sectors.get(s, 0)) for s in Sector],
        by_month=_by_month([row[3] for row in posted], zone, months, now or datetime.now(UTC)),
    )


def _funnel(session: Session, posted: list[tuple[int, ChallengeStatus]]) -> list[tuple[str, int]]:
    approved = set(
        session.scalars(select(MatchEntry.challenge_id).where(MatchEntry.status == MatchStatus.approved))
    )
    accepted = set(
        session.scalars(
            select(Application.challenge_id).where(Application.status == ApplicationStatus.accepted)
        )
    )
    solved = {i for i, s in posted if s == ChallengeStatus.solved}
    claimed = solved | {i for i, s in posted if s in CLAIMED or i in accepted}
    matched = claimed | {i for i, s in posted if s == ChallengeStatus.matched or i in approved}
    return [
        ("posted", len(posted)),
        ("matched", len(matched)),
        ("claimed", len(claimed)),
        ("solved", len(solved)),
    ]


def _by_month(created: list[datetime], zone: ZoneInfo, months: int, now: datetime) -> list[tuple[str, int]]:
    """Counts for the ``months`` calendar months up to ``now``'s (in ``zone``), empty ones too."""

    def month(moment: datetime) -> tuple[int, int]:
        local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone)
        return local.year, local.month

    counts = Counter(month(c) for c in created)
    year, last = month(now)
    keys = [divmod(year * 12 + last - 1 - back, 12) for back in range(months - 1, -1, -1)]
    return [(f"{y}-{m + 1:02d}", counts.get((y, m + 1), 0)) for y, m in keys]
