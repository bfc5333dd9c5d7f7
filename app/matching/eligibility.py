"""Who may join a team for a challenge, decided in SQL before the team search.

- availability in the requested set (default: available and limited);
- active engagements < ``max_concurrent_challenges``: an engagement is active while its challenge
  is claimed or in progress (``models.ACTIVE_ENGAGEMENT_STATUSES``);
- not employed by the posting enterprise (``postdocs.employer_enterprise_id``);
- not in the caller's ``exclude`` list;
- not turned away for this challenge: HR rejected them on its match list (``MatchEntry``
  rejected), they dismissed it (``ChallengeMark`` dismiss), or they declined it (an application
  of theirs for it that they withdrew, or that HR rejected).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.matching.filters import PostdocFilters
from app.matching.requirements import RequirementScores
from models import (
    ACTIVE_ENGAGEMENT_STATUSES,
    Application,
    ApplicationStatus,
    Availability,
    Challenge,
    ChallengeMark,
    Engagement,
    MarkKind,
    MatchEntry,
    MatchStatus,
    Postdoc,
)

__all__ = [
    "TeamRequest",
    "active_engagements",
    "draft_warnings",
    "eligible_leaders",
    "eligible_postdocs",
    "turned_away",
]


@dataclass(frozen=True)
class TeamRequest:
    size_min: int = 2
    size_max: int = 4
    count: int = 3
    max_per_station: int | None = None
    exclude: frozenset[int] = frozenset()
    availability: tuple[Availability, ...] = (Availability.available, Availability.limited)
    filters: PostdocFilters = field(default_factory=PostdocFilters)


def active_engagements() -> Select:
    """Per postdoc, the engagements that count against ``max_concurrent_challenges``."""
    return (
        select(Engagement.postdoc_id, func.count().label("active"))
        .join(Challenge, Challenge.id == Engagement.challenge_id)
        .where(Challenge.status.in_(ACTIVE_ENGAGEMENT_STATUSES))
        .group_by(Engagement.postdoc_id)
    )


def turned_away(challenge_id: int) -> Select:
    """Postdoc ids that must not be proposed for this challenge: rejected by HR on its match
    list, dismissed by the postdoc, or declined (their application withdrawn or rejected)."""
    rejected = select(MatchEntry.postdoc_id).where(
        MatchEntry.challenge_id == challenge_id, MatchEntry.status == MatchStatus.rejected
    )
    dismissed = select(ChallengeMark.postdoc_id).where(
        ChallengeMark.challenge_id == challenge_id, ChallengeMark.kind == MarkKind.dismiss
    )
    declined = select(Application.lead_postdoc_id).where(
        Application.challenge_id == challenge_id,
        Application.status.in_((ApplicationStatus.withdrawn, ApplicationStatus.rejected)),
    )
    return rejected.union(dismissed, declined)


def eligible_leaders(
    session: Session, challenge: Challenge, scores: RequirementScores, request: TeamRequest, pool: int
) -> set[int]:
    """Eligible owners among the leaders of every ranking, enough for each ranking to give
    ``pool`` (the window widens while a ranking falls short)."""
    window = pool * 4
    while True:
        allowed = eligible_postdocs(session, challenge, scores.owners(top=window), request)
        short = [
            ts
            for ts in [scores.whole, *scores.per_requirement]
            if len(ts.ranked) > window and sum(a.owner_id in allowed for a in ts.ranked[:window]) < pool
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
            Postdoc.id.not_in(turned_away(challenge.id)),
        )
    )
    wanted = [o for o in owner_ids if o not in request.exclude]
    kept: set[int] = set()
    for start in range(0, len(wanted), 1000):
        kept.update(session.scalars(query.where(Postdoc.id.in_(wanted[start : start + 1000]))).all())
    return kept


def draft_warnings(
    session: Session, challenge: Challenge, postdoc_ids: list[int], postdocs: dict[int, Postdoc]
) -> list[str]:
    """The eligibility rules a hand-made team breaks, one line per member and rule."""
    load = dict(session.execute(active_engagements().where(Engagement.postdoc_id.in_(postdoc_ids))).all())
    away = set(session.scalars(turned_away(challenge.id)).all())
    warnings = []
    for pid in postdoc_ids:
        p = postdocs[pid]
        if pid in away:
            warnings.append(
                f"postdoc {pid} ({p.name}) was rejected for, dismissed or declined this challenge"
            )
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
