"""Helpers shared by tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.config import Settings
from app.matching.view import MatchingOptions, SearchView

__all__ = ["with_settings"]


def with_settings(view: SearchView, settings: Settings, **changes: Any) -> SearchView:
    """``view`` ranking with ``settings`` changed as given (the evaluation's ablations do this)."""
    return replace(view, options=MatchingOptions.from_settings(settings.model_copy(update=changes)))
