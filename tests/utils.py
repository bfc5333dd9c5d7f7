"""Helpers shared by tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from app.config import Settings
from app.matching.view import MatchingOptions, SearchView
from index.encoder import HashingEncoder

__all__ = ["CountingEncoder", "with_settings"]


def with_settings(view: SearchView, settings: Settings, **changes: Any) -> SearchView:
    """``view`` ranking with ``settings`` changed as given (the evaluation's ablations do this)."""
    return replace(view, options=MatchingOptions.from_settings(settings.model_copy(update=changes)))


class CountingEncoder(HashingEncoder):
    """A hashing encoder that records the texts of each call."""

    def __init__(self, dim: int, *, reads_cjk: bool = True) -> None:
        super().__init__(dim)
        self.reads_cjk = reads_cjk  # type: ignore[misc]
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], role: str = "passage") -> np.ndarray:  # type: ignore[override]
        self.calls.append(list(texts))
        return super().encode(texts, role)  # type: ignore[arg-type]
