from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.api.deps import STAFF_ONLY, RuntimeDep
from app.errors import InvalidInput, PayloadTooLarge
from app.services.imports import import_rows

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
    kind: Kind,
    file: Annotated[UploadFile, File(description="a .jsonl or .csv file, UTF-8")],
    format: Annotated[
        Literal["jsonl", "csv"] | None, Query(description="default: from the file name")
    ] = None,
) -> object:
    """Bulk import; bad rows are reported by line number and the good rows are stored."""
    fmt = format or _format_from_name(file.filename or "")
    content = await file.read(runtime.settings.max_import_bytes + 1)
    if len(content) > runtime.settings.max_import_bytes:
        raise PayloadTooLarge(f"the file is over {runtime.settings.max_import_bytes} bytes")
    return await run_in_threadpool(import_rows, runtime, kind, content, fmt)


def _format_from_name(name: str) -> str:
    lowered = name.lower()
    for suffix, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv")):
        if lowered.endswith(suffix):
            return fmt
    raise InvalidInput("cannot tell the format from the file name; pass ?format=jsonl or csv", field="format")
