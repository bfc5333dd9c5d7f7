"""Postdocs' side: bookmarks and "not relevant" dismissals, and team applications (揭榜)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, selectinload

from app.errors import Conflict, InvalidInput, NotFound
from app.services import audit, tenancy
from app.services.announcements import team_applied
from app.services.challenges import transition_challenge
from app.services.common import commit
from app.services.notifications import (
    Message,
    applications_target,
    notify,
    postdoc_accounts,
)
from models import (
    Account,
    Application,
    ApplicationMember,
    ApplicationStatus,
    Challenge,
    ChallengeMark,
    ChallengeStatus,
    Engagement,
    MarkKind,
    Postdoc,
)

__all__ = [
    "APPLICABLE",
    "apply",
    "bookmarked",
    "bookmarked_challenges",
    "confirm",
    "decide",
    "decline",
    "list_applications",
    "marked_ids",
    "set_mark",
]

APPLICABLE = {ChallengeStatus.open, ChallengeStatus.matched}


def set_mark(session: Session, postdoc_id: int, challenge_id: int, kind: MarkKind, on: bool) -> None:
    """Bookmark or dismiss a challenge for a postdoc (idempotent both ways)."""
    exists = session.scalar(
        select(ChallengeMark.id).where(
            ChallengeMark.postdoc_id == postdoc_id,
            ChallengeMark.challenge_id == challenge_id,
            ChallengeMark.kind == kind,
        )
    )
    if on and exists is None:
        session.add(ChallengeMark(postdoc_id=postdoc_id, challenge_id=challenge_id, kind=kind))
    if not on and exists is not None:
        session.execute(delete(ChallengeMark).where(ChallengeMark.id == exists))
    commit(session)


def marked_ids(session: Session, postdoc_id: int, kind: MarkKind) -> set[int]:
    query = select(ChallengeMark.challenge_id).where(
        ChallengeMark.postdoc_id == postdoc_id, ChallengeMark.kind == kind
    )
    return set(session.scalars(query))


def bookmarked(session: Session, postdoc_id: int) -> list[ChallengeMark]:
    query = (
        select(ChallengeMark)
        .join(Challenge, Challenge.id == ChallengeMark.challenge_id)
        .where(
            ChallengeMark.postdoc_id == postdoc_id,
            ChallengeMark.kind == MarkKind.bookmark,
            Challenge.status != ChallengeStatus.draft,
        )
        .order_by(ChallengeMark.id)
    )
    return list(session.scalars(query))


def bookmarked_challenges(session: Session, postdoc_id: int) -> list[Challenge]:
    """The published challenges the postdoc bookmarked, in the order they were bookmarked."""
    marks = bookmarked(session, postdoc_id)
    ids = [m.challenge_id for m in marks]
    found = {c.id: c for c in session.scalars(select(Challenge).where(Challenge.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def apply(
    session: Session,
    lead: Account,
    challenge: Challenge,
    member_ids: list[int],
    proposal: str,
    *,
    max_proposal_chars: int,
) -> Application:
    """A team led by the calling postdoc applies; the lead is confirmed, the members confirm later."""
    assert lead.postdoc_id is not None
    limit = max_proposal_chars
    proposal = proposal.strip()
    if not proposal:
        raise InvalidInput("write a short proposal", field="proposal")
    if len(proposal) > limit:
        raise InvalidInput(
            f"the proposal is {len(proposal)} characters; at most {limit} are allowed", field="proposal"
        )
    if challenge.status not in APPLICABLE:
        raise Conflict(
            f"challenge {challenge.id} is {challenge.status.value}; only open calls take applications"
        )
    if _has_live_application(session, challenge.id, lead.postdoc_id):
        raise Conflict("you already applied to this challenge as team lead; see your applications")
    members = [lead.postdoc_id, *dict.fromkeys(m for m in member_ids if m != lead.postdoc_id)]
    _check_members(session, lead.postdoc_id, members[1:])
    application = Application(challenge_id=challenge.id, lead_postdoc_id=lead.postdoc_id, proposal=proposal)
    application.members = [ApplicationMember(postdoc_id=p, confirmed=p == lead.postdoc_id) for p in members]
    session.add(application)
    session.flush()
    audit.record(
        session, lead, "apply", application, challenge_id=challenge.id, before=None, after=_state(application)
    )
    notify(
        session,
        postdoc_accounts(session, members[1:]),
        "team_invite",
        Message(
            f"请确认加入《{challenge.title}》揭榜团队",
            f"Please confirm: you are on a team for “{challenge.title}”",
        ),
        applications_target(),
    )
    team_applied(session, challenge, application)
    commit(session)
    return application


def _check_members(session: Session, lead_id: int, member_ids: list[int]) -> None:
    # One answer for "no such postdoc" and "not one you may name", so ids cannot be probed.
    lead = session.get(Postdoc, lead_id)
    assert lead is not None
    for postdoc_id in member_ids:
        if not tenancy.can_name_as_member(lead, session.get(Postdoc, postdoc_id)):
            raise NotFound(f"postdoc {postdoc_id} not found", field="member_ids")


def _has_live_application(session: Session, challenge_id: int, lead_postdoc_id: int) -> bool:
    """A pending or accepted application led by this postdoc (rejected ones may be retried)."""
    query = select(Application.id).where(
        Application.challenge_id == challenge_id,
        Application.lead_postdoc_id == lead_postdoc_id,
        Application.status.in_((ApplicationStatus.pending, ApplicationStatus.accepted)),
    )
    return session.scalar(query.limit(1)) is not None


def decline(session: Session, account: Account, application: Application) -> Application:
    """A member (not the lead) leaves a pending application; the lead is told."""
    member = next((m for m in application.members if m.postdoc_id == account.postdoc_id), None)
    if member is None or account.postdoc_id == application.lead_postdoc_id:
        raise NotFound(f"application {application.id} not found")
    if application.status != ApplicationStatus.pending:
        raise Conflict(f"application {application.id} is already {application.status.value}")
    before = _state(application)
    application.members.remove(member)
    session.flush()
    audit.record(
        session,
        account,
        "decline",
        application,
        challenge_id=application.challenge_id,
        before=before,
        after=_state(application),
    )
    title = application.challenge.title
    notify(
        session,
        postdoc_accounts(session, [application.lead_postdoc_id]),
        "team_decline",
        Message(f"有成员婉拒加入《{title}》揭榜团队", f"A member declined the team for “{title}”"),
        applications_target(),
    )
    commit(session)
    return application


def _state(application: Application) -> dict:
    return {
        "status": application.status.value,
        "members": [[m.postdoc_id, m.confirmed] for m in application.members],
        "note": application.decision_note,
    }


def confirm(session: Session, account: Account, application: Application) -> Application:
    member = next((m for m in application.members if m.postdoc_id == account.postdoc_id), None)
    if member is None:
        raise NotFound(f"application {application.id} not found")
    if not member.confirmed:
        before = _state(application)
        member.confirmed = True
        audit.record(
            session,
            account,
            "confirm",
            application,
            challenge_id=application.challenge_id,
            before=before,
            after=_state(application),
        )
        commit(session)
    return application


def decide(
    session: Session, actor: Account, application: Application, decision: str, note: str
) -> Application:
    """Accept (the challenge moves to claimed) or reject a pending application; audited, notified."""
    if application.status != ApplicationStatus.pending:
        raise Conflict(f"application {application.id} is already {application.status.value}")
    if decision == ApplicationStatus.accepted and not all(m.confirmed for m in application.members):
        raise Conflict("every team member must confirm before the application can be accepted")
    if decision == ApplicationStatus.accepted and application.challenge.status not in APPLICABLE:
        raise Conflict(
            f"challenge {application.challenge_id} is already {application.challenge.status.value}; "
            "only an open or matched challenge can accept a team"
        )
    before = _state(application)
    application.status, application.decision_note = ApplicationStatus(decision), note
    audit.record(
        session,
        actor,
        "decide",
        application,
        challenge_id=application.challenge_id,
        before=before,
        after=_state(application),
    )
    title = application.challenge.title
    message = {
        "accepted": Message(
            f"《{title}》揭榜申请已接受", f"Your team's application for “{title}” was accepted"
        ),
        "rejected": Message(
            f"《{title}》揭榜申请未通过", f"Your team's application for “{title}” was not accepted"
        ),
    }[decision]
    notify(
        session,
        postdoc_accounts(session, [m.postdoc_id for m in application.members]),
        "application_decision",
        message,
        applications_target(),
    )
    if decision == ApplicationStatus.accepted:
        # The team's members are now engaged on this challenge: counted against each member's
        # max_concurrent_challenges by the team builder while the challenge is claimed/in progress.
        session.add_all(
            Engagement(challenge_id=application.challenge_id, postdoc_id=m.postdoc_id)
            for m in application.members
        )
        session.flush()
        transition_challenge(session, application.challenge_id, ChallengeStatus.claimed)
    else:
        commit(session)
    return application


def list_applications(
    session: Session, scope: Callable[[Select], Select], *, challenge_id: int | None, limit: int, offset: int
) -> list[Application]:
    query = select(Application).options(
        selectinload(Application.members).selectinload(ApplicationMember.postdoc)
    )
    if challenge_id is not None:
        query = query.where(Application.challenge_id == challenge_id)
    return list(session.scalars(scope(query).order_by(Application.id.desc()).limit(limit).offset(offset)))
