"""Bulk import from JSONL or CSV: each bad row is reported by line number, good rows are kept.

Rows are validated with the same schemas as the API. Good rows are written in chunks, each its
own transaction, so a failure never undoes rows already stored; inside a chunk each row that the
database refuses (a foreign key, a unique key taken meanwhile) is rolled back to a savepoint on
its own and reported, and the chunk's other rows are stored. JSONL rows end at ``\n`` only
(a U+2028 inside a JSON string is text). C1 control characters (U+0080–U+009F, usually
mis-decoded Windows-1252) are removed before validation, and each removal is reported in
``normalised``; other control characters are refused as the API refuses them. CSV list
columns (skills, languages, keywords, required_expertise) are separated by ``|`` or ``;``;
a postdoc's ``publications`` column holds a JSON array.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from tqdm import tqdm

from app.errors import InvalidInput
from app.matching.documents import postdoc_documents
from app.matching.view import SearchView
from app.schemas.challenges import ChallengeCreate
from app.schemas.enterprises import EnterpriseCreate
from app.schemas.postdocs import PostdocCreate
from app.schemas.stations import StationCreate
from app.services.challenges import index_challenges, new_challenge
from app.services.postdocs import new_postdoc
from index.documents import sync_many
from models import Challenge, Enterprise, IndexName, Postdoc, Station
from models.base import Base

__all__ = [
    "CHUNK_ROWS",
    "JSON_COLUMNS",
    "KINDS",
    "LIST_COLUMNS",
    "TOO_DEEP",
    "ImportReport",
    "RowError",
    "import_rows",
]

LIST_COLUMNS = {"skills", "languages", "keywords", "required_expertise"}
JSON_COLUMNS = {"publications"}
CHUNK_ROWS = 200


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    normalised: list[RowError] = field(default_factory=list)  # changes made to stored rows


@dataclass
class _Row:
    line: int
    data: BaseModel
    key: str


@dataclass(frozen=True)
class _Kind:
    schema: type[BaseModel]
    model: type[Base]
    unique: str  # the field that identifies a row (duplicates are refused)
    resolve: Callable[[Session, dict[str, Any]], dict[str, Any]]
    build: Callable[[BaseModel], Base]
    index: IndexName | None = None


def _resolve_station(session: Session, raw: dict[str, Any]) -> dict[str, Any]:
    name = raw.pop("station", None)
    if name and "station_id" not in raw:
        station_id = session.scalar(select(Station.id).where(Station.name == str(name).strip()))
        if station_id is None:
            raise ValueError(f"station {name!r} does not exist; import stations first")
        raw["station_id"] = station_id
    return raw


def _resolve_enterprise(session: Session, raw: dict[str, Any]) -> dict[str, Any]:
    code = raw.pop("enterprise_credit_code", None)
    if code and "enterprise_id" not in raw:
        enterprise_id = session.scalar(
            select(Enterprise.id).where(Enterprise.credit_code == str(code).strip().upper())
        )
        if enterprise_id is None:
            raise ValueError(f"no enterprise has credit code {code!r}; import enterprises first")
        raw["enterprise_id"] = enterprise_id
    return raw


def _keep(_: Session, raw: dict[str, Any]) -> dict[str, Any]:
    return raw


KINDS: dict[str, _Kind] = {
    "stations": _Kind(StationCreate, Station, "name", _keep, lambda d: Station(**d.model_dump())),
    "enterprises": _Kind(
        EnterpriseCreate, Enterprise, "credit_code", _keep, lambda d: Enterprise(**d.model_dump())
    ),
    "postdocs": _Kind(PostdocCreate, Postdoc, "email", _resolve_station, new_postdoc, IndexName.postdocs),
    "challenges": _Kind(
        ChallengeCreate,
        Challenge,
        "title",
        _resolve_enterprise,
        new_challenge,  # type: ignore[arg-type]
        IndexName.challenges,
    ),
}


def import_rows(
    sessions: Callable[[], Session],
    view: SearchView,
    kind: str,
    content: bytes,
    fmt: str,
    *,
    max_rows: int,
    progress: bool = False,
) -> ImportReport:
    """Import ``content`` (JSONL or CSV) as rows of ``kind``, committed in chunks."""
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidInput(f"unknown import kind {kind!r}; use one of {sorted(KINDS)}", field="kind")
    text = _decode(content)
    report = ImportReport(kind=kind)
    with sessions() as session:
        rows = _validated(session, spec, _parse(text, fmt, max_rows), report)
        rows = _drop_duplicates(session, spec, rows, report)
    bar = tqdm(total=len(rows), desc=f"importing {kind}", unit="row", disable=not progress)
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        _write_chunk(sessions, view, spec, chunk, report)
        bar.update(len(chunk))
    bar.close()
    report.errors.sort(key=lambda e: e.line)
    return report


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"the file is not UTF-8 (byte {exc.start} is invalid); save it as UTF-8 and retry",
            field="file",
        ) from exc


def _parse(text: str, fmt: str, max_rows: int) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, raw row or an error message) pairs."""
    if fmt == "jsonl":
        rows = _jsonl_rows(text)
    elif fmt == "csv":
        rows = _csv_rows(text)
    else:
        raise InvalidInput(f"unknown format {fmt!r}; use jsonl or csv", field="format")
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise InvalidInput(f"the file has more than {max_rows} rows; split it", field="file")
        yield row


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    # Not str.splitlines(): it also splits at U+2028, U+2029, U+0085 …, which JSON strings hold.
    for line_no, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, f"invalid JSON: {exc.msg} at column {exc.colno}"
            continue
        except RecursionError:
            yield line_no, TOO_DEEP
            continue
        yield line_no, value if isinstance(value, dict) else "each line must be a JSON object"


TOO_DEEP = "invalid JSON: nested too deeply (rows hold objects and lists a few levels deep)"


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        reader.fieldnames  # noqa: B018 (reads the header, so line numbers below are right)
    except csv.Error as exc:
        raise InvalidInput(f"the CSV header is unreadable: {_csv_problem(exc)}", field="file") from exc
    while True:
        starts_at = reader.line_num + 1
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell over csv.field_size_limit(), a stray NUL …
            yield starts_at, _csv_problem(exc)
            continue
        line_no = reader.line_num
        if None in raw:
            yield line_no, "the row has more cells than the header"
            continue
        try:
            yield line_no, _csv_values(raw)
        except json.JSONDecodeError as exc:
            yield line_no, f"publications column is not a JSON array: {exc.msg}"
        except RecursionError:
            yield line_no, f"publications column is {TOO_DEEP[len('invalid JSON: ') :]}"


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {csv.field_size_limit()} characters"
    return f"unreadable CSV row: {exc}"


def _csv_values(raw: dict[str, str | None]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None or value.strip() == "":
            continue
        if key in LIST_COLUMNS:
            row[key] = [v.strip() for v in value.replace(";", "|").split("|") if v.strip()]
        elif key in JSON_COLUMNS:
            row[key] = json.loads(value)
        else:
            row[key] = value
    return row


def _validated(
    session: Session,
    spec: _Kind,
    parsed: Iterator[tuple[int, dict[str, Any] | str]],
    report: ImportReport,
) -> list[_Row]:
    rows: list[_Row] = []
    for line, raw in parsed:
        report.rows += 1
        if isinstance(raw, str):
            report.errors.append(RowError(line, raw))
            continue
        raw = _without_c1(raw, line, report)
        try:
            data = spec.schema.model_validate(spec.resolve(session, dict(raw)))
        except ValidationError as exc:
            report.errors.append(RowError(line, _describe(exc)))
            continue
        except ValueError as exc:
            report.errors.append(RowError(line, str(exc)))
            continue
        rows.append(_Row(line, data, str(_key(spec, data))))
    return rows


_C1 = re.compile("[\u0080-\u009f]")


def _without_c1(value: Any, line: int, report: ImportReport, where: str = "") -> Any:
    """``value`` with C1 control characters removed from every string in it, each reported."""
    if isinstance(value, str):
        for ch in dict.fromkeys(_C1.findall(value)):
            report.normalised.append(
                RowError(line, f"removed C1 control character U+{ord(ch):04X} from {where or 'row'}")
            )
        return _C1.sub("", value)
    if isinstance(value, dict):
        return {k: _without_c1(v, line, report, f"{where}.{k}".lstrip(".")) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_c1(v, line, report, f"{where}.{i}") for i, v in enumerate(value)]
    return value


def _key(spec: _Kind, data: BaseModel) -> object:
    if spec.model is Challenge:
        return (getattr(data, "enterprise_id"), getattr(data, "title"))  # noqa: B009
    return getattr(data, spec.unique)


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "row"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def _drop_duplicates(session: Session, spec: _Kind, rows: list[_Row], report: ImportReport) -> list[_Row]:
    stored = _stored_keys(session, spec)
    seen: dict[str, int] = {}
    kept = []
    for row in rows:
        if row.key in stored:
            report.errors.append(RowError(row.line, f"{spec.unique} already exists: {row.key}"))
        elif row.key in seen:
            report.errors.append(
                RowError(row.line, f"duplicate {spec.unique} (first on line {seen[row.key]})")
            )
        else:
            seen[row.key] = row.line
            kept.append(row)
    return kept


def _stored_keys(session: Session, spec: _Kind) -> set[str]:
    if spec.model is Challenge:
        rows = session.execute(select(Challenge.enterprise_id, Challenge.title))
        return {str(tuple(r)) for r in rows}
    return {str(v) for v in session.scalars(select(getattr(spec.model, spec.unique)))}


def _write_chunk(
    sessions: Callable[[], Session], view: SearchView, spec: _Kind, chunk: list[_Row], report: ImportReport
) -> None:
    with sessions() as session:
        stored = _add_rows(session, spec, chunk, report)
        try:
            objs = [o for _, o in stored]
            if spec.index is IndexName.postdocs and objs:
                docs = {o.id: postdoc_documents(o) for o in objs}  # type: ignore[attr-defined]
                sync_many(session, view.encoder, spec.index, docs)
            elif spec.index is IndexName.challenges and objs:
                index_challenges(session, view, objs)  # type: ignore[arg-type]
            session.commit()
        except IntegrityError as exc:  # a concurrent writer took a key after the savepoints
            session.rollback()
            for row, _ in stored:
                report.errors.append(RowError(row.line, f"not stored: {_refusal(exc)}"))
            return
    report.created += len(stored)


def _add_rows(
    session: Session, spec: _Kind, chunk: list[_Row], report: ImportReport
) -> list[tuple[_Row, Base]]:
    """Flush the chunk's rows; when the database refuses one, each row gets its own savepoint so
    that only the refused rows are left out (and reported)."""
    try:
        with session.begin_nested():
            objs = [spec.build(row.data) for row in chunk]
            session.add_all(objs)
        return list(zip(chunk, objs, strict=True))
    except IntegrityError:
        pass  # the savepoint is rolled back; find the refused rows one by one
    stored = []
    for row in chunk:
        try:
            with session.begin_nested():
                obj = spec.build(row.data)
                session.add(obj)
            stored.append((row, obj))
        except IntegrityError as exc:
            report.errors.append(RowError(row.line, f"not stored: {_refusal(exc)}"))
    return stored


def _refusal(exc: IntegrityError) -> str:
    text = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
    if "foreign key" in text.lower():
        return "it refers to a station or enterprise id that does not exist"
    return text
