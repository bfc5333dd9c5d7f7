"""Tokenisation options: glossary expansion both ways, Traditional → Simplified, bigrams."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from index.text import (
    TextOptions,
    configure,
    glossary_terms,
    readable_share,
    readable_text,
    text_options,
    to_simplified,
    tokenize,
)


@pytest.fixture(autouse=True)
def restore_options() -> Iterator[None]:
    before = text_options()
    yield
    configure(before)


def test_a_chinese_glossary_term_also_yields_its_english_terms() -> None:
    configure(TextOptions())
    assert tokenize("焊缝检测") == ["焊缝", "weld", "seam", "检测", "detect"]


def test_an_english_phrase_also_yields_the_chinese_terms() -> None:
    configure(TextOptions())
    tokens = tokenize("machine learning")
    assert tokens == ["machin", "learn", "机器", "学习", "机器学习"]


def test_without_the_glossary_there_is_no_expansion() -> None:
    configure(TextOptions(glossary=False))
    assert tokenize("焊缝检测 machine learning") == ["焊缝", "检测", "machin", "learn"]
    assert readable_text("焊缝检测 with X-ray") == "with X-ray"


def test_traditional_chinese_is_indexed_as_simplified() -> None:
    configure(TextOptions(glossary=False))
    assert to_simplified("機器學習") == "机器学习"
    assert tokenize("機器學習") == tokenize("机器学习")
    configure(TextOptions(glossary=False, t2s=False))
    assert "机器学习" not in tokenize("機器學習")


def test_character_bigrams_are_added_on_request() -> None:
    configure(TextOptions(glossary=False, cjk_bigrams=True))
    assert tokenize("焊缝检测") == ["焊缝", "检测", "焊缝", "缝检", "检测"]


def test_an_english_only_encoder_reads_the_glossary_translations() -> None:
    configure(TextOptions())
    assert glossary_terms("基于深度学习的焊缝检测") == ["深度学习", "焊缝", "检测"]
    assert (
        readable_text("基于深度学习的焊缝检测 with YOLO") == "with YOLO; deep learning, weld seam, detection"
    )
    # 19 word characters: 8 Latin (with, YOLO) + 11 Chinese, of which 深度学习 焊缝 检测 (8) are covered
    assert readable_share("基于深度学习的焊缝检测 with YOLO") == pytest.approx(16 / 19)
