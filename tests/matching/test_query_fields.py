"""Query construction from a challenge's fields (setting ``query_fields``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Select, select

from app.config import Settings
from app.evaluation.benchmark import load_benchmark
from app.evaluation.runner import loaded_benchmark
from app.matching.candidates import rank_candidates
from app.matching.documents import QUERY_FIELDS, challenge_documents, challenge_query_text
from app.matching.filters import PostdocFilters
from models import Challenge, Document, IndexName
from tests.evaluation.test_runner import tiny
from tests.utils import with_settings


def a_challenge(**fields: object) -> Challenge:
    values: dict[str, object] = {
        "title": "焊缝检测",
        "required_expertise": ["X射线", "深度学习"],
        "description": "识别焊缝中的裂纹。",
    }
    return Challenge(**{**values, **fields})


def test_each_variant_joins_its_fields_in_order() -> None:
    challenge = a_challenge()
    assert challenge_query_text(challenge) == "焊缝检测\nX射线；深度学习\n识别焊缝中的裂纹。"
    assert challenge_query_text(challenge, "title") == "焊缝检测"
    assert challenge_query_text(challenge, "title_expertise") == "焊缝检测\nX射线；深度学习"
    assert challenge_query_text(challenge, "expertise_description") == "X射线；深度学习\n识别焊缝中的裂纹。"
    assert (
        challenge_query_text(challenge, "all_title_twice")
        == "焊缝检测\n焊缝检测\nX射线；深度学习\n识别焊缝中的裂纹。"
    )


def test_empty_fields_are_skipped_and_an_empty_choice_falls_back_to_all() -> None:
    challenge = a_challenge(required_expertise=[])
    assert challenge_query_text(challenge, "title_expertise") == "焊缝检测"
    assert challenge_query_text(challenge, "expertise_description") == "识别焊缝中的裂纹。"
    assert challenge_query_text(a_challenge(title=""), "title") == "X射线；深度学习\n识别焊缝中的裂纹。"


def test_the_setting_refuses_an_unknown_variant() -> None:
    with pytest.raises(ValueError, match="query_fields"):
        Settings(query_fields="abstract")  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(
    title=st.text(min_size=1, max_size=20).filter(str.strip),
    expertise=st.lists(st.text(min_size=1, max_size=10), max_size=3),
    description=st.text(min_size=1, max_size=40),
    fields=st.sampled_from(sorted(QUERY_FIELDS)),
)
def test_the_stored_document_keeps_all_fields_whatever_the_query(title, expertise, description, fields):
    challenge = a_challenge(title=title, required_expertise=expertise, description=description)
    assert challenge_documents(challenge)[0].text == challenge_query_text(challenge, "all")
    assert title in challenge_query_text(challenge, fields) or "title" not in QUERY_FIELDS[fields]


def test_title_only_queries_rank_with_different_terms_and_leave_the_index_alone(
    tmp_path: Path, settings: Settings
) -> None:
    bench = load_benchmark(tiny(tmp_path))
    with loaded_benchmark(bench, settings) as loaded:
        runtime = loaded.runtime
        with runtime.session() as session:
            challenge = session.get_one(Challenge, loaded.challenge_of["q-weld"])
            stored = session.scalars(challenge_texts(challenge.id)).all()
            pages = {}
            for fields in ("all", "title"):
                view = with_settings(runtime.view(), runtime.settings, query_fields=fields)
                pages[fields] = rank_candidates(
                    session, view, challenge, PostdocFilters(), limit=10, offset=0
                )
            assert session.scalars(challenge_texts(challenge.id)).all() == stored
    assert stored == ["焊缝质量检测需求\n我公司需要识别焊缝中的裂纹和气孔缺陷。"]
    title_terms, all_terms = pages["title"].ranking.query_terms, pages["all"].ranking.query_terms
    assert "裂纹" in all_terms and "裂纹" not in title_terms
    assert set(title_terms) < set(all_terms)
    assert pages["title"].items[0].postdoc.id == loaded.postdoc_of["weld"]


def challenge_texts(challenge_id: int) -> Select[str]:
    return select(Document.text).where(
        Document.index_name == IndexName.challenges, Document.owner_id == challenge_id
    )
