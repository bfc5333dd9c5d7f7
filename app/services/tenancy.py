"""Who may see what: one place for the tenant rules used by API loaders, lists and the web UI.

HR and admin see everything; an enterprise account sees its own enterprise and its challenges;
a postdoc account sees its own profile and every published (non-draft) challenge. A lead may
name as team members only postdocs of its own station (and finds, by name or email, only
those); members who have not confirmed are shown to other postdocs by id only, and to the
enterprise not at all (it sees how many are pending).
"""

from __future__ import annotations

from sqlalchemy import Select, false, or_, select

from app.errors import NotFound
from models import Account, Application, ApplicationMember, Challenge, ChallengeStatus, Postdoc, Role

__all__ = [
    "can_change_challenge",
    "can_name_as_member",
    "can_see_application",
    "can_see_challenge",
    "can_see_enterprise",
    "can_see_postdoc",
    "not_found",
    "scope_applications",
    "scope_challenges",
    "sees_member_details",
    "sees_member_name",
]


def can_see_challenge(account: Account, challenge: Challenge) -> bool:
    if account.sees_everything:
        return True
    if account.role == Role.enterprise:
        return challenge.enterprise_id == account.enterprise_id
    return challenge.status != ChallengeStatus.draft


def can_change_challenge(account: Account, challenge: Challenge) -> bool:
    return account.sees_everything or (
        account.role == Role.enterprise and challenge.enterprise_id == account.enterprise_id
    )


def can_see_postdoc(account: Account, postdoc_id: int) -> bool:
    return account.sees_everything or (account.role == Role.postdoc and account.postdoc_id == postdoc_id)


def can_name_as_member(lead: Postdoc, member: Postdoc | None) -> bool:
    """Whether ``lead`` may invite ``member`` to a team (its own station's postdocs)."""
    return member is not None and lead.station_id is not None and member.station_id == lead.station_id


def sees_member_details(account: Account, member: ApplicationMember) -> bool:
    """Whether ``account`` may read a team member's profile summary (a postdoc: once they
    confirmed, or its own; the enterprise: once they confirmed)."""
    if account.sees_everything or member.confirmed:
        return True
    return account.role == Role.postdoc and member.postdoc_id == account.postdoc_id


def sees_member_name(account: Account, member: ApplicationMember) -> bool:
    """Whether ``account`` may see who a team member is: the enterprise only once the member
    confirmed (an invitation is not yet a commitment); HR, admin and the team always."""
    return account.role != Role.enterprise or member.confirmed


def can_see_enterprise(account: Account, enterprise_id: int) -> bool:
    return account.sees_everything or (
        account.role == Role.enterprise and account.enterprise_id == enterprise_id
    )


def can_see_application(account: Account, application: Application) -> bool:
    if account.sees_everything:
        return True
    if account.role == Role.enterprise:
        return application.challenge.enterprise_id == account.enterprise_id
    return account.postdoc_id in {application.lead_postdoc_id, *(m.postdoc_id for m in application.members)}


def scope_challenges(query: Select, account: Account) -> Select:
    """Restrict a challenge query to what ``account`` may see."""
    if account.sees_everything:
        return query
    if account.role == Role.enterprise:
        return query.where(Challenge.enterprise_id == account.enterprise_id)
    return query.where(Challenge.status != ChallengeStatus.draft)


def scope_applications(query: Select, account: Account) -> Select:
    if account.sees_everything:
        return query
    if account.role == Role.enterprise:
        owned = select(Challenge.id).where(Challenge.enterprise_id == account.enterprise_id)
        return query.where(Application.challenge_id.in_(owned))
    if account.postdoc_id is None:
        return query.where(false())
    member_of = select(ApplicationMember.application_id).where(
        ApplicationMember.postdoc_id == account.postdoc_id
    )
    return query.where(or_(Application.lead_postdoc_id == account.postdoc_id, Application.id.in_(member_of)))


def not_found(label: str, obj_id: int) -> NotFound:
    """The same answer for "does not exist" and "exists but is not yours"."""
    return NotFound(f"{label} {obj_id} not found")
