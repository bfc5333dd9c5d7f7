"""The enterprise's pages: its challenges, the posting form, editing and publishing a draft.

A form error re-renders the form with everything typed and the message by its field."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from app.api.deps import RuntimeDep, SessionDep, WriteViewDep
from app.errors import JiebangError, NotFound
from app.schemas.challenges import ChallengeCreate, ChallengeUpdate
from app.services import notifications, tenancy
from app.services.challenges import (
    challenges_of_caller,
    create_challenge,
    transition_challenge,
    update_challenge,
)
from app.ui.error_text import form_errors
from app.ui.i18n import language
from app.ui.routes import FormUser, VisibleChallenge, WebUser, back, render, require_role
from models import Account, Challenge, ChallengeStatus, Role, Sector

__all__ = ["challenge_fields", "router"]

router = APIRouter(prefix="/ui", include_in_schema=False)
EDITABLE = (ChallengeStatus.draft, ChallengeStatus.open)
_FORM_FIELD = {"required_expertise": "expertise", "budget_cny": "budget"}  # schema field → form field


@router.get("/enterprise")
def enterprise_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    require_role(user, Role.enterprise)
    rows = challenges_of_caller(session, lambda q: tenancy.scope_challenges(q, user), limit=200)
    return render(request, "enterprise.html", user, challenges=rows)


@router.get("/enterprise/new")
def new_challenge_form(request: Request, user: WebUser) -> HTMLResponse:
    require_role(user, Role.enterprise)
    return _form(request, user, None, {}, {})


def _form(request, user, challenge, values, errors, status_code=200):  # type: ignore[no-untyped-def]
    return render(
        request,
        "challenge_form.html",
        user,
        status_code,
        challenge=challenge,
        sectors=list(Sector),
        values=values,
        errors=errors,
    )


def challenge_fields(values: dict[str, str]) -> dict[str, object]:
    """The schema's fields from the form's: expertise split on commas, the budget from 万元."""
    terms = [x.strip() for x in values["expertise"].replace("，", ",").split(",") if x.strip()]
    budget = values["budget"].strip().replace(",", "")
    try:
        budget_cny: object = round(float(budget) * 10_000) if budget else None
    except ValueError:
        budget_cny = budget  # not a number: the schema says so, by the field
    return {
        "title": values["title"],
        "description": values["description"],
        "sector": values["sector"],
        "required_expertise": terms,
        "budget_cny": budget_cny,
        "deadline": values["deadline"] or None,
        "contact": values["contact"].strip(),
    }


FormText = Annotated[str, Form(max_length=20_000)]


class ChallengeForm:
    """The posting and editing form's fields, as typed (validated later by the schemas)."""

    def __init__(
        self,
        title: FormText = "",
        description: FormText = "",
        sector: Annotated[str, Form(max_length=40)] = "",
        expertise: FormText = "",
        budget: Annotated[str, Form(max_length=40)] = "",
        deadline: Annotated[str, Form(max_length=40)] = "",
        contact: Annotated[str, Form(max_length=1000)] = "",
        publish: Annotated[str, Form(max_length=10)] = "",
    ) -> None:
        self.values = dict(
            title=title,
            description=description,
            sector=sector,
            expertise=expertise,
            budget=budget,
            deadline=deadline,
            contact=contact,
        )
        self.publish = publish


ChallengeFormDep = Annotated[ChallengeForm, Depends()]


@router.post("/enterprise/new")
def post_challenge(
    request: Request,
    session: SessionDep,
    view: WriteViewDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    user: FormUser,
    form: ChallengeFormDep,
) -> Response:
    # The form's strings are bounded loosely so that an over-long title comes back in the form
    # with its message by the field, not as an error page that loses what was typed.
    require_role(user, Role.enterprise)
    values, publish = form.values, form.publish
    try:
        data = ChallengeCreate.model_validate(
            {
                **challenge_fields(values),
                "enterprise_id": user.enterprise_id,
                "status": "open" if publish else "draft",
            }
        )
        challenge = create_challenge(session, view, data)
    except (JiebangError, ValidationError) as exc:
        session.rollback()
        return _form(request, user, None, values, form_errors(exc, language(request), _FORM_FIELD), 422)
    if challenge.status == ChallengeStatus.open:
        background.add_task(notifications.announce_challenge, runtime.sessions, runtime.view, challenge.id)
    return back(f"/ui/challenges/{challenge.id}")


def _editable(user: Account, challenge: Challenge) -> None:
    if not tenancy.can_change_challenge(user, challenge) or challenge.status not in EDITABLE:
        raise NotFound(f"challenge {challenge.id} not found")


@router.get("/challenges/{challenge_id}/edit")
def edit_form(request: Request, user: WebUser, challenge: VisibleChallenge) -> HTMLResponse:
    _editable(user, challenge)
    return _form(request, user, challenge, {}, {})


@router.post("/challenges/{challenge_id}/edit")
def save_challenge(
    request: Request,
    session: SessionDep,
    view: WriteViewDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    user: FormUser,
    challenge: VisibleChallenge,
    form: ChallengeFormDep,
) -> Response:
    """Save a draft (or an open call); with ``publish``, a draft is published after saving."""
    _editable(user, challenge)
    values, publish = form.values, form.publish
    try:
        data = ChallengeUpdate.model_validate(challenge_fields(values))
        update_challenge(session, view, challenge.id, data)
        if publish and challenge.status == ChallengeStatus.draft:
            _publish(session, runtime, background, challenge)
    except (JiebangError, ValidationError) as exc:
        session.rollback()
        return _form(request, user, challenge, values, form_errors(exc, language(request), _FORM_FIELD), 422)
    return back(f"/ui/challenges/{challenge.id}")


@router.post("/challenges/{challenge_id}/publish")
def publish_draft(
    session: SessionDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    user: FormUser,
    challenge: VisibleChallenge,
) -> Response:
    _editable(user, challenge)
    if challenge.status == ChallengeStatus.draft:  # publishing twice (a double click) changes nothing
        _publish(session, runtime, background, challenge)
    return back(f"/ui/challenges/{challenge.id}")


def _publish(
    session: SessionDep, runtime: RuntimeDep, background: BackgroundTasks, challenge: Challenge
) -> None:
    transition_challenge(session, challenge.id, ChallengeStatus.open)
    background.add_task(notifications.announce_challenge, runtime.sessions, runtime.view, challenge.id)
