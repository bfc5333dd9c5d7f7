"""What the bundled English model is given: Latin words only, nothing for punctuation leftovers."""

from __future__ import annotations

import numpy as np
import pytest

from index.factory import make_encoder
from index.text import readable_text

pytestmark = pytest.mark.real_model


def test_chinese_text_leaves_no_punctuation_to_encode() -> None:
    encoder = make_encoder("bundled:all-MiniLM-L6-v2")
    vectors = encoder.encode(
        [
            "宋代诗词格律研究（2-4）；、 、 。",  # Chinese (no glossary term), numbers and punctuation
            "基于机器视觉的焊缝缺陷检测；PyTorch；weld defect detection",
            "weld defect detection with PyTorch",
        ]
    )
    assert readable_text("宋代诗词格律研究（2-4）；、 、 。") == "（2-4）；、 、 。"
    assert not np.any(vectors[0])
    np.testing.assert_allclose(np.linalg.norm(vectors[1:], axis=1), [1.0, 1.0], rtol=1e-5)
    assert float(vectors[1] @ vectors[2]) > 0.9


def test_chinese_glossary_terms_reach_the_english_model() -> None:
    """Chinese technical terms in the bilingual glossary are given to the model in English."""
    encoder = make_encoder("bundled:all-MiniLM-L6-v2")
    text = "基于机器视觉的焊缝缺陷检测（2-4）；、 、 。"
    assert readable_text(text) == "（2-4）；、 、 。; machine vision, weld seam, detection"
    zh, en, other = encoder.encode([text, "machine vision weld seam detection", "Song dynasty poetry"])
    assert float(zh @ en) > 0.7
    assert float(zh @ other) < 0.3
