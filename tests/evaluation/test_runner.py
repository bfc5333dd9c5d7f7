"""A small evaluate run through the real pipeline (hashing encoder; one slice with the real model)."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from app.config import Settings
from app.evaluation.benchmark import load_benchmark
from app.evaluation.report import BENCHMARK_DIR, chance_scores
from app.evaluation.runner import evaluate, loaded_benchmark
from tests.conftest import make_settings

EXPERTS = [
    {
        "id": "weld",
        "name": "焊接专家",
        "discipline": "材料加工",
        "research_interests": "焊缝缺陷检测与X射线图像识别",
        "publications": [
            {
                "title": "焊缝缺陷的深度学习检测",
                "abstract": "针对焊缝气孔与裂纹，提出卷积神经网络检测方法。",
                "keywords": ["焊缝", "缺陷检测"],
            }
        ],
        "split": "tune",
    },
    {
        "id": "battery",
        "name": "电池专家",
        "discipline": "材料科学",
        "research_interests": "锂离子电池正极材料与循环寿命",
        "publications": [
            {
                "title": "高镍正极材料的容量衰减",
                "abstract": "研究锂离子电池高镍正极的循环寿命。",
                "keywords": ["锂离子电池"],
            }
        ],
        "split": "test",
    },
    {
        "id": "ship",
        "name": "Ship expert",
        "discipline": "Ocean Engineering",
        "research_interests": "ship hull resistance optimisation",
        "split": "test",
    },
]
QUERIES = [
    {
        "id": "q-weld",
        "title": "焊缝质量检测需求",
        "description": "我公司需要识别焊缝中的裂纹和气孔缺陷。",
        "split": "tune",
    },
    {
        "id": "q-battery",
        "title": "电池寿命需求",
        "description": "提升锂离子电池的循环寿命，降低容量衰减。",
        "split": "test",
    },
]
QRELS = [
    {"query": "q-weld", "expert": "weld", "grade": 3},
    {"query": "q-weld", "expert": "battery", "grade": 1},
    {"query": "q-battery", "expert": "battery", "grade": 3},
]


def tiny(tmp_path: Path) -> Path:
    d = tmp_path / "tiny"
    d.mkdir()
    for name, rows in (("experts", EXPERTS), ("queries", QUERIES), ("qrels", QRELS)):
        (d / f"{name}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
        )
    return d


def test_a_tiny_benchmark_ranks_each_owner_first(tmp_path: Path, settings: Settings) -> None:
    bench = load_benchmark(tiny(tmp_path))
    with loaded_benchmark(bench, settings, tmp_path / "cache.db") as loaded:
        scores = evaluate(loaded, settings)
        tune = evaluate(loaded, settings, "tune")
    forward, backward = scores["postdocs_for_challenge"], scores["challenges_for_postdoc"]
    assert (forward.queries, forward.mrr, forward.recall50) == (2, 1.0, 1.0)
    assert forward.ndcg10 == 1.0 and forward.pairwise_loss == 0.0
    # backward: weld → [q-weld]; battery → q-battery (3) above q-weld (1); ship has no grades
    assert (backward.queries, backward.mrr, backward.ndcg10) == (2, 1.0, 1.0)
    assert tune["postdocs_for_challenge"].queries == 1
    assert tune["challenges_for_postdoc"].queries == 1


def test_lexical_only_on_the_tiny_benchmark_gives_the_same_order(tmp_path: Path, settings: Settings) -> None:
    bench = load_benchmark(tiny(tmp_path))
    lexical = settings.model_copy(update={"ranking_mode": "lexical", "fusion": "rrf"})
    with loaded_benchmark(bench, settings) as loaded:
        assert evaluate(loaded, lexical)["postdocs_for_challenge"].mrr == 1.0


def test_chance_of_the_tiny_benchmark(tmp_path: Path) -> None:
    bench = load_benchmark(tiny(tmp_path))
    chance = chance_scores(bench, None, draws=200)
    # q-battery: its owner is one of 3 experts → expected MRR (1 + 1/2 + 1/3) / 3 ≈ 0.611
    assert chance["postdocs_for_challenge"].mrr == pytest.approx(0.611, abs=0.05)
    assert chance["postdocs_for_challenge"].recall50 == 1.0


def run_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """``jiebang evaluate ARGS`` with the hashing encoder and a data dir under ``tmp_path``."""
    from app import cli as cli_module

    monkeypatch.setenv("JIEBANG_MODEL", "hashing:64")
    monkeypatch.setenv("JIEBANG_DATA_DIR", str(tmp_path / "var"))
    cli_module.get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli_module.cli, ["evaluate", *args])
    finally:
        cli_module.get_settings.cache_clear()


def test_the_evaluate_command_prints_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_evaluate(tmp_path, monkeypatch, "--benchmark", str(tiny(tmp_path)), "--chance")
    assert result.exit_code == 0, result.output
    assert (
        "| tiny | postdocs_for_challenge | hybrid | 2 | 1.0000 | 1.0000 | 1.0000 | 0.0000 |" in result.output
    )
    assert "| tiny | challenges_for_postdoc | chance |" in result.output


def test_the_evaluate_command_refuses_a_bad_benchmark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tiny(tmp_path)
    (bad / "qrels.jsonl").write_text(
        '{"query": "q-weld", "expert": "nobody", "grade": 3}\n', encoding="utf-8"
    )
    result = run_evaluate(tmp_path, monkeypatch, "--benchmark", str(bad))
    assert result.exit_code == 2
    assert "unknown expert 'nobody'" in result.output


def test_the_evaluate_command_refuses_an_unknown_option_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_evaluate(tmp_path, monkeypatch, "--benchmark", str(tiny(tmp_path)), "--fusion", "sum")
    assert result.exit_code == 2
    assert "invalid option fusion: Input should be 'linear', 'minmax' or 'rrf'" in result.output


@pytest.mark.real_model
def test_the_bundled_model_beats_chance_on_a_slice_of_the_cross_lingual_set(tmp_path: Path) -> None:
    bench = load_benchmark(BENCHMARK_DIR / "xling")
    keep = {q.id for q in bench.queries[:12]}
    bench.queries = [q for q in bench.queries if q.id in keep]
    bench.grades = {q: g for q, g in bench.grades.items() if q in keep}
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", model="bundled:all-MiniLM-L6-v2")
    with loaded_benchmark(bench, settings) as loaded:
        got = evaluate(loaded, settings)["postdocs_for_challenge"]
    chance = chance_scores(bench, None)["postdocs_for_challenge"]
    assert got.queries == 12
    assert got.mrr > 2 * chance.mrr


def test_the_evaluate_command_takes_query_fields_and_a_recency_half_life(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = str(tiny(tmp_path))
    result = run_evaluate(
        tmp_path, monkeypatch, "--benchmark", bench, "--query-fields", "title", "--recency-half-life", "5"
    )
    bad = run_evaluate(tmp_path, monkeypatch, "--benchmark", bench, "--query-fields", "abstract")
    assert result.exit_code == 0, result.output
    assert "| tiny | postdocs_for_challenge | hybrid | 2 |" in result.output
    assert bad.exit_code == 2
    assert "invalid option query_fields" in bad.output


@pytest.mark.parametrize("scale", ["postdoc", "document"])
def test_challenges_for_a_postdoc_share_one_dense_scale_across_its_documents(
    tmp_path: Path, settings: Settings, scale: str
) -> None:
    """Dense-only pair scores of all of a postdoc's documents: one min-max range keeps the cosine
    order across documents; a range per document puts a 1.0 in every document's candidates."""
    from app.matching.filters import ChallengeFilters
    from app.matching.recommend import postdoc_documents_of, score_challenges

    bench = load_benchmark(tiny(tmp_path))
    dense_only = settings.model_copy(update={"ranking_mode": "dense", "reverse_dense_scale": scale})
    with loaded_benchmark(bench, dense_only) as loaded, loaded.runtime.session() as session:
        docs = postdoc_documents_of(session, loaded.postdoc_of["weld"])
        _, pairs = score_challenges(session, loaded.runtime.view(), docs, ChallengeFilters())
    by_doc: dict[int, list[tuple[float, float]]] = {}
    for _, fused, (doc, dense, _) in pairs:
        by_doc.setdefault(doc.id, []).append((max(dense, 0.0), fused))
    assert len(by_doc) == 3 and all(len(v) == 2 for v in by_doc.values())
    tops = [max(f for _, f in v) for v in by_doc.values()]
    if scale == "document":
        assert tops == [1.0, 1.0, 1.0]
    else:
        assert sorted(tops)[-1] == 1.0 and sorted(tops)[0] < 1.0
        ordered = sorted(p for v in by_doc.values() for p in v)
        assert all(a[1] <= b[1] for a, b in pairwise(ordered))
