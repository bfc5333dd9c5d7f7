"""What the bundled English model is given: Latin words only, nothing for punctuation leftovers."""

from __future__ import annotations

import numpy as np
import pytest

from index.encoder import make_encoder

pytestmark = pytest.mark.real_model


def test_chinese_text_leaves_no_punctuation_to_encode() -> None:
    encoder = make_encoder("bundled:all-MiniLM-L6-v2")
    vectors = encoder.encode(
        [
            "基于机器视觉的焊缝缺陷检测（2-4）；、 、 。",  # Chinese, numbers and punctuation only
            "基于机器视觉的焊缝缺陷检测；PyTorch；weld defect detection",
            "weld defect detection with PyTorch",
        ]
    )
    assert not np.any(vectors[0])
    np.testing.assert_allclose(np.linalg.norm(vectors[1:], axis=1), [1.0, 1.0], rtol=1e-5)
    assert float(vectors[1] @ vectors[2]) > 0.9
