"""Fit the team coverage calibration on the tune split of the team-gap benchmark and write
app/matching/resources/coverage_calibration.json (docs/teams.md, app/matching/coverage.py).

1. Pairs: every tune requirement with its best retrieved postdocs (the team pool's depth);
   label 1 when the postdoc's discipline is the requirement's, 0 when the category differs.
2. Logistic regression (Platt) on the coverage features → P(covered), with every feature for
   the configured encoder (keyed by its model id; other encoders' entries stay as they are),
   and with ``--fallback`` lexical-only as the ``"*"`` fallback for encoders never calibrated.
3. The gap threshold: on the tune teams, the most right covers + gap honesty among thresholds
   whose false covers stay within the issue's budget (10 %).

Run after changing the default encoder; the test split stays untouched for `jiebang evaluate`.

    python scripts/calibrate_coverage.py [--model MODEL] [--fallback]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import get_settings  # noqa: E402
from app.evaluation.team_gaps import (  # noqa: E402
    calibration_pairs,
    choose_gap_below,
    figures,
    fit_logistic,
    loaded_team_gaps,
    team_gap_rows,
)
from app.matching.coverage import CALIBRATION_FILE, FALLBACK, FEATURES, CoverageModel, load_calibration  # noqa: E402

FALSE_COVER_BUDGET = 0.10  # issue 11: false covers ≤ 10 %
LEXICAL = ("share", "relative")


def _kept() -> dict[str, dict]:
    """The models already in the file (other encoders' calibrations stay as they were)."""
    if not CALIBRATION_FILE.exists():
        return {}
    return json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")).get("models", {})


def _write(models: dict[str, CoverageModel], kept: dict[str, dict]) -> None:
    body = {
        "about": "written by scripts/calibrate_coverage.py on the tune split of data/benchmarks/team_gaps",
        "features": list(FEATURES),
        "models": {**kept, **{k: m.as_json() for k, m in models.items()}},
    }
    CALIBRATION_FILE.parent.mkdir(parents=True, exist_ok=True)
    CALIBRATION_FILE.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load_calibration.cache_clear()


def _model(x: np.ndarray, y: np.ndarray, used: tuple[str, ...], source: str) -> CoverageModel:
    cols = [FEATURES.index(f) for f in used]
    w = fit_logistic(x[:, cols], y)
    weights = [0.0] * len(FEATURES)
    for c, value in zip(cols, w[1:], strict=True):
        weights[c] = round(float(value), 6)
    return CoverageModel(round(float(w[0]), 6), tuple(weights), 0.5, source)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="", help="encoder (default: the setting)")
    parser.add_argument("--fallback", action="store_true", help="also refit the lexical-only fallback")
    args = parser.parse_args()
    settings = get_settings()
    if args.model:
        settings = settings.model_copy(update={"model": args.model})
    cache = settings.data_dir / "eval-vectors.db"
    kept = _kept()
    with loaded_team_gaps(settings, cache) as gaps:
        model_id = gaps.loaded.runtime.view().model_id
        top = gaps.loaded.runtime.view().options.team_pool_per_requirement
        x, y = calibration_pairs(gaps, "tune", top)
        print(f"{len(y)} pairs, {int(y.sum())} positive")
        fitted = {model_id: _model(x, y, FEATURES, f"{model_id}, {len(y)} tune pairs")}
        if args.fallback:
            fitted[FALLBACK] = _model(x, y, LEXICAL, f"lexical-only, {len(y)} tune pairs")
        for key in sorted(fitted, key=lambda k: k != FALLBACK):  # the fallback first, alone in force
            alone = key == FALLBACK
            _write({FALLBACK: fitted[FALLBACK]} if alone else fitted, {} if alone else kept)
            rows = team_gap_rows(gaps, "tune")
            gap_below = choose_gap_below(rows, FALSE_COVER_BUDGET)
            old = fitted[key]
            fitted[key] = CoverageModel(old.intercept, old.weights, gap_below, old.source)
            print(key, fitted[key], figures(rows, gap_below))
        _write(fitted, kept)
    print(f"wrote {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
