"""Team-gap figures, the logistic fit and the threshold choice, on rows whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from app.evaluation.team_gaps import GAPS_DIR, GapRow, choose_gap_below, figures, fit_logistic


def _row(coverage: float, disc: str, cat: str, by: str | None, by_cat: str | None, excluded: bool) -> GapRow:
    return GapRow("c", "test", "t", disc, cat, excluded, coverage, by, by_cat)


ROWS = [
    _row(0.9, "机械工程", "工学", "机械工程", "工学", False),  # right
    _row(0.8, "临床医学", "医学", "园艺学", "农学", False),  # false cover
    _row(0.2, "作物学", "农学", "作物学", "农学", False),  # right coverer, but reported a gap
    _row(0.1, "哲学", "哲学", "法学", "法学", True),  # honest gap
    _row(0.7, "法学", "法学", "机械工程", "工学", True),  # dishonest cover
    _row(0.6, "作物学", "农学", "园艺学", "农学", True),  # covered from the same category
]


def test_figures_at_a_threshold() -> None:
    f = figures(ROWS, gap_below=0.5)
    assert f.requirements == 6
    assert f.accuracy == pytest.approx(2 / 3, abs=1e-4)  # best coverer's discipline, gap or not
    assert f.right_covers == pytest.approx(1 / 3, abs=1e-4)  # reported covered and right
    assert f.gap_honesty == pytest.approx(2 / 3, abs=1e-4)
    assert f.false_covers == pytest.approx(2 / 4)  # of the 4 reported as covered
    strict = figures(ROWS, gap_below=0.95)
    assert (strict.right_covers, strict.gap_honesty, strict.false_covers) == (0.0, 1.0, 0.0)
    assert strict.accuracy == f.accuracy  # the threshold does not change who covers best


def test_threshold_keeps_false_covers_within_the_budget() -> None:
    t = choose_gap_below(ROWS, false_cover_budget=0.25)
    assert figures(ROWS, t).false_covers <= 0.25
    # 0.9 reports only the right 0.9 cover: both false covers (0.8, 0.7) become gaps, honesty 1.0;
    # 1.0 would also keep false covers at 0 but lose the right cover
    assert t == 0.9


def test_logistic_fit_recovers_the_direction_of_the_data() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2000, 2))
    p = 1 / (1 + np.exp(-(-1.0 + 3.0 * x[:, 0])))
    y = (rng.random(2000) < p).astype(float)
    w = fit_logistic(x, y)
    assert w[0] == pytest.approx(-1.0, abs=0.25)
    assert w[1] == pytest.approx(3.0, abs=0.4)
    assert abs(w[2]) < 0.2


def test_the_benchmark_file_is_balanced() -> None:
    import json

    rows = [json.loads(line) for line in (GAPS_DIR / "challenges.jsonl").read_text("utf-8").splitlines()]
    assert {r["split"] for r in rows} == {"tune", "test"}
    for r in rows:
        assert len({q["category"] for q in r["requirements"]}) == 3
        assert r["excluded_discipline"] in (None, *(q["discipline"] for q in r["requirements"]))
    assert sum(r["excluded_discipline"] is not None for r in rows) * 2 == len(rows)
