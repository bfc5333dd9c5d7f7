"""Recency weighting of publications before per-person aggregation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import Settings
from app.evaluation.benchmark import load_benchmark
from app.evaluation.runner import loaded_benchmark
from app.matching.candidates import score_postdocs
from app.matching.documents import challenge_query_text
from app.matching.filters import ChallengeFilters, PostdocFilters
from app.matching.recency import decay, document_years, newest_year
from app.matching.recommend import postdoc_documents_of, score_challenges
from app.matching.scoring import dense_weight
from index.text import tokenize
from models import Challenge
from tests.utils import with_settings


def test_decay_halves_every_half_life_and_leaves_undated_documents_alone() -> None:
    years = np.array([2020, 2015, 2010, np.nan, 2022])
    assert decay(years, 2020, 5.0).tolist() == [1.0, 0.5, 0.25, 1.0, 1.0]
    assert decay(years, 2020, 0.0).tolist() == [1.0] * 5
    assert decay(years, None, 5.0).tolist() == [1.0] * 5


@settings(max_examples=200, deadline=None)
@given(
    years=st.lists(st.integers(1950, 2030), min_size=2, max_size=20),
    reference=st.integers(1990, 2030),
    half_life=st.floats(0.5, 50.0),
)
def test_decay_is_in_0_1_and_never_favours_an_older_year(years, reference, half_life):
    arr = np.array(years, dtype=np.float64)
    factors = decay(arr, reference, half_life)
    assert np.all((factors > 0) & (factors <= 1))
    order = np.argsort(arr, kind="stable")
    assert np.all(np.diff(factors[order]) >= 0)  # newer (larger) year → factor at least as high


EXPERT: dict[str, Any] = {
    "discipline": "材料加工",
    "research_interests": "焊接工艺",
    "publications": [
        {"title": "焊缝缺陷的深度学习检测", "abstract": "焊缝气孔与裂纹的检测。", "keywords": ["焊缝"]}
    ],
    "split": "tune",
}


def twins(tmp_path: Path) -> Path:
    """Two experts with identical documents except the publication year (older one first)."""
    d = tmp_path / "twins"
    d.mkdir()
    experts = [
        {**EXPERT, "id": key, "name": key, "publications": [{**EXPERT["publications"][0], "year": year}]}
        for key, year in (("old", 2005), ("new", 2020))
    ]
    queries = [{"id": "q", "title": "焊缝检测", "description": "识别焊缝中的裂纹。", "split": "tune"}]
    qrels = [{"query": "q", "expert": "new", "grade": 3}]
    for name, rows in (("experts", experts), ("queries", queries), ("qrels", qrels)):
        (d / f"{name}.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    return d


def test_a_newer_identical_paper_ranks_above_an_older_one_in_both_directions(
    tmp_path: Path, settings: Settings
) -> None:
    bench = load_benchmark(twins(tmp_path))
    with loaded_benchmark(bench, settings) as loaded:
        runtime = loaded.runtime
        old, new = loaded.postdoc_of["old"], loaded.postdoc_of["new"]
        results = {}
        for half_life in (0.0, 5.0):
            view = with_settings(
                runtime.view(), runtime.settings, aggregation_recency_half_life_years=half_life
            )
            with runtime.session() as session:
                assert newest_year(session) == 2020
                challenge = session.get_one(Challenge, loaded.challenge_of["q"])
                text = challenge_query_text(challenge)
                weight = dense_weight(view.options.ranking, view.encoder, text)
                ranked, _ = score_postdocs(session, view, text, tokenize(text), weight, PostdocFilters())
                reverse = {
                    who: score_challenges(
                        session, view, postdoc_documents_of(session, who), ChallengeFilters()
                    )
                    for who in (old, new)
                }
            results[half_life] = (
                [(a.owner_id, a.score) for a in ranked],
                {who: r[0][0].score for who, r in reverse.items()},
            )
    (off, off_reverse), (on, on_reverse) = results[0.0], results[5.0]
    assert [o for o, _ in off] == [old, new] and off[0][1] == off[1][1]  # a tie, broken by id
    assert [o for o, _ in on] == [new, old] and on[0][1] > on[1][1]
    assert on[0][1] == off[0][1]  # the newest paper keeps its score
    assert off_reverse[old] == off_reverse[new]
    assert on_reverse[new] == off_reverse[new] and on_reverse[old] < on_reverse[new]


def test_document_years_follow_the_requested_order(tmp_path: Path, settings: Settings) -> None:
    bench = load_benchmark(twins(tmp_path))
    with loaded_benchmark(bench, settings) as loaded, loaded.runtime.session() as session:
        docs = postdoc_documents_of(session, loaded.postdoc_of["old"])
        docs += postdoc_documents_of(session, loaded.postdoc_of["new"])
        ids = np.array([d.id for d in reversed(docs)] + [docs[2].id], dtype=np.int64)
        years = document_years(session, ids)
    expected = [np.nan if d.year is None else d.year for d in reversed(docs)] + [2005]
    assert np.array_equal(years, np.array(expected, dtype=np.float64), equal_nan=True)
    assert [d.year for d in docs] == [None, None, 2005, None, None, 2020]


def test_the_candidates_page_shows_weighted_evidence_scores(tmp_path: Path, settings: Settings) -> None:
    from app.matching.candidates import rank_candidates

    bench = load_benchmark(twins(tmp_path))
    with loaded_benchmark(bench, settings) as loaded:
        runtime = loaded.runtime
        scores = {}
        for half_life in (0.0, 5.0):
            view = with_settings(
                runtime.view(), runtime.settings, aggregation_recency_half_life_years=half_life
            )
            with runtime.session() as session:
                challenge = session.get_one(Challenge, loaded.challenge_of["q"])
                page = rank_candidates(session, view, challenge, PostdocFilters(), limit=2, offset=0)
            scores[half_life] = {
                item.postdoc.id: {e.kind: e.score for e in item.evidence} for item in page.items
            }
    old, new = loaded.postdoc_of["old"], loaded.postdoc_of["new"]
    off, on = scores[0.0], scores[5.0]
    assert off[old]["publication"] == off[new]["publication"] == on[new]["publication"]
    assert on[old]["publication"] == round(off[old]["publication"] * 0.125, 4)
