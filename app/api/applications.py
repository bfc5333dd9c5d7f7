"""Postdocs' bookmarks, dismissals and team applications (揭榜); notifications for everyone."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from app.api.deps import (
    DELIVER_AFTER,
    STAFF_OR_ENTERPRISE,
    STAFF_OR_POSTDOC,
    ApplicationDep,
    ChallengeDep,
    CurrentUser,
    Id,
    OwnedChallengeDep,
    PageDep,
    PostdocDep,
    SessionDep,
    SettingsDep,
    require,
)
from app.schemas.review import (
    ApplicationCreate,
    ApplicationDecision,
    ApplicationPublic,
    MarkPublic,
    NotificationPublic,
)
from app.services import applications as service
from app.services import notifications, tenancy
from models import Application, MarkKind, Role

__all__ = [
    "POSTDOC_ONLY",
    "apply",
    "bookmark",
    "bookmarks",
    "challenge_applications",
    "confirm",
    "decide",
    "dismiss",
    "get_application",
    "my_applications",
    "my_notifications",
    "read_notification",
    "router",
    "unbookmark",
    "undismiss",
]

router = APIRouter(tags=["postdoc side"])
POSTDOC_ONLY = [Depends(require(Role.postdoc))]


def _public(user: CurrentUser, application: Application) -> ApplicationPublic:
    """The application as ``user`` may read it (unconfirmed members by id only, for postdocs)."""
    public = ApplicationPublic.model_validate(application)
    for member, row in zip(public.members, application.members, strict=True):
        if not tenancy.sees_member_details(user, row):
            member.postdoc = None
    return public


def _mark(session: SessionDep, user: CurrentUser, challenge: ChallengeDep, kind: MarkKind, on: bool) -> None:
    assert user.postdoc_id is not None
    service.set_mark(session, user.postdoc_id, challenge.id, kind, on)


@router.put(
    "/challenges/{challenge_id}/bookmark", status_code=status.HTTP_204_NO_CONTENT, dependencies=POSTDOC_ONLY
)
def bookmark(session: SessionDep, user: CurrentUser, challenge: ChallengeDep) -> None:
    _mark(session, user, challenge, MarkKind.bookmark, True)


@router.delete(
    "/challenges/{challenge_id}/bookmark", status_code=status.HTTP_204_NO_CONTENT, dependencies=POSTDOC_ONLY
)
def unbookmark(session: SessionDep, user: CurrentUser, challenge: ChallengeDep) -> None:
    _mark(session, user, challenge, MarkKind.bookmark, False)


@router.put(
    "/challenges/{challenge_id}/dismissal", status_code=status.HTTP_204_NO_CONTENT, dependencies=POSTDOC_ONLY
)
def dismiss(session: SessionDep, user: CurrentUser, challenge: ChallengeDep) -> None:
    """ "Not relevant": the challenge leaves this postdoc's recommendations."""
    _mark(session, user, challenge, MarkKind.dismiss, True)


@router.delete(
    "/challenges/{challenge_id}/dismissal", status_code=status.HTTP_204_NO_CONTENT, dependencies=POSTDOC_ONLY
)
def undismiss(session: SessionDep, user: CurrentUser, challenge: ChallengeDep) -> None:
    _mark(session, user, challenge, MarkKind.dismiss, False)


@router.get(
    "/postdocs/{postdoc_id}/bookmarks", response_model=list[MarkPublic], dependencies=STAFF_OR_POSTDOC
)
def bookmarks(session: SessionDep, postdoc: PostdocDep) -> object:
    return service.bookmarked(session, postdoc.id)


@router.post(
    "/challenges/{challenge_id}/applications",
    response_model=ApplicationPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=[*POSTDOC_ONLY, DELIVER_AFTER],
)
def apply(
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
    challenge: ChallengeDep,
    body: ApplicationCreate,
) -> object:
    """Apply as a team led by the caller; members confirm via ``POST /applications/{id}/confirm``."""
    application = service.apply(
        session,
        user,
        challenge,
        body.member_ids,
        body.proposal,
        max_proposal_chars=settings.max_proposal_chars,
    )
    return _public(user, application)


@router.get(
    "/challenges/{challenge_id}/applications",
    response_model=list[ApplicationPublic],
    dependencies=STAFF_OR_ENTERPRISE,
)
def challenge_applications(
    session: SessionDep, user: CurrentUser, challenge: OwnedChallengeDep, page: PageDep
) -> object:
    return service.list_applications(
        session,
        lambda q: tenancy.scope_applications(q, user),
        challenge_id=challenge.id,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/applications", response_model=list[ApplicationPublic])
def my_applications(session: SessionDep, user: CurrentUser, page: PageDep) -> object:
    """Applications the caller may see (a postdoc: those it leads or is a member of)."""
    rows = service.list_applications(
        session,
        lambda q: tenancy.scope_applications(q, user),
        challenge_id=None,
        limit=page.limit,
        offset=page.offset,
    )
    return [_public(user, a) for a in rows]


@router.get("/applications/{application_id}", response_model=ApplicationPublic)
def get_application(user: CurrentUser, application: ApplicationDep) -> object:
    return _public(user, application)


@router.post(
    "/applications/{application_id}/confirm", response_model=ApplicationPublic, dependencies=POSTDOC_ONLY
)
def confirm(session: SessionDep, user: CurrentUser, application: ApplicationDep) -> object:
    """A member confirms their place in the team."""
    return _public(user, service.confirm(session, user, application))


@router.post(
    "/applications/{application_id}/decision",
    response_model=ApplicationPublic,
    dependencies=[*STAFF_OR_ENTERPRISE, DELIVER_AFTER],
)
def decide(
    session: SessionDep, user: CurrentUser, application: ApplicationDep, body: ApplicationDecision
) -> object:
    """Accept (the challenge becomes claimed) or reject; the team is notified."""
    return service.decide(session, user, application, body.decision, body.note)


@router.get("/notifications", response_model=list[NotificationPublic])
def my_notifications(session: SessionDep, user: CurrentUser, page: PageDep) -> object:
    return notifications.list_notifications(session, user, limit=page.limit, offset=page.offset)


@router.post("/notifications/{notification_id}/read", response_model=NotificationPublic)
def read_notification(session: SessionDep, user: CurrentUser, notification_id: Id) -> object:
    return notifications.mark_read(session, user, notification_id)
