"""The enterprise's pages: its challenges and the posting form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from app.api.deps import RuntimeDep, SessionDep, WriteViewDep
from app.errors import JiebangError
from app.schemas.challenges import ChallengeCreate
from app.services import notifications, tenancy
from app.services.challenges import challenges_of_caller, create_challenge
from app.ui.routes import FormUser, WebUser, back, render, require_role
from models import Role, Sector

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/enterprise")
def enterprise_page(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    require_role(user, Role.enterprise)
    rows = challenges_of_caller(session, lambda q: tenancy.scope_challenges(q, user), limit=200)
    return render(request, "enterprise.html", user, challenges=rows)


@router.get("/enterprise/new")
def new_challenge_form(request: Request, user: WebUser) -> HTMLResponse:
    require_role(user, Role.enterprise)
    return render(request, "challenge_form.html", user, sectors=list(Sector), error=None, values={})


@router.post("/enterprise/new")
def post_challenge(
    request: Request,
    session: SessionDep,
    view: WriteViewDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    user: FormUser,
    title: Annotated[str, Form(max_length=300)],
    description: Annotated[str, Form(max_length=10000)],
    sector: Annotated[str, Form(max_length=40)],
    expertise: Annotated[str, Form(max_length=2000)] = "",
    publish: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    require_role(user, Role.enterprise)
    values = {"title": title, "description": description, "sector": sector, "expertise": expertise}
    terms = [x.strip() for x in expertise.replace("，", ",").split(",") if x.strip()]
    try:
        data = ChallengeCreate.model_validate(
            {
                "enterprise_id": user.enterprise_id,
                "title": title,
                "description": description,
                "sector": sector,
                "required_expertise": terms,
                "status": "open" if publish else "draft",
            }
        )
        challenge = create_challenge(session, view, data)
    except (JiebangError, ValidationError) as exc:
        session.rollback()
        if isinstance(exc, JiebangError):
            message = exc.message
        else:
            message = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors()[:3])
        return render(
            request, "challenge_form.html", user, 422, sectors=list(Sector), error=message, values=values
        )
    background.add_task(notifications.announce_challenge, runtime.sessions, runtime.view, challenge.id)
    return back(f"/ui/challenges/{challenge.id}")
