"""Benchmark files are validated with messages that name the file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.evaluation.benchmark import BenchmarkError, load_benchmark
from app.evaluation.report import BENCHMARK_DIR, BUILTIN

EXPERT = {
    "id": "e1",
    "name": "Expert One",
    "discipline": "Computer Vision",
    "research_interests": "weld seam defect detection",
    "split": "tune",
}
QUERY = {"id": "q1", "title": "Weld inspection", "description": "Find cracks in welds", "split": "test"}
QREL = {"query": "q1", "expert": "e1", "grade": 3}


def write(tmp_path: Path, experts: list, queries: list, qrels: list) -> Path:
    for name, rows in (("experts", experts), ("queries", queries), ("qrels", qrels)):
        lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
        (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_a_valid_benchmark_loads(tmp_path: Path) -> None:
    bench = load_benchmark(write(tmp_path, [EXPERT], [QUERY], [QREL]))
    assert bench.grades == {"q1": {"e1": 3}}
    assert bench.expert_grades() == {"e1": {"q1": 3}}


@pytest.mark.parametrize(
    ("experts", "queries", "qrels", "message"),
    [
        (
            [EXPERT],
            [QUERY],
            [{**QREL, "grade": 4}],
            "qrels.jsonl line 1: grade: Input should be less than or equal to 3",
        ),
        ([EXPERT], [QUERY], [{**QREL, "expert": "e9"}], "qrels.jsonl line 1: unknown expert 'e9'"),
        ([EXPERT], [QUERY], [{**QREL, "query": "q9"}], "qrels.jsonl line 1: unknown query 'q9'"),
        ([EXPERT], [QUERY], [QREL, QREL], "qrels.jsonl line 2: second grade for ('q1', 'e1')"),
        ([EXPERT, EXPERT], [QUERY], [QREL], "experts.jsonl row 2: duplicate id 'e1'"),
        (
            [{**EXPERT, "split": "train"}],
            [QUERY],
            [QREL],
            "experts.jsonl line 1: split: Input should be 'tune' or 'test'",
        ),
        (
            [EXPERT],
            [{**QUERY, "colour": 1}],
            [QREL],
            "queries.jsonl line 1: colour: Extra inputs are not permitted",
        ),
        ([EXPERT], ["{not json"], [QREL], "queries.jsonl line 1: invalid JSON"),
        ([EXPERT], [QUERY, {**QUERY, "id": "q2"}], [QREL], "duplicate title 'Weld inspection'"),
        (
            [EXPERT],
            [{**QUERY, "title": "A"}, {**QUERY, "id": "q2"}],
            [QREL],
            "queries without any relevant expert: ['q2']",
        ),
        ([EXPERT], [QUERY], [], "qrels.jsonl: no rows"),
    ],
)
def test_bad_benchmarks_are_refused_with_the_place(
    tmp_path: Path, experts: list, queries: list, qrels: list, message: str
) -> None:
    with pytest.raises(BenchmarkError) as err:
        load_benchmark(write(tmp_path, experts, queries, qrels))
    assert message in str(err.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, [EXPERT], [QUERY], [QREL])
    (tmp_path / "qrels.jsonl").unlink()
    with pytest.raises(BenchmarkError, match=r"missing qrels\.jsonl"):
        load_benchmark(tmp_path)


@pytest.mark.parametrize("name", BUILTIN)
def test_the_shipped_benchmarks_are_valid_and_split(name: str) -> None:
    bench = load_benchmark(BENCHMARK_DIR / name)
    assert {q.split for q in bench.queries} == {"tune", "test"}
    assert {e.split for e in bench.experts} == {"tune", "test"}
    assert all(3 in row.values() for row in bench.grades.values())
