"""Match-list review (HR/admin) and the approved list (the enterprise that posted the challenge)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from app.api.deps import (
    DELIVER_AFTER,
    STAFF_ONLY,
    STAFF_OR_ENTERPRISE,
    CallerLanguage,
    CurrentUser,
    Id,
    Lang,
    OwnedChallengeDep,
    PageDep,
    SearchViewDep,
    SessionDep,
    SettingsDep,
    StaffUser,
    caller_language,
)
from app.schemas.challenges import ChallengeSummary
from app.schemas.review import (
    AddPersonRequest,
    AuditEntryPublic,
    DecisionRequest,
    MatchEntryPublic,
    MatchListPublic,
    ReorderRequest,
)
from app.services import audit, review_export, reviews

__all__ = ["router"]

router = APIRouter(tags=["match lists"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/challenges/{challenge_id}/match-list", response_model=MatchListPublic, dependencies=STAFF_OR_ENTERPRISE
)
def get_match_list(
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: CurrentUser,
    challenge: OwnedChallengeDep,
) -> object:
    """HR/admin: the whole list (empty until seeded with ``POST …/match-list/seed``).
    Enterprise: approved entries. Reading a list never changes it."""
    items = reviews.match_list(
        session,
        view,
        challenge,
        approved_only=not user.sees_everything,
        evidence_of=settings.max_page_size,
    )
    return MatchListPublic(challenge=ChallengeSummary.model_validate(challenge), items=items)


@router.post(
    "/challenges/{challenge_id}/match-list/seed", response_model=MatchListPublic, dependencies=STAFF_ONLY
)
def seed_match_list(
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: StaffUser,
    challenge: OwnedChallengeDep,
) -> object:
    """Put the top-ranked candidates on an empty list (a list with entries is left as it is)."""
    reviews.seed_match_list(session, view, user, challenge)
    items = reviews.match_list(
        session, view, challenge, approved_only=False, evidence_of=settings.max_page_size
    )
    return MatchListPublic(challenge=ChallengeSummary.model_validate(challenge), items=items)


@router.post(
    "/challenges/{challenge_id}/match-list",
    response_model=MatchEntryPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=STAFF_ONLY,
)
def add_person(
    session: SessionDep, user: StaffUser, challenge: OwnedChallengeDep, body: AddPersonRequest
) -> object:
    """Add a person by hand (at the end of the list)."""
    entry = reviews.add_by_hand(session, user, challenge, body.postdoc_id, body.note)
    return MatchEntryPublic.model_validate(entry)


@router.put(
    "/challenges/{challenge_id}/match-list/order",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=STAFF_ONLY,
)
def reorder(session: SessionDep, user: StaffUser, challenge: OwnedChallengeDep, body: ReorderRequest) -> None:
    """Set the list's order: every entry id, first to last."""
    reviews.reorder(session, user, challenge, body.entry_ids)


@router.patch(
    "/match-entries/{entry_id}", response_model=MatchEntryPublic, dependencies=[*STAFF_ONLY, DELIVER_AFTER]
)
def decide(session: SessionDep, user: StaffUser, entry_id: Id, body: DecisionRequest) -> object:
    """Shortlist, approve or reject one entry, with a note (audited)."""
    entry = reviews.decide(session, user, reviews.get_entry(session, entry_id), body.status, body.note)
    return MatchEntryPublic.model_validate(entry)


@router.get(
    "/challenges/{challenge_id}/match-list/export",
    dependencies=STAFF_OR_ENTERPRISE,
    response_class=Response,
    responses={
        200: {
            "description": "the match list as a file",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
def export(
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: CurrentUser,
    challenge: OwnedChallengeDep,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
    lang: Lang = None,
) -> Response:
    """The list as CSV or Excel (the enterprise gets the approved entries only): a heading row
    with the challenge title and the export date, then headers and status values in ``lang``
    (Chinese by default), one row per person with the evidence for them."""
    today = datetime.now(settings.event_zone).date()
    sheet = review_export.export_sheet(
        session,
        view,
        challenge,
        approved_only=not user.sees_everything,
        lang=caller_language(user, lang),
        today=today,
        evidence_of=settings.max_page_size,
    )
    if format == "xlsx":
        content, media = review_export.to_xlsx(sheet), XLSX
    else:
        content, media = review_export.to_csv(sheet), "text/csv; charset=utf-8"
    name = f"challenge-{challenge.id}-match-list-{today:%Y%m%d}.{format}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media, headers=disposition)


@router.get(
    "/challenges/{challenge_id}/audit", response_model=list[AuditEntryPublic], dependencies=STAFF_ONLY
)
def audit_log(
    session: SessionDep, challenge: OwnedChallengeDep, lang: CallerLanguage, page: PageDep
) -> object:
    """Every decision on this challenge's list and applications: who (id and name), when, what
    (code and name in the caller's language), before, after."""
    return audit.challenge_log(session, challenge.id, lang=lang, limit=page.limit, offset=page.offset)
