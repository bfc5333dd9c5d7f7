"""Calibrated coverage: features are absolute, the shipped calibration loads, probabilities order."""

from __future__ import annotations

import numpy as np
import pytest

from app.matching.coverage import (
    CALIBRATION_FILE,
    FALLBACK,
    FEATURES,
    CoverageModel,
    coverage_model,
    load_calibration,
    owner_features,
)
from app.matching.requirements import TextScores, coverage_options
from app.matching.scoring import aggregate
from app.matching.view import shipped_options
from index.lexical import LexicalIndex
from index.retrieval import Candidates


def _scores(bm25: list[float], dense: list[float], owners: list[int]) -> TextScores:
    cands = Candidates(
        doc_ids=np.arange(len(bm25), dtype=np.int64),
        owner_ids=np.array(owners, dtype=np.int64),
        dense=np.array(dense, dtype=np.float32),
        bm25=np.array(bm25, dtype=np.float32),
        best_bm25=max(bm25),
    )
    options = coverage_options(shipped_options().ranking)
    ranked = aggregate(cands.owner_ids, cands.lexical(), options)
    return TextScores("q", ranked, cands, 0.0, options)


def test_features_are_each_owners_best_document() -> None:
    scores = _scores(bm25=[2.0, 1.0, 0.5, 0.0], dense=[0.1, 0.5, 0.3, 0.1], owners=[7, 7, 8, 9])
    features = owner_features(scores, np.array([2.0, 2.0]), [7, 8, 9, 10])
    dense = np.array([0.1, 0.5, 0.3, 0.1])
    z = (dense - dense.mean()) / dense.std()
    assert features[0] == pytest.approx([0.5, 1.0, z[1]])  # share = 2.0 / (2 + 2)
    assert features[1] == pytest.approx([0.125, 0.25, z[2]])
    assert features[3] == pytest.approx([0.0, 0.0, z.min()])  # not retrieved
    assert features.shape == (4, len(FEATURES))


def test_one_generic_word_has_a_small_share_of_the_requirement() -> None:
    """The BM25 index's IDF: a word in most documents (设计) weighs little next to 齿轮."""
    docs = [["设计", "景观"], ["设计", "电影"], ["设计", "建筑"], ["齿轮", "传动", "设计"], ["设计"]]
    lexical = LexicalIndex(np.arange(len(docs)), docs)
    query = ["齿轮", "传动", "设计"]
    idf = lexical.idf(query)
    scores = lexical.scores(query)
    assert idf[2] < idf[0] / 5
    assert scores[0] / idf.sum() < 0.05 < 0.3 < scores[3] / idf.sum()
    assert lexical.document_frequency(["设计", "齿轮", "无"]).tolist() == [5, 1, 0]


def test_probability_is_the_logistic_of_the_features() -> None:
    model = CoverageModel(intercept=-2.0, weights=(4.0, 1.0, 0.5), gap_below=0.5)
    p = model.probability(np.array([[0.0, 0.0, 0.0], [0.5, 1.0, 2.0]]))
    assert p == pytest.approx([1 / (1 + np.exp(2.0)), 1 / (1 + np.exp(-2.0))])
    assert CoverageModel.from_json(model.as_json()) == model


def test_the_shipped_calibration_has_a_fallback_and_sane_weights() -> None:
    models = load_calibration(CALIBRATION_FILE)
    fallback = models[FALLBACK]
    assert fallback.weights[FEATURES.index("dense_z")] == 0.0
    assert fallback.weights[FEATURES.index("share")] > 0  # more of the requirement matched: more likely
    assert 0.0 < fallback.gap_below < 1.0
    assert coverage_model("never-calibrated-model") == fallback
