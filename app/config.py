"""Settings: one pydantic-settings class, environment prefix ``JIEBANG_``.

Defaults run on a laptop: SQLite under ``var/``, the bundled all-MiniLM-L6-v2 model.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me"


class Settings(BaseSettings):
    """Every knob of the service; read from ``JIEBANG_*`` environment variables or ``.env``."""

    model_config = SettingsConfigDict(env_prefix="JIEBANG_", env_file=".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = "dev"
    data_dir: Path = Path("var")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///<data_dir>/jiebang.db"
    )
    # Model: "bundled:all-MiniLM-L6-v2" (offline default), a hub name such as "BAAI/bge-m3",
    # a local directory, or "hashing:<dim>" (tiny deterministic encoder for fast unit tests).
    model: str = BUNDLED_MODEL
    query_prefix: str = ""
    passage_prefix: str = ""
    encode_batch_size: int = Field(default=64, ge=1, le=4096)
    torch_threads: int = Field(default=0, ge=0, le=256, description="0 = library default")
    # Threads for query encodings (one or a few short texts): 1 suits single queries on shared
    # cores (docs/performance.md); 0 = the same as passages.
    query_threads: int = Field(default=1, ge=0, le=256)
    # "onnx" runs the model with onnxruntime (pip install 'jiebang[onnx]'); exported locally, once.
    encoder_backend: Literal["torch", "onnx"] = "torch"
    # Micro-batching of query encodings from concurrent requests: wait this long for company.
    query_batch_wait_ms: float = Field(default=2.0, ge=0.0, le=100.0)

    # Vector index: "flat" (exact), "hnsw" (approximate, float16), "auto" (flat below the threshold)
    vector_index: Literal["flat", "hnsw", "auto"] = "auto"
    hnsw_threshold: int = Field(default=200_000, ge=1)
    # Where vectors live: "faiss" (in process, kind above) or "milvus" (a Milvus collection per
    # index at milvus_uri: a file path runs milvus-lite, http://host:19530 a server or cluster;
    # empty = <data_dir>/milvus.db). docs/scaling.md.
    vector_backend: Literal["faiss", "milvus"] = "faiss"
    milvus_uri: str = Field(default="", max_length=2000)
    # Open flat FAISS snapshots memory-mapped read-only, so workers on one host share one copy.
    vector_mmap: bool = True
    # FAISS OpenMP threads (process-wide). One by default: a request's searches are small, and on
    # a few shared cores spinning OpenMP threads cost more than they save (docs/teams.md).
    faiss_threads: int = Field(default=1, ge=0, le=256, description="0 = library default")

    # Ranking
    dense_weight: float = Field(default=0.8, ge=0.0, le=1.0)
    # Ranking ablations; the defaults won on the tune split and held on the test split
    # (docs/evaluation.md shows each one's measured effect)
    ranking_mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    fusion: Literal["linear", "minmax", "rrf"] = "minmax"
    rrf_k: int = Field(default=60, ge=1, le=1000)
    aggregation: Literal["max", "topk", "mean"] = "mean"
    aggregation_top_k: int = Field(default=3, ge=1, le=50)
    aggregation_best_weight: float = Field(default=0.8, ge=0.0, le=1.0)
    # Publications lose half their weight every this many years before aggregation (0 = off);
    # age counts from the newest publication year in the corpus (app/matching/recency.py)
    aggregation_recency_half_life_years: float = Field(default=0.0, ge=0.0, le=100.0)
    # Challenges for a postdoc: min-max range of cosine over all of the postdoc's documents (one
    # scale, as BM25 has) or per document (before); docs/evaluation.md
    reverse_dense_scale: Literal["postdoc", "document"] = "postdoc"
    # Which challenge fields form the ranking query (app/services/documents.py QUERY_FIELDS);
    # the stored challenge document keeps all fields whatever this says. "all_title_twice" won
    # on tune and held on test, but left hybrid below lexical-only on zh (docs/evaluation.md).
    query_fields: Literal["all", "title", "title_expertise", "expertise_description", "all_title_twice"] = (
        "all"
    )
    # Tokenisation (stored tokens depend on it: re-import after changing)
    text_t2s: bool = True
    text_glossary: bool = True
    text_cjk_bigrams: bool = False
    text_zh_stopwords: bool = True
    retrieve_docs: int = Field(default=1000, ge=10, le=100_000)
    # Freeze the loaded indexes out of the garbage collector's full collections (app/model_manager.py
    # settle_heap): they paused requests for 330 ms at 100,000 postdocs.
    gc_freeze: bool = True
    # Retrieval results kept per index until it next changes, in scored documents (24 bytes
    # each; 0 = off): docs/performance.md
    retrieval_cache_rows: int = Field(default=2_000_000, ge=0, le=100_000_000)
    evidence_per_result: int = Field(default=3, ge=1, le=10)
    # Teams (docs/teams.md): objective weights, the coverage under which a requirement is a gap,
    # and how many of each requirement's best postdocs enter the candidate pool
    team_weight_coverage: float = Field(default=0.6, ge=0.0, le=1.0)
    team_weight_fit: float = Field(default=0.3, ge=0.0, le=1.0)
    team_weight_cohesion: float = Field(default=0.1, ge=0.0, le=1.0)
    team_gap_below: float = Field(default=0.3, ge=0.0, le=1.0)
    team_pool_per_requirement: int = Field(default=40, ge=1, le=1000)
    lexical_sync_rebuild_max_docs: int = Field(default=50_000, ge=0)

    # Limits
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_import_bytes: int = Field(default=50_000_000, ge=1024)
    max_import_rows: int = Field(default=100_000, ge=1)
    max_page_size: int = Field(default=100, ge=1, le=1000)
    max_offset: int = Field(default=10_000, ge=0)

    # Accounts and web sessions. The secret signs session cookies; outside dev it must be set.
    secret_key: str = Field(default=DEV_SECRET_KEY, min_length=16, max_length=500)
    session_max_age_s: int = Field(default=8 * 3600, ge=60, le=30 * 24 * 3600)
    # None = Secure cookies everywhere except env=dev (plain http on a laptop).
    session_cookie_secure: bool | None = None
    max_proposal_chars: int = Field(default=5000, ge=100, le=100_000)

    # Index snapshots
    snapshot_every_ops: int = Field(default=500, ge=1)

    @model_validator(mode="after")
    def _fill_database_url(self) -> Settings:
        if self.database_url is None:
            self.database_url = f"sqlite:///{self.data_dir / 'jiebang.db'}"
        if self.env != "dev" and self.secret_key == DEV_SECRET_KEY:
            raise ValueError(
                f"JIEBANG_SECRET_KEY must be set to a long random value when env={self.env} "
                "(the built-in key is for dev only)"
            )
        return self

    @property
    def cookie_secure(self) -> bool:
        if self.session_cookie_secure is not None:
            return self.session_cookie_secure
        return self.env != "dev"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_url(self) -> str:
        assert self.database_url is not None
        return self.database_url


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()
