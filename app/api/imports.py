from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.api.deps import STAFF_ONLY, RuntimeDep, WriteViewDep
from app.errors import InvalidInput, PayloadTooLarge
from app.services.imports import import_rows

__all__ = ["ImportReportPublic", "Kind", "RowErrorPublic", "import_file", "router"]

router = APIRouter(prefix="/imports", tags=["imports"], dependencies=STAFF_ONLY)

Kind = Literal["stations", "enterprises", "postdocs", "challenges"]


class RowErrorPublic(BaseModel):
    line: int
    message: str


class ImportReportPublic(BaseModel):
    kind: str
    rows: int
    created: int
    errors: list[RowErrorPublic]
    normalised: list[RowErrorPublic] = Field(
        description="changes made to rows that were stored (C1 control characters removed)"
    )


@router.post("/{kind}", response_model=ImportReportPublic)
async def import_file(
    runtime: RuntimeDep,
    view: WriteViewDep,
    kind: Kind,
    file: Annotated[UploadFile, File(description="a .jsonl or .csv file, UTF-8")],
    format: Annotated[
        Literal["jsonl", "csv"] | None, Query(description="default: from the file name")
    ] = None,
) -> object:
    """Bulk import; bad rows are reported by line number and the good rows are stored."""
    fmt = format or _format_from_name(file.filename or "")
    settings = runtime.settings
    content = await file.read(settings.max_import_bytes + 1)
    if len(content) > settings.max_import_bytes:
        raise PayloadTooLarge(f"the file is over {settings.max_import_bytes} bytes")
    run = partial(import_rows, runtime.sessions, view, kind, content, fmt, max_rows=settings.max_import_rows)
    return await run_in_threadpool(run)


def _format_from_name(name: str) -> str:
    lowered = name.lower()
    for suffix, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv")):
        if lowered.endswith(suffix):
            return fmt
    raise InvalidInput("cannot tell the format from the file name; pass ?format=jsonl or csv", field="format")
