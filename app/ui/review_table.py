"""HR's review page: the whole match list as a dense, sortable, paged table with a coverage
cell per requirement; bulk decisions with one note, "move to position", adding a person found
by name, the proposed teams and the audit trail. Every action is a plain form post."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import DELIVER_AFTER, Id, SearchViewDep, SessionDep, SettingsDep
from app.errors import InvalidInput
from app.matching.view import SearchView
from app.schemas.teams import TeamsPage
from app.services import audit, reviews
from app.services import teams as team_service
from app.services.events import local_clock
from app.services.postdocs import find_postdocs_by_name
from app.services.review_table import REVIEW_SORTS, review_table
from app.ui.routes import FormUser, VisibleChallenge, WebUser, back, render, require_role
from models import Challenge, MatchStatus, Role

__all__ = ["AuditPanel", "review_url", "router"]

router = APIRouter(prefix="/ui", include_in_schema=False)
_VIEW_KEYS = ("sort", "dir", "page")


def review_url(challenge_id: int, view: str = "", anchor: str = "") -> str:
    """The review page with the table's sort and page kept (only those keys survive)."""
    kept = [(k, v) for k, v in parse_qsl(view) if k in _VIEW_KEYS and v.isalnum()]
    query = f"?{urlencode(kept)}" if kept else ""
    return f"/ui/challenges/{challenge_id}/review{query}{anchor}"


def _sort(raw: str, requirements: int) -> str:
    if raw in REVIEW_SORTS or (raw.startswith("req") and raw[3:].isdigit() and int(raw[3:]) < requirements):
        return raw
    return "position"


@router.get("/challenges/{challenge_id}/review")
def review_page(
    request: Request,
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: WebUser,
    challenge: VisibleChallenge,
    sort: str = "position",
    dir: str = "asc",
    page: int = 1,
    who: str = "",
    log: int = 1,
    log_action: str = "",
) -> HTMLResponse:
    require_role(user, Role.hr, Role.admin)
    size = settings.ui_review_page_size
    page = max(1, min(page, settings.max_offset // size + 1))
    sort = _sort(sort[:10], 50)
    descending = dir == "desc"
    table = review_table(
        session, view, challenge, sort=sort, descending=descending, limit=size, offset=(page - 1) * size
    )
    found = find_postdocs_by_name(session, who[:100], limit=settings.ui_name_search_limit) if who else []
    teams, teams_error = _proposed_teams(session, view, challenge)
    state = urlencode({"sort": sort, "dir": "desc" if descending else "asc", "page": page})
    return render(
        request,
        "review.html",
        user,
        challenge=challenge,
        table=table,
        sort=sort,
        descending=descending,
        page=page,
        pages=max(1, -(-table.total // size)),
        state=state,
        who=who[:100],
        found=found,
        audit=_audit(session, settings, challenge, log, log_action[:50]),
        teams=teams,
        teams_error=teams_error,
        listed={r.entry.postdoc_id for r in table.rows} | _listed_ids(session, challenge),
        seed_sizes=sorted({reviews.SEED_SIZE, 50, settings.max_page_size}),
    )


@dataclass(frozen=True)
class AuditPanel:
    log: audit.AuditPage
    page: int
    pages: int
    action: str  # the filter its links keep ("" = every action)
    zone: ZoneInfo  # times are shown as the programme reads them (JIEBANG_EVENT_TIMEZONE)

    def when(self, row: audit.AuditRow) -> str:
        return local_clock(row.entry.at, self.zone)


def _audit(
    session: SessionDep, settings: SettingsDep, challenge: Challenge, page: int, action: str
) -> AuditPanel:
    """The audit trail's page (bounded like every page) and what its links keep."""
    size = settings.ui_audit_page_size
    page = max(1, min(page, settings.max_offset // size + 1))
    log = audit.audit_page(session, challenge.id, action=action or None, limit=size, offset=(page - 1) * size)
    kept = action if action in log.actions else ""
    pages = max(1, -(-log.total // size))
    return AuditPanel(log=log, page=page, pages=pages, action=kept, zone=settings.event_zone)


def _listed_ids(session: SessionDep, challenge: Challenge) -> set[int]:
    return {e.postdoc_id for e in reviews.entries(session, challenge.id)}


def _proposed_teams(
    session: SessionDep, view: SearchView, challenge: Challenge
) -> tuple[TeamsPage | None, str]:
    """The top teams (default sizes and count) from the service the teams API uses, or why none:
    ``None`` when the challenge is not open or matched, an error message when teams cannot be
    proposed (no requirements could be extracted)."""
    if challenge.status not in team_service.TEAMABLE_STATUSES:
        return None, ""
    try:
        return team_service.recommend_teams(session, view, challenge, team_service.TeamRequest()), ""
    except InvalidInput as exc:
        return None, exc.message


@router.post("/challenges/{challenge_id}/match-list/seed")
def seed_list(
    session: SessionDep,
    view: SearchViewDep,
    settings: SettingsDep,
    user: FormUser,
    challenge: VisibleChallenge,
    size: Annotated[int, Form(ge=1, le=1000)] = reviews.SEED_SIZE,
) -> Response:
    require_role(user, Role.hr, Role.admin)
    reviews.seed_match_list(session, view, user, challenge, min(size, settings.max_page_size))
    return back(review_url(challenge.id))


@router.post("/challenges/{challenge_id}/match-list/bulk", dependencies=[DELIVER_AFTER])
def bulk_decide(
    session: SessionDep,
    user: FormUser,
    challenge: VisibleChallenge,
    status: Annotated[MatchStatus, Form()],
    entry_ids: Annotated[list[int], Form(max_length=1000)] = [],  # noqa: B006 (FastAPI default)
    note: Annotated[str, Form(max_length=1000)] = "",
    view: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Shortlist, approve or reject every ticked candidate with one note."""
    require_role(user, Role.hr, Role.admin)
    if not entry_ids:
        raise InvalidInput("select at least one candidate", field="entry_ids")
    reviews.decide_many(session, user, challenge, entry_ids, status, note.strip() or None)
    return back(review_url(challenge.id, view))


@router.post("/match-entries/{entry_id}/move-to")
def move_entry_to(
    session: SessionDep,
    user: FormUser,
    entry_id: Id,
    position: Annotated[int, Form(ge=1, le=100_000)],
    view: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    require_role(user, Role.hr, Role.admin)
    entry = reviews.move_to(session, user, reviews.get_entry(session, entry_id), position)
    return back(review_url(entry.challenge_id, view, f"#entry-{entry.id}"))
