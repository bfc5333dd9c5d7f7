"""A match list as a spreadsheet people hand on: a heading row (challenge title, export date),
headers and status values in Chinese or English, the evidence for each person, column widths
that fit the content and a frozen header (xlsx), UTF-8 with a BOM (CSV, so Excel reads the
Chinese). No cell is ever read as a formula (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from app.matching.view import SearchView
from app.schemas.ranking import Evidence
from app.schemas.review import MatchEntryPublic
from app.services.reviews import match_list
from models import Challenge, DocumentKind, MatchStatus

__all__ = [
    "EXPORT_HEADERS",
    "ExportSheet",
    "display_width",
    "evidence_text",
    "export_sheet",
    "safe_cell",
    "to_csv",
    "to_xlsx",
]

EXPORT_HEADERS = {
    "zh": ["序号", "姓名", "单位", "学科", "得分", "状态", "备注", "证据"],
    "en": ["No.", "Name", "Station", "Discipline", "Score", "Status", "Note", "Evidence"],
}
_STATUS = {
    MatchStatus.candidate: {"zh": "候选", "en": "Candidate"},
    MatchStatus.shortlisted: {"zh": "入围", "en": "Shortlisted"},
    MatchStatus.approved: {"zh": "已批准", "en": "Approved"},
    MatchStatus.rejected: {"zh": "未通过", "en": "Rejected"},
}
_DOCUMENT = {
    DocumentKind.interests: {"zh": "研究方向", "en": "Research interests"},
    DocumentKind.skills: {"zh": "学科与技能", "en": "Discipline & skills"},
}
_HEADING = {
    "zh": "{title} · {what} · 导出日期：{day}",
    "en": "{title} · {what} · exported {day}",
}
_WHAT = {
    (False, "zh"): "匹配名单",
    (True, "zh"): "已批准名单",
    (False, "en"): "Match list",
    (True, "en"): "Approved list",
}
_EVIDENCE_SHOWN = 2  # documents named per person
_WIDTH_MIN, _WIDTH_MAX = 6, 48  # column widths in characters (a CJK character counts 2)
_SCORE_COLUMN = 5


@dataclass(frozen=True)
class ExportSheet:
    heading: str  # the first row: what this is, of which challenge, exported when
    headers: list[str]
    rows: list[list[object]]
    sheet_title: str


def export_sheet(
    session: Session,
    view: SearchView,
    challenge: Challenge,
    *,
    approved_only: bool,
    lang: str,
    today: date,
    evidence_of: int,
) -> ExportSheet:
    """The list in review order (only its approved entries for the enterprise), in ``lang``."""
    items = match_list(session, view, challenge, approved_only=approved_only, evidence_of=evidence_of)
    what = _WHAT[(approved_only, lang)]
    return ExportSheet(
        heading=_HEADING[lang].format(title=challenge.title, what=what, day=today.isoformat()),
        headers=list(EXPORT_HEADERS[lang]),
        rows=[_row(item, lang) for item in items],
        sheet_title=what,
    )


def _row(item: MatchEntryPublic, lang: str) -> list[object]:
    station = item.postdoc.station.name if item.postdoc.station else ""
    score = round(item.score, 3) if item.score is not None else None
    return [
        item.position,
        item.postdoc.name,
        station,
        item.postdoc.discipline,
        score,
        _STATUS[item.status][lang],
        item.note,
        evidence_text(item.evidence, lang),
    ]


def evidence_text(evidence: list[Evidence], lang: str) -> str:
    """The best documents with the terms they share with the challenge, e.g.
    ``焊缝缺陷视觉检测（焊缝、机器视觉）；研究方向（检测）``."""
    parts = []
    for doc in evidence[:_EVIDENCE_SHOWN]:
        name = _DOCUMENT[doc.kind][lang] if doc.kind in _DOCUMENT else doc.title
        terms = ("、" if lang == "zh" else ", ").join(doc.matched_terms)
        if not terms:
            parts.append(name)
        else:
            parts.append(f"{name}（{terms}）" if lang == "zh" else f"{name} ({terms})")
    return ("；" if lang == "zh" else "; ").join(parts)


# A cell that starts with one of these is read as a formula by Excel, LibreOffice or Sheets
# (full-width forms too, which some spreadsheets fold to ASCII).
_FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it, never as a formula: text that a spreadsheet would
    evaluate gets a leading apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_STARTS:
        return "'" + value
    return value


def _all_rows(sheet: ExportSheet) -> list[list[object]]:
    return [[sheet.heading], list(sheet.headers), *sheet.rows]


def to_csv(sheet: ExportSheet) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[safe_cell(v) for v in row] for row in _all_rows(sheet)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so Excel reads the Chinese right


def to_xlsx(sheet: ExportSheet) -> bytes:
    """One sheet: the heading merged across the columns, bold headers frozen under it, widths
    from the content (wrapped where a column would be wider than the maximum)."""
    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet.sheet_title
    for r, row in enumerate(_all_rows(sheet), start=1):
        for c, value in enumerate(row, start=1):
            cell = page.cell(row=r, column=c, value=safe_cell(value))
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    _layout(page, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _layout(page: Worksheet, sheet: ExportSheet) -> None:
    columns = len(sheet.headers)
    page.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    page["A1"].font = Font(bold=True, size=13)
    for cell in page[2]:
        cell.font = Font(bold=True)
    page.freeze_panes = "A3"  # the heading and the header row stay in view
    for c in range(1, columns + 1):
        width = max(display_width(row[c - 1]) for row in _all_rows(sheet)[1:]) + 2
        page.column_dimensions[get_column_letter(c)].width = min(max(width, _WIDTH_MIN), _WIDTH_MAX)
        if width > _WIDTH_MAX:
            for (cell,) in page.iter_rows(min_row=3, min_col=c, max_col=c):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for (cell,) in page.iter_rows(min_row=3, min_col=_SCORE_COLUMN, max_col=_SCORE_COLUMN):
        cell.number_format = "0.000"


def display_width(value: object) -> int:
    """How many character widths ``value`` takes in a spreadsheet (wide CJK characters: 2)."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
