"""The search view: what one request ranks with, taken once and never changed.

A view holds one model generation — the encoder and the indexes built with it — and the
matching options read from the settings when that generation was made. The model manager
(app/model_manager.py) builds the next generation in the background and swaps it in whole, so a
request that took a view ranks, scores and reports ``model_id`` with one model throughout.
Matching functions take a view; they never reach for a process-wide runtime.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.config import Settings
from app.matching.scoring import RankingOptions
from app.matching.team_search import Weights
from index.encoder import Encoder
from index.search_index import SearchIndex
from models import IndexName

__all__ = ["MatchingOptions", "SearchView", "shipped_options"]


@dataclass(frozen=True)
class MatchingOptions:
    """Every matching knob, frozen from the settings (the one place their defaults live)."""

    ranking: RankingOptions
    query_fields: str
    retrieve_docs: int
    query_batch_wait_ms: float
    evidence_per_result: int
    evidence_filler_share: float
    team_weights: Weights
    team_gap_below: float | None  # None: the calibrated threshold (app/matching/coverage.py)
    team_pool_per_requirement: int

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchingOptions:
        return cls(
            ranking=RankingOptions.from_settings(settings),
            query_fields=settings.query_fields,
            retrieve_docs=settings.retrieve_docs,
            query_batch_wait_ms=settings.query_batch_wait_ms,
            evidence_per_result=settings.evidence_per_result,
            evidence_filler_share=settings.evidence_filler_share,
            team_weights=Weights(
                coverage=settings.team_weight_coverage,
                fit=settings.team_weight_fit,
                cohesion=settings.team_weight_cohesion,
            ),
            team_gap_below=settings.team_gap_below,
            team_pool_per_requirement=settings.team_pool_per_requirement,
        )


def shipped_options() -> MatchingOptions:
    """The options as shipped: the settings' defaults, whatever the environment says (tests and
    benchmarks start from these, so they measure what the service runs)."""
    return MatchingOptions.from_settings(Settings.model_construct())


@dataclass(frozen=True)
class SearchView:
    """One model generation's encoder and indexes, with the options to rank them by."""

    encoder: Encoder
    indexes: Mapping[IndexName, SearchIndex]
    options: MatchingOptions

    @property
    def model_id(self) -> str:
        return self.encoder.model_id

    @property
    def postdocs(self) -> SearchIndex:
        return self.indexes[IndexName.postdocs]

    @property
    def challenges(self) -> SearchIndex:
        return self.indexes[IndexName.challenges]
