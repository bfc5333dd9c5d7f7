"""Team benchmark: does the top team cover every facet of a challenge, and how much better than
simply taking the top-k individuals?

``data/benchmarks/teams/`` holds challenges whose facets are known (each facet names the pool
members who are experts in it) and a pool where the facets are spread over different people, in
Chinese and in English. For each challenge the benchmark loads the pool into a fresh database,
asks for the best team of k = number of facets, and compares its **facet coverage** (share of
facets with at least one expert in the team) with that of the top-k individuals of the ordinary
candidate ranking. Two modes: ``given`` (required_expertise = the facets) and ``extracted``
(required_expertise empty, requirements extracted from the text).
"""

from __future__ import annotations

import json
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.config import BUNDLED_MODEL, Settings
from app.matching.candidates import score_postdocs
from app.matching.documents import challenge_query_text
from app.matching.eligibility import TeamRequest
from app.matching.filters import PostdocFilters
from app.matching.scoring import dense_weight
from app.matching.view import SearchView
from app.runtime import Runtime, build_runtime
from app.schemas.challenges import ChallengeCreate
from app.schemas.enterprises import EnterpriseCreate
from app.schemas.postdocs import PostdocCreate
from app.schemas.stations import StationCreate
from app.services import challenges, enterprises, postdocs, stations
from app.services.teams import recommend_teams
from app.validators import credit_code_check_char
from index.text import tokenize
from models import Challenge, Sector

__all__ = [
    "BENCHMARK_DIR",
    "MODES",
    "TeamEvalRow",
    "evaluate_teams",
    "format_team_table",
    "load_benchmark",
    "summarise",
]

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "data" / "benchmarks" / "teams"
MODES = ("given", "extracted")


@dataclass(frozen=True)
class TeamEvalRow:
    challenge: str
    language: str
    mode: str
    facets: int
    team_coverage: float
    individuals_coverage: float
    team: tuple[str, ...]
    individuals: tuple[str, ...]

    @property
    def gain(self) -> float:
        return self.team_coverage - self.individuals_coverage


def load_benchmark(directory: Path = BENCHMARK_DIR) -> tuple[list[dict], list[dict], list[dict]]:
    """(stations, pool, challenges) rows of the benchmark."""

    def rows(name: str) -> list[dict]:
        return [
            json.loads(line) for line in (directory / f"{name}.jsonl").read_text("utf-8").splitlines() if line
        ]

    return rows("stations"), rows("pool"), rows("challenges")


def evaluate_teams(
    model: str = BUNDLED_MODEL, directory: Path = BENCHMARK_DIR, modes: tuple[str, ...] = MODES
) -> list[TeamEvalRow]:
    """One row per (challenge, mode), on a fresh SQLite database in a temporary directory."""
    station_rows, pool, challenge_rows = load_benchmark(directory)
    with tempfile.TemporaryDirectory(prefix="jiebang-teams-") as tmp:
        settings = Settings(env="test", data_dir=Path(tmp), model=model, secret_key=secrets.token_urlsafe(32))
        runtime = build_runtime(settings)
        try:
            with runtime.session() as session:
                keys = _load_pool(session, runtime, station_rows, pool)
                enterprises_by_mode = {mode: _enterprise(session, n) for n, mode in enumerate(modes)}
                return [
                    _evaluate(session, runtime, enterprises_by_mode[mode], row, mode, keys)
                    for mode in modes
                    for row in challenge_rows
                ]
        finally:
            runtime.close()


def summarise(rows: list[TeamEvalRow]) -> list[dict[str, object]]:
    """Mean coverage of the top team and of the top-k individuals per (language, mode)."""
    groups: dict[tuple[str, str], list[TeamEvalRow]] = {}
    for row in rows:
        groups.setdefault((row.language, row.mode), []).append(row)
    return [
        {
            "language": language,
            "mode": mode,
            "challenges": len(group),
            "team_coverage": round(sum(r.team_coverage for r in group) / len(group), 3),
            "individuals_coverage": round(sum(r.individuals_coverage for r in group) / len(group), 3),
            "gain": round(sum(r.gain for r in group) / len(group), 3),
        }
        for (language, mode), group in sorted(groups.items())
    ]


def format_team_table(rows: list[TeamEvalRow], *, per_challenge: bool = True) -> str:
    """The team benchmark as text: per challenge (optional), then per language and mode."""
    lines = []
    if per_challenge:
        lines.append(
            f"{'challenge':<12} {'lang':<4} {'mode':<9} {'team':>5} {'top-k':>6} {'gain':>6}  "
            "team | top-k individuals"
        )
        lines += [
            f"{r.challenge:<12} {r.language:<4} {r.mode:<9} {r.team_coverage:>5.2f} "
            f"{r.individuals_coverage:>6.2f} {r.gain:>+6.2f}  "
            f"{', '.join(r.team)} | {', '.join(r.individuals)}"
            for r in rows
        ]
        lines.append("")
    lines.append(f"{'lang':<4} {'requirements':<12} {'n':>2} {'team':>6} {'top-k':>6} {'gain':>6}")
    lines += [
        f"{s['language']:<4} {s['mode']:<12} {s['challenges']:>2} {s['team_coverage']:>6.3f} "
        f"{s['individuals_coverage']:>6.3f} {s['gain']:>+6.3f}"
        for s in summarise(rows)
    ]
    return "\n".join(lines)


def _evaluate(
    session: Session, runtime: Runtime, enterprise: int, row: dict, mode: str, keys: dict[int, str]
) -> TeamEvalRow:
    facets = [f["requirement"] for f in row["facets"]]
    challenge = challenges.create_challenge(
        session,
        runtime.models.current(),
        ChallengeCreate(
            enterprise_id=enterprise,
            title=row["title"],
            description=row["description"],
            required_expertise=facets if mode == "given" else [],
            sector=Sector.other,
            status="open",  # type: ignore[arg-type]
        ),
    )
    k = len(facets)
    view = runtime.view()  # includes the challenge just written
    page = recommend_teams(session, view, challenge, TeamRequest(size_min=k, size_max=k, count=1))
    team = tuple(keys[m.postdoc.id] for m in page.teams[0].members) if page.teams else ()
    individuals = tuple(keys[o] for o in _top_individuals(session, view, challenge, k))
    return TeamEvalRow(
        challenge=row["key"],
        language=row["language"],
        mode=mode,
        facets=k,
        team_coverage=_facet_coverage(row, team),
        individuals_coverage=_facet_coverage(row, individuals),
        team=team,
        individuals=individuals,
    )


def _top_individuals(session: Session, view: SearchView, challenge: Challenge, k: int) -> list[int]:
    text = challenge_query_text(challenge, view.options.query_fields)
    weight = dense_weight(view.options.ranking, view.encoder, text)
    ranked, _ = score_postdocs(session, view, text, tokenize(text), weight, PostdocFilters())
    return [a.owner_id for a in ranked[:k]]


def _facet_coverage(row: dict, members: tuple[str, ...]) -> float:
    covered = sum(1 for f in row["facets"] if set(f["experts"]) & set(members))
    return round(covered / len(row["facets"]), 4)


def _load_pool(
    session: Session, runtime: Runtime, station_rows: list[dict], pool: list[dict]
) -> dict[int, str]:
    station_ids = {
        s["key"]: stations.create_station(
            session, StationCreate(**{k: v for k, v in s.items() if k != "key"})
        ).id
        for s in station_rows
    }
    keys = {}
    for n, p in enumerate(pool):
        created = postdocs.create_postdoc(
            session,
            runtime.models.current().encoder,
            PostdocCreate(
                name=p["key"],
                email=f"bench{n}@teams.example.cn",
                station_id=station_ids[p["station"]],
                discipline=p["discipline"],
                research_interests=p["interests"],
                skills=p["skills"],
                publications=p["publications"],
            ),
        )
        keys[created.id] = p["key"]
    return keys


def _enterprise(session: Session, n: int) -> int:
    """One posting enterprise per mode, so each mode's challenges keep their own titles."""
    body = f"91370200MA{n:07d}"
    return enterprises.create_enterprise(
        session,
        EnterpriseCreate(
            name=f"团队基准测试企业{n}",
            credit_code=body + credit_code_check_char(body),
            industry="测试",
            city="青岛",
        ),
    ).id
