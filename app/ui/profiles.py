"""Profile pages: a postdoc views and edits their own profile and publications; HR opens any
candidate's profile (linked from the review table); an enterprise sees the public profile of a
candidate approved for one of its challenges."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from app.api.deps import Id, SessionDep, WriteViewDep
from app.errors import JiebangError
from app.schemas.postdocs import PublicationCreate
from app.services.profiles import save_own_profile, visible_profile
from app.ui.error_text import localize_error, validation_message
from app.ui.i18n import language
from app.ui.routes import FormUser, WebUser, back, render, require_role
from models import Availability, Role

__all__ = ["parse_publications", "router"]

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/postdocs/{postdoc_id}")
def profile_page(request: Request, session: SessionDep, user: WebUser, postdoc_id: Id) -> HTMLResponse:
    view = visible_profile(session, user, postdoc_id)
    return render(request, "profile.html", user, view=view, p=view.postdoc)


@router.get("/profile")
def own_profile(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    require_role(user, Role.postdoc)
    assert user.postdoc_id is not None
    view = visible_profile(session, user, user.postdoc_id)
    return _form(request, user, view.postdoc, {}, {}, saved="saved" in request.query_params)


def _form(request, user, postdoc, values, errors, saved=False, status_code=200):  # type: ignore[no-untyped-def]
    return render(
        request,
        "profile_form.html",
        user,
        status_code,
        p=postdoc,
        values=values,
        errors=errors,
        saved=saved,
        availabilities=list(Availability),
    )


def parse_publications(text: str) -> list[dict[str, object]]:
    """``title | year | keywords`` per line (year and keywords optional)."""
    out: list[dict[str, object]] = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        year = parts[1] if len(parts) > 1 and parts[1].isdigit() else None
        keywords = parts[2] if len(parts) > 2 else ""
        terms = [k.strip() for k in keywords.replace("，", ",").split(",") if k.strip()]
        out.append({"title": parts[0], "year": int(year) if year else None, "keywords": terms})
    return out


@router.post("/profile")
def save_profile(
    request: Request,
    session: SessionDep,
    view: WriteViewDep,
    user: FormUser,
    # Empty or over-long values come back in the form by their field (the schema checks them).
    discipline: Annotated[str, Form(max_length=5000)] = "",
    research_interests: Annotated[str, Form(max_length=50_000)] = "",
    availability: Annotated[str, Form(max_length=20)] = "available",
    skills: Annotated[str, Form(max_length=5000)] = "",
    keep_publication: Annotated[list[int], Form(max_length=200)] = [],  # noqa: B006 (FastAPI default)
    publications: Annotated[str, Form(max_length=50_000)] = "",
) -> Response:
    require_role(user, Role.postdoc)
    assert user.postdoc_id is not None
    values = {
        "discipline": discipline,
        "research_interests": research_interests,
        "availability": availability,
        "skills": skills,
        "publications": publications,
    }
    changes: dict[str, object] = {
        "discipline": discipline,
        "research_interests": research_interests,
        "availability": availability,
        "skills": [s.strip() for s in skills.replace("，", ",").split(",") if s.strip()],
    }
    lang = language(request)
    try:
        new = [PublicationCreate.model_validate(p) for p in parse_publications(publications)]
        save_own_profile(session, view.encoder, user.postdoc_id, changes, set(keep_publication), new)
    except ValidationError as exc:
        session.rollback()
        errors = _field_errors(exc, lang)
    except JiebangError as exc:
        session.rollback()
        errors = {exc.field or "form": localize_error(exc.message, lang)}
    else:
        return back("/ui/profile?saved=1")
    postdoc = visible_profile(session, user, user.postdoc_id).postdoc
    return _form(request, user, postdoc, values, errors, status_code=422)


def _field_errors(exc: ValidationError, lang: str) -> dict[str, str]:
    """Pydantic errors by the form field they belong to (a publication's → ``publications``)."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        loc = [str(p) for p in error["loc"]]
        field = (
            "publications"
            if not loc or loc[0] in {"title", "year", "keywords", "abstract", "venue"}
            else loc[0]
        )
        errors.setdefault(field, validation_message(error, lang))  # type: ignore[arg-type]
    return errors
