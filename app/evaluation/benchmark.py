"""The benchmark format: a directory of three JSONL files (documented in docs/evaluation.md).

- ``experts.jsonl``: one expert per line — ``id``, ``name``, ``discipline``,
  ``research_interests``, ``skills``, ``languages``, ``publications`` (``title``, ``abstract``,
  ``keywords``, ``year``) and ``split`` (``tune`` or ``test``).
- ``queries.jsonl``: one challenge per line — ``id``, ``title``, ``description``,
  ``required_expertise``, ``sector`` and ``split``.
- ``qrels.jsonl``: graded relevance — ``query``, ``expert``, ``grade`` (1 … 3; absent = 0).

Both directions are judged from the same qrels: postdocs for a challenge (the query's row),
and challenges for a postdoc (the expert's column).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models import Sector

__all__ = [
    "FILES",
    "BenchPublication",
    "Benchmark",
    "BenchmarkError",
    "Expert",
    "Qrel",
    "Query",
    "Split",
    "T",
    "load_benchmark",
    "write_jsonl",
]

Split = Literal["tune", "test"]
T = TypeVar("T", bound=BaseModel)
FILES = ("experts.jsonl", "queries.jsonl", "qrels.jsonl")


class BenchmarkError(ValueError):
    """A benchmark file is missing or malformed; the message names the file and line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BenchPublication(_Strict):
    title: Annotated[str, Field(min_length=1, max_length=500)]
    abstract: Annotated[str, Field(max_length=5000)] = ""
    keywords: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    year: Annotated[int, Field(ge=1950, le=2100)] | None = None


class Expert(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    name: Annotated[str, Field(min_length=1, max_length=100)]
    discipline: Annotated[str, Field(min_length=1, max_length=100)]
    research_interests: Annotated[str, Field(min_length=1, max_length=5000)]
    skills: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    languages: list[str] = ["zh"]
    publications: list[BenchPublication] = []
    split: Split


class Query(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    title: Annotated[str, Field(min_length=1, max_length=300)]
    description: Annotated[str, Field(min_length=1, max_length=10000)]
    required_expertise: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    sector: Sector = Sector.other
    split: Split


class Qrel(_Strict):
    query: str
    expert: str
    grade: Annotated[int, Field(ge=1, le=3)]


@dataclass
class Benchmark:
    name: str
    experts: list[Expert]
    queries: list[Query]
    grades: dict[str, dict[str, int]] = field(default_factory=dict)  # query id → expert id → grade

    def expert_grades(self) -> dict[str, dict[str, int]]:
        """Expert id → query id → grade (the reverse direction)."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for query, row in self.grades.items():
            for expert, grade in row.items():
                out[expert][query] = grade
        return dict(out)


def load_benchmark(directory: Path) -> Benchmark:
    """Read and validate a benchmark directory; raise ``BenchmarkError`` on the first problem."""
    for name in FILES:
        if not (directory / name).is_file():
            raise BenchmarkError(f"{directory}: missing {name} (a benchmark needs {', '.join(FILES)})")
    experts = _rows(directory / "experts.jsonl", Expert)
    queries = _rows(directory / "queries.jsonl", Query)
    qrels = _rows(directory / "qrels.jsonl", Qrel)
    _unique(directory / "experts.jsonl", [e.id for e in experts])
    _unique(directory / "queries.jsonl", [q.id for q in queries])
    _unique(directory / "queries.jsonl", [q.title for q in queries], what="title")
    bench = Benchmark(directory.name, experts, queries)
    expert_ids, query_ids = {e.id for e in experts}, {q.id for q in queries}
    for line, rel in enumerate(qrels, start=1):
        where = f"{directory / 'qrels.jsonl'} line {line}"
        if rel.query not in query_ids:
            raise BenchmarkError(f"{where}: unknown query {rel.query!r}")
        if rel.expert not in expert_ids:
            raise BenchmarkError(f"{where}: unknown expert {rel.expert!r}")
        if rel.expert in bench.grades.get(rel.query, {}):
            raise BenchmarkError(f"{where}: second grade for ({rel.query!r}, {rel.expert!r})")
        bench.grades.setdefault(rel.query, {})[rel.expert] = rel.grade
    unjudged = [q.id for q in queries if q.id not in bench.grades]
    if unjudged:
        raise BenchmarkError(f"{directory}: queries without any relevant expert: {unjudged[:5]}")
    return bench


def _rows(path: Path, model: type[T]) -> list[T]:
    rows: list[T] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw: Any = json.loads(line)
            rows.append(model.model_validate(raw))
        except json.JSONDecodeError as exc:
            raise BenchmarkError(f"{path} line {line_no}: invalid JSON ({exc.msg})") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"]) or "row"
            raise BenchmarkError(f"{path} line {line_no}: {loc}: {first['msg']}") from exc
    if not rows:
        raise BenchmarkError(f"{path}: no rows")
    return rows


def _unique(path: Path, ids: list[str], what: str = "id") -> None:
    seen: set[str] = set()
    for line, ident in enumerate(ids, start=1):
        if ident in seen:
            raise BenchmarkError(f"{path} row {line}: duplicate {what} {ident!r}")
        seen.add(ident)


def write_jsonl(path: Path, rows: list[BaseModel] | list[dict[str, Any]]) -> None:
    """Write rows as UTF-8 JSONL (used by the benchmark builder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            data = row.model_dump(exclude_defaults=False) if isinstance(row, BaseModel) else row
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
