"""Annotated dependencies shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.runtime import Runtime
from app.services.challenges import get_challenge
from app.services.postdocs import get_postdoc
from models import Challenge, Postdoc


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def _session(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(_session)]

Id = Annotated[int, Path(ge=1, le=2**31 - 1, description="database id")]


class PageParams:
    def __init__(
        self,
        runtime: RuntimeDep,
        limit: Annotated[int, Query(ge=1, le=1000, description="page size (≤ max_page_size)")] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> None:
        settings = runtime.settings
        if limit > settings.max_page_size:
            raise InvalidInput(f"limit must be at most {settings.max_page_size}", field="limit")
        if offset > settings.max_offset:
            raise InvalidInput(f"offset must be at most {settings.max_offset}", field="offset")
        self.limit = limit
        self.offset = offset


PageDep = Annotated[PageParams, Depends()]


def _challenge(session: SessionDep, challenge_id: Id) -> Challenge:
    return get_challenge(session, challenge_id)


def _postdoc(session: SessionDep, postdoc_id: Id) -> Postdoc:
    return get_postdoc(session, postdoc_id)


ChallengeDep = Annotated[Challenge, Depends(_challenge)]
PostdocDep = Annotated[Postdoc, Depends(_postdoc)]
