"""The challenge list (/ui/challenges) for HR and enterprises: search, filters, sorting and
paging, every choice kept in the URL so a filtered list can be bookmarked and shared."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.deps import SessionDep, SettingsDep
from app.config import Settings
from app.services import tenancy
from app.services.challenge_search import (
    REVIEW_STATES,
    SORTS,
    ChallengeQuery,
    enterprise_options,
    search_challenges,
)
from app.ui.routes import WebUser, render, require_role
from models import Account, ChallengeStatus, Role, Sector

__all__ = ["list_query", "page_links", "page_number", "router"]

router = APIRouter(prefix="/ui", include_in_schema=False)

FILTER_KEYS = (
    "q",
    "status",
    "sector",
    "enterprise",
    "from",
    "to",
    "budget_min",
    "budget_max",
    "review",
    "sort",
)


def _enum(kind: type, raw: str):  # type: ignore[no-untyped-def]
    try:
        return kind(raw) if raw else None
    except ValueError:
        return None


def _int(raw: str) -> int | None:
    return int(raw) if raw.strip().isdigit() and len(raw.strip()) <= 12 else None


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def list_query(params: dict[str, str]) -> ChallengeQuery:
    """The list's query from the URL; a value that does not parse filters nothing."""
    budget_unit = 10_000  # the form asks for 万元, the database holds yuan
    low, high = _int(params.get("budget_min", "")), _int(params.get("budget_max", ""))
    return ChallengeQuery(
        text=params.get("q", "")[:200],
        status=_enum(ChallengeStatus, params.get("status", "")),
        sector=_enum(Sector, params.get("sector", "")),
        enterprise_id=_int(params.get("enterprise", "")),
        deadline_from=_date(params.get("from", "")),
        deadline_to=_date(params.get("to", "")),
        budget_min=low * budget_unit if low is not None else None,
        budget_max=high * budget_unit if high is not None else None,
        review=params.get("review", "") if params.get("review") in REVIEW_STATES else "",
        sort=params.get("sort", "") if params.get("sort") in SORTS else "newest",
    )


def page_links(
    params: dict[str, str], page: int, pages: int, keys: tuple[str, ...] = FILTER_KEYS
) -> dict[str, str]:
    """URLs of the previous and next pages, keeping every filter (the query's ``keys``)."""
    kept = {k: v for k, v in params.items() if k in keys and v}
    links = {}
    if page > 1:
        links["prev"] = "?" + urlencode({**kept, "page": page - 1})
    if page < pages:
        links["next"] = "?" + urlencode({**kept, "page": page + 1})
    return links


def page_number(params: dict[str, str], settings: Settings) -> int:
    """The page asked for in the URL, between 1 and the last page the offset cap allows."""
    size = settings.ui_list_page_size
    return max(1, min(_int(params.get("page", "")) or 1, settings.max_offset // size + 1))


def _scope(user: Account):  # type: ignore[no-untyped-def]
    return lambda q: tenancy.scope_challenges(q, user)


@router.get("/challenges")
def challenge_list(
    request: Request, session: SessionDep, settings: SettingsDep, user: WebUser
) -> HTMLResponse:
    require_role(user, Role.hr, Role.admin, Role.enterprise)
    params = dict(request.query_params)
    query = list_query(params)
    size = settings.ui_list_page_size
    page = page_number(params, settings)
    rows, total = search_challenges(session, query, _scope(user), limit=size, offset=(page - 1) * size)
    pages = max(1, -(-total // size))
    return render(
        request,
        "challenge_list.html",
        user,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        links=page_links(params, page, pages),
        params=params,
        statuses=list(ChallengeStatus),
        sectors=list(Sector),
        sorts=SORTS,
        enterprises=enterprise_options(session, _scope(user)) if user.sees_everything else [],
    )
