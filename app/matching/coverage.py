"""Calibrated coverage: the probability that a postdoc covers one requirement by its meaning.

The fused ranking score is relative: BM25 is divided by the best score any document reaches for
the query, so whoever shares one generic word (设计) with a requirement nobody else matches gets
close to 1. Coverage therefore reads three absolute features of an owner's documents for the
requirement, each the best over the owner's retrieved documents:

- ``share``: BM25 over the sum of the query tokens' IDF in this index: how much of the
  requirement's informative vocabulary the document holds (a generic word has a small IDF,
  a token no document holds counts at the highest);
- ``relative``: BM25 over the best BM25 in the index (what the ranking uses);
- ``dense_z``: cosine standardised against the requirement's retrieved documents (mean and
  standard deviation of their cosine): how far above the pool the document stands.

``P(covered) = σ(b₀ + b · features)``, fitted by logistic regression (Platt) on labelled pairs
of the team-gap benchmark's tune split (``scripts/calibrate_coverage.py``; pairs are a
requirement and a retrieved postdoc, positive when the postdoc's discipline is the
requirement's). The shipped file ``resources/coverage_calibration.json`` holds one model per
encoder (keyed by model id) and a lexical-only ``"*"`` fallback for encoders never calibrated,
plus the gap threshold chosen on the same tune split.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.matching.requirements import RequirementScores, TextScores
from index.lexical import LexicalIndex
from index.text import query_tokens

__all__ = [
    "CALIBRATION_FILE",
    "FEATURES",
    "CoverageModel",
    "calibrated_matrix",
    "coverage_model",
    "load_calibration",
    "owner_features",
    "requirement_idf",
]

CALIBRATION_FILE = Path(__file__).resolve().parent / "resources" / "coverage_calibration.json"
FEATURES = ("share", "relative", "dense_z")
FALLBACK = "*"


@dataclass(frozen=True)
class CoverageModel:
    """Logistic coverage model: weights per feature (``FEATURES`` order), an intercept, and the
    team coverage under which a requirement is reported as a gap."""

    intercept: float
    weights: tuple[float, ...]
    gap_below: float
    source: str = ""

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(covered) for each row of ``features`` (n × len(FEATURES))."""
        z = self.intercept + features @ np.asarray(self.weights, dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-z))

    def as_json(self) -> dict[str, object]:
        return {
            "intercept": self.intercept,
            "weights": dict(zip(FEATURES, self.weights, strict=True)),
            "gap_below": self.gap_below,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, row: dict) -> CoverageModel:
        return cls(
            intercept=float(row["intercept"]),
            weights=tuple(float(row["weights"][f]) for f in FEATURES),
            gap_below=float(row["gap_below"]),
            source=str(row.get("source", "")),
        )


@lru_cache(maxsize=4)
def load_calibration(path: Path = CALIBRATION_FILE) -> dict[str, CoverageModel]:
    """Coverage models by model id (``"*"``: the lexical-only fallback)."""
    rows = json.loads(path.read_text(encoding="utf-8"))["models"]
    return {key: CoverageModel.from_json(row) for key, row in rows.items()}


def coverage_model(model_id: str, path: Path = CALIBRATION_FILE) -> CoverageModel:
    """The model calibrated for this encoder, else the lexical-only fallback."""
    models = load_calibration(path)
    return models.get(model_id) or models[FALLBACK]


def owner_features(scores: TextScores, idf: np.ndarray, owner_ids: list[int]) -> np.ndarray:
    """(owners × FEATURES): each owner's best ``share``, ``relative`` and ``dense_z`` over their
    retrieved documents for this requirement; zeros (and the lowest z) for an owner not retrieved."""
    cands = scores.cands
    mass = float(idf.sum())
    share = cands.bm25 / mass if mass > 0 else np.zeros_like(cands.bm25)
    relative = cands.lexical()
    dense = np.asarray(cands.dense, dtype=np.float64)
    spread = float(dense.std()) if dense.size > 1 else 0.0
    z = (dense - float(dense.mean())) / spread if spread > 0 else np.zeros_like(dense)
    floor = float(z.min()) if z.size else 0.0
    out = np.zeros((len(owner_ids), len(FEATURES)), dtype=np.float64)
    out[:, 2] = floor
    for i, owner in enumerate(owner_ids):
        agg = scores.by_owner.get(owner)
        if agg is None:
            continue
        rows = np.asarray(agg.best, dtype=np.int64)
        out[i] = (share[rows].max(), relative[rows].max(), z[rows].max())
    return out


def calibrated_matrix(
    scores: RequirementScores, owner_ids: list[int], idf_of: dict[str, np.ndarray], model: CoverageModel
) -> np.ndarray:
    """(owners × requirements) P(covered); 0 for an owner a requirement did not retrieve.

    ``idf_of``: per requirement text, the IDF of its query tokens in the postdoc index."""
    out = np.zeros((len(owner_ids), len(scores.per_requirement)), dtype=np.float64)
    for j, ts in enumerate(scores.per_requirement):
        probability = model.probability(owner_features(ts, idf_of[ts.text], owner_ids))
        retrieved = np.array([o in ts.by_owner for o in owner_ids], dtype=bool)
        out[:, j] = np.where(retrieved, probability, 0.0)
    return out


def requirement_idf(scores: RequirementScores, lexical: LexicalIndex) -> dict[str, np.ndarray]:
    """The IDF in ``lexical`` (the postdoc index) of every requirement's query tokens."""
    return {ts.text: lexical.idf(query_tokens(ts.text)) for ts in scores.per_requirement}
