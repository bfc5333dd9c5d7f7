"""Settings: one pydantic-settings class, environment prefix ``JIEBANG_``.

Defaults run on a laptop: SQLite under ``var/``, the bundled composite encoder (multilingual
Universal Sentence Encoder v3 for Chinese and cross-lingual text, plus all-MiniLM-L6-v2 for
English; docs/evaluation.md).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.validators import secret_problem
from index.composite import composite_spec

__all__ = [
    "BUNDLED_E5",
    "BUNDLED_E5_SYMMETRIC",
    "BUNDLED_MIX",
    "BUNDLED_MODEL",
    "BUNDLED_USE",
    "DEV_SECRET_KEY",
    "Settings",
    "get_settings",
]

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
BUNDLED_E5 = "bundled:multilingual-e5-small-q4"
# e5 with "query: " on both sides (the model card's advice for symmetric tasks: text against text)
BUNDLED_E5_SYMMETRIC = "bundled:multilingual-e5-small-q4-symmetric"
BUNDLED_USE = "bundled:use-v3"
# The default: a composite of two bundled encoders, from the settings ``mix_multilingual``,
# ``mix_english`` and ``mix_english_share`` (``Settings`` writes the resolved ``mix:`` spec back).
BUNDLED_MIX = "bundled:mix"
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me"


class Settings(BaseSettings):
    """Every knob of the service; read from ``JIEBANG_*`` environment variables or ``.env``."""

    model_config = SettingsConfigDict(env_prefix="JIEBANG_", env_file=".env", extra="ignore")

    # Production unless dev is asked for (``jiebang demo`` asks, and says so)
    env: Literal["dev", "test", "prod"] = "prod"
    data_dir: Path = Path("var")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///<data_dir>/jiebang.db"
    )
    # Model: "bundled:mix" (offline default: two dense channels in one vector, below),
    # "bundled:all-MiniLM-L6-v2", "bundled:use-v3", "bundled:multilingual-e5-small-q4[-symmetric]",
    # a hub name such as "BAAI/bge-m3", a local directory, "mix:<model>@zh=<w>,en=<w>+…"
    # (index/composite.py) or "hashing:<dim>" (tiny deterministic encoder for fast unit tests).
    model: str = BUNDLED_MIX
    # bundled:mix: a multilingual channel (reads Chinese and English in one space) and an English
    # channel given only the Latin part of each text. The English channel's share of the dense
    # score for Latin-script text (0 for Chinese text, interpolated by the Latin share of mixed
    # text); the multilingual channel has the rest. Tuned on the tune splits (docs/evaluation.md).
    # Changing any of them is a model change: vectors are re-encoded in the background.
    mix_multilingual: str = Field(default=BUNDLED_USE, min_length=1, max_length=200)
    mix_english: str = Field(default=BUNDLED_MODEL, min_length=1, max_length=200)
    mix_english_share: float = Field(default=0.5, ge=0.0, le=1.0)
    # Optional third channel for Chinese text only (share for Chinese text; the multilingual
    # channel has the rest): it scores Chinese pairs and never a pair across languages.
    mix_chinese: str = Field(default="", max_length=200)
    mix_chinese_share: float = Field(default=0.7, ge=0.0, le=1.0)
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
    # Who feeds Milvus from the outbox: "here" (this process, when it holds the feeding lease in
    # index_feeds; required for milvus-lite) or "follower" (only `jiebang follow` feeds; API
    # processes only query). One follower holds the lease at a time (milvus_lease_s).
    milvus_feed: Literal["here", "follower"] = "here"
    milvus_lease_s: float = Field(default=30.0, gt=0, le=3600)
    milvus_follow_interval_s: float = Field(default=1.0, gt=0, le=600)  # `jiebang follow` polls
    # Open flat FAISS snapshots memory-mapped read-only, so workers on one host share one copy.
    vector_mmap: bool = True
    # FAISS OpenMP threads (process-wide). One by default: a request's searches are small, and on
    # a few shared cores spinning OpenMP threads cost more than they save (docs/teams.md).
    faiss_threads: int = Field(default=1, ge=0, le=256, description="0 = library default")

    # Ranking
    # 0.6 won on the tune splits with the bundled:mix default and held on test (0.8 was tuned
    # for all-MiniLM-L6-v2 alone; docs/evaluation.md)
    dense_weight: float = Field(default=0.6, ge=0.0, le=1.0)
    # A composite encoder's pairs across languages (app/matching/scoring.fuse_candidates): the
    # dense weight a pair moves to by its language gap (None: dense_weight for every pair), and
    # whether a cosine is read over the pair's ceiling (the channels both texts share). 1.0 and
    # on won on the xling tune split, glossary on and off together, and held on test
    # (docs/evaluation.md, "Pairs across languages"); zh and en do not change.
    dense_weight_across: float | None = Field(default=1.0, ge=0.0, le=1.0)
    dense_ceiling: bool = True
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
    # Evidence chips leave out terms found in more than this share of the postdoc index's
    # documents (建立, 给出, 结合: filler), judged once the index has enough documents for the
    # share to be one document or more (app/matching/evidence.py)
    evidence_filler_share: float = Field(default=0.02, gt=0.0, le=1.0)
    # Teams (docs/teams.md): objective weights, the coverage under which a requirement is a gap
    # (None: the threshold calibrated with the coverage model, app/matching/coverage.py), and how
    # many of each requirement's best postdocs enter the candidate pool
    team_weight_coverage: float = Field(default=0.6, ge=0.0, le=1.0)
    team_weight_fit: float = Field(default=0.3, ge=0.0, le=1.0)
    team_weight_cohesion: float = Field(default=0.1, ge=0.0, le=1.0)
    team_gap_below: float | None = Field(default=None, ge=0.0, le=1.0)
    team_pool_per_requirement: int = Field(default=40, ge=1, le=1000)
    lexical_sync_rebuild_max_docs: int = Field(default=50_000, ge=0)

    # Limits
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_import_bytes: int = Field(default=50_000_000, ge=1024)
    max_import_rows: int = Field(default=100_000, ge=1)
    max_page_size: int = Field(default=100, ge=1, le=1000)
    max_offset: int = Field(default=10_000, ge=0)

    # Accounts and web sessions. The secret signs session cookies: outside dev it must be set,
    # to at least 32 random bytes (``jiebang generate-secret``); dev falls back to a public key.
    secret_key: str | None = Field(default=None, max_length=500)
    session_max_age_s: int = Field(default=8 * 3600, ge=60, le=30 * 24 * 3600)
    # None = Secure cookies everywhere except env=dev (plain http on a laptop).
    session_cookie_secure: bool | None = None
    # Sign-in throttling, counted per email in the database (so across workers and replicas):
    # this many failures within the window lock the email for the lockout
    sign_in_max_failures: int = Field(default=5, ge=1, le=1000)
    sign_in_window_s: int = Field(default=15 * 60, ge=1, le=24 * 3600)
    sign_in_lockout_s: int = Field(default=15 * 60, ge=1, le=24 * 3600)
    max_proposal_chars: int = Field(default=5000, ge=100, le=100_000)
    # Web UI pages: rows per page of the challenge list, of the review table, of the audit trail;
    # people per name search.
    ui_list_page_size: int = Field(default=20, ge=5, le=200)
    ui_review_page_size: int = Field(default=100, ge=10, le=500)
    ui_audit_page_size: int = Field(default=25, ge=5, le=200)
    # The programme dashboard's "posted per month" chart: this many months up to the current one.
    ui_dashboard_months: int = Field(default=12, ge=1, le=60)
    ui_name_search_limit: int = Field(default=10, ge=1, le=50)

    # Matchmaking events (docs/events.md). Stage A maximises, per meeting,
    # score_weight × recommender score (0–1) + like_weight per "would like" + must_weight per
    # "must" (each side counts); must requests, a first meeting for every postdoc and the
    # enterprise minimum come first, in that order, whatever these weights say.
    event_score_weight: float = Field(default=1.0, ge=0.0, le=100.0)
    event_like_weight: float = Field(default=0.5, ge=0.0, le=100.0)
    event_must_weight: float = Field(default=1.0, ge=0.0, le=100.0)
    # Defaults of a new event: meetings per postdoc, and the minimum each enterprise should get
    event_max_meetings_per_postdoc: int = Field(default=4, ge=1, le=50)
    event_min_meetings_per_enterprise: int = Field(default=1, ge=0, le=50)
    # Stage B (CP-SAT) stops here with the best timetable so far and reports its gap
    event_solver_time_limit_s: float = Field(default=10.0, gt=0.0, le=600.0)
    event_solver_workers: int = Field(default=2, ge=1, le=64)
    # The assumption-core diagnosis runs only on models up to this many (pair, slot) variables
    event_diagnosis_max_vars: int = Field(default=50_000, ge=0, le=5_000_000)
    # ... and stops after this long (a core found by then is reported unshrunk)
    event_diagnosis_time_limit_s: float = Field(default=10.0, gt=0.0, le=600.0)
    # Suggestions shown to each participant (from the recommender, with its reasons)
    event_suggestions: int = Field(default=10, ge=1, le=100)
    # Pages, workbooks and the CLI show event times here (IANA name); times are stored in UTC
    event_timezone: str = Field(default="Asia/Shanghai", min_length=1, max_length=64)

    # Outbound notifications (docs/notifications.md). Email over SMTP: off while smtp_host is
    # empty (then no email is queued at all); smtp_security "starttls" upgrades a plain
    # connection, "ssl" connects with TLS (port 465), "none" only for a relay on localhost.
    smtp_host: str = Field(default="", max_length=253)
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_username: str = Field(default="", max_length=200)
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = Field(default="noreply@jiebang.invalid", min_length=3, max_length=254)
    smtp_timeout_s: float = Field(default=10.0, gt=0.0, le=120.0)
    # Webhooks: request timeout, URL bound, and whether URLs may name loopback / private
    # addresses (off: a webhook must not reach into the service's own network)
    webhook_timeout_s: float = Field(default=10.0, gt=0.0, le=120.0)
    webhook_max_url_chars: int = Field(default=2000, ge=20, le=4000)
    webhook_allow_private_hosts: bool = False
    webhooks_per_enterprise: int = Field(default=10, ge=1, le=100)
    # Delivery log: attempts per message, backoff (base × 2^(attempt−1), capped), the time a
    # worker holds a claimed row before another may retry it, and how often the service drains
    # due deliveries in the background (0 = never: run `jiebang deliver` instead)
    delivery_max_attempts: int = Field(default=6, ge=1, le=50)
    delivery_backoff_s: float = Field(default=30.0, gt=0.0, le=86_400.0)
    delivery_backoff_max_s: float = Field(default=6 * 3600.0, gt=0.0, le=7 * 86_400.0)
    delivery_lease_s: float = Field(default=300.0, gt=0.0, le=86_400.0)
    delivery_poll_s: float = Field(default=15.0, ge=0.0, le=3600.0)
    delivery_batch: int = Field(default=100, ge=1, le=10_000)

    # Index snapshots
    snapshot_every_ops: int = Field(default=500, ge=1)

    @field_validator("event_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (an IANA name such as Asia/Shanghai)") from exc
        return value

    @model_validator(mode="after")
    def _fill_database_url(self) -> Settings:
        if self.model == BUNDLED_MIX:
            self.model = self.mix_spec()
        if self.database_url is None:
            self.database_url = f"sqlite:///{self.data_dir / 'jiebang.db'}"
        if self.env == "dev":
            self.secret_key = self.secret_key or DEV_SECRET_KEY
        elif self.secret_key is not None:
            problem = secret_problem(self.secret_key)
            if problem or self.secret_key == DEV_SECRET_KEY:
                raise ValueError(
                    f"JIEBANG_SECRET_KEY {problem or 'is the public dev key'}; "
                    "generate one with `jiebang generate-secret`"
                )
        return self

    def mix_spec(self) -> str:
        """The ``mix:`` model setting ``bundled:mix`` stands for, with these channels and shares."""
        en, zh = self.mix_english_share, self.mix_chinese_share if self.mix_chinese else 0.0
        channels = [(self.mix_chinese, zh, 0.0)] if self.mix_chinese else []
        channels += [(self.mix_multilingual, 1.0 - zh, 1.0 - en), (self.mix_english, 0.0, en)]
        return composite_spec(channels)

    @property
    def session_secret(self) -> str:
        """The key that signs session cookies; refuses to serve without one outside dev."""
        if self.secret_key is None:
            raise ValueError(
                f"JIEBANG_SECRET_KEY must be set when env={self.env}: generate one with "
                "`jiebang generate-secret` (or set JIEBANG_ENV=dev on a laptop)"
            )
        return self.secret_key

    @property
    def cookie_secure(self) -> bool:
        if self.session_cookie_secure is not None:
            return self.session_cookie_secure
        return self.env != "dev"

    @property
    def event_zone(self) -> ZoneInfo:
        return ZoneInfo(self.event_timezone)

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_host)

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
