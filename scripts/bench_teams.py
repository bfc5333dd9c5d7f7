"""Team benchmark: latency of the team function at 10,000 and 100,000 postdocs, and the gap of
greedy + swap to the exact optimum on small pools.

    nice -n 10 python scripts/bench_teams.py                      # 10,000 and 100,000 postdocs
    nice -n 10 python scripts/bench_teams.py --sizes 2000 --queries 20
    python scripts/bench_teams.py --sizes --gap-cases 500          # gap measurement only

Bulk building (how the roster gets into the database quickly on two shared cores): each postdoc
has three documents (interests, skills, one publication) made of sentences of real CSL
abstracts (Chinese) and of English templates. Every sentence is tokenised once and hashed once
with the ``hashing:384`` encoder; a document's tokens and vector are the sums of its sentences'
(exactly what the hashing encoder computes for the whole text, because it is a bag of words).
Rows are bulk-inserted with SQL, then the indexes are rebuilt from SQL as at start-up.

Timed honestly: ``recommend_teams`` end to end (sync, scoring of the whole challenge and of each
requirement through ``score_postdocs``, eligibility SQL, cohesion, greedy + swap for sizes 2–4,
three distinct teams, evidence, response), in process, sequentially, after two warm-up calls.
Query encoding uses the hashing encoder too; the bundled model adds its own encoding time for the
request's texts, encoded in one batch (printed separately).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from synthetic import EN_METHODS, EN_SENTENCES, EN_TOPICS, load_papers  # noqa: E402

from app.config import BUNDLED_MODEL, Settings  # noqa: E402
from app.matching.documents import challenge_query_text  # noqa: E402
from app.matching.requirements import challenge_requirements  # noqa: E402
from app.matching.team_search import TeamLimits, TeamProblem, best_team, exact_best_team  # noqa: E402
from app.matching.view import shipped_options  # noqa: E402
from app.runtime import Runtime, build_runtime  # noqa: E402
from app.services.teams import TeamRequest, recommend_teams  # noqa: E402
from index.factory import make_encoder  # noqa: E402
from index.text import sha256, tokenize  # noqa: E402
from models import (  # noqa: E402
    Availability,
    Challenge,
    ChallengeStatus,
    Document,
    DocumentKind,
    Embedding,
    Engagement,
    Enterprise,
    IndexName,
    Language,
    Postdoc,
    Publication,
    Sector,
    Station,
    StationKind,
)

DIM = 384
STATIONS = 60
CHUNK = 5000


class SentenceBank:
    """Sentences with their tokens and unnormalised hashing vectors, computed once."""

    def __init__(self, sentences: list[str]) -> None:
        self.text = sentences
        self.tokens = [" ".join(tokenize(s)) for s in sentences]
        self.vectors = np.zeros((len(sentences), DIM), dtype=np.float32)
        for row, tokens in enumerate(self.tokens):
            for token in tokens.split():
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                self.vectors[row, int.from_bytes(digest[:4], "little") % DIM] += 1.0

    def document(self, picks: list[int]) -> tuple[str, str, np.ndarray]:
        """Text, tokens and hashing vector of the document made of these sentences."""
        vec = self.vectors[picks].sum(axis=0)
        norm = float(np.linalg.norm(vec))
        tokens = " ".join(t for t in (self.tokens[i] for i in picks) if t)
        return "".join(self.text[i] for i in picks), tokens, (vec / norm if norm else vec).astype(np.float32)


def sentence_banks() -> tuple[SentenceBank, SentenceBank]:
    zh: list[str] = []
    for papers in load_papers().values():
        for p in papers:
            zh.extend(s for s in p["abstract"].replace("。", "。\n").splitlines() if len(s) > 8)
    en = [s.format(m=m, t=t) for s in EN_SENTENCES for m in EN_METHODS for t in EN_TOPICS]
    return SentenceBank(zh), SentenceBank(en)


def bulk_load(runtime: Runtime, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    zh, en = sentence_banks()
    with runtime.session() as session:
        session.execute(
            insert(Station),
            [
                {
                    "id": i + 1,
                    "name": f"基准站{i}",
                    "kind": StationKind.mobile,
                    "host_institution": f"基准大学{i // 3}",
                    "city": rng.choice(["青岛", "济南", "烟台", "威海"]),
                }
                for i in range(STATIONS)
            ],
        )
        session.commit()
        doc_id = 1
        for start in range(0, count, CHUNK):
            postdocs, pubs, docs, embeddings = [], [], [], {}
            for pid in range(start + 1, min(start + CHUNK, count) + 1):
                bank = en if rng.random() < 0.15 else zh
                postdocs.append(
                    {
                        "id": pid,
                        "name": f"P{pid}",
                        "email": f"p{pid}@bench.example.cn",
                        "station_id": rng.randint(1, STATIONS),
                        "discipline": "Engineering" if bank is en else "工程",
                        "research_interests": "",
                        "skills": [],
                        "languages": ["en" if bank is en else "zh"],
                        "availability": rng.choice(list(Availability)),
                        "max_concurrent_challenges": 2,
                    }
                )
                picks = {
                    DocumentKind.interests: rng.sample(range(len(bank.text)), 2),
                    DocumentKind.skills: rng.sample(range(len(bank.text)), 1),
                    DocumentKind.publication: rng.sample(range(len(bank.text)), 3),
                }
                for kind, rows in picks.items():
                    text, tokens, vec = bank.document(rows)
                    text = f"{text} #{pid}"  # unique text per document
                    sha = sha256(text)
                    pub_id = pid if kind is DocumentKind.publication else None
                    if pub_id:
                        pubs.append(
                            {
                                "id": pid,
                                "postdoc_id": pid,
                                "title": text[:60],
                                "abstract": text,
                                "keywords": [],
                            }
                        )
                    else:
                        postdocs[-1]["research_interests"] = text
                    docs.append(
                        {
                            "id": doc_id,
                            "index_name": IndexName.postdocs,
                            "owner_id": pid,
                            "kind": kind,
                            "publication_id": pub_id,
                            "title": text[:60],
                            "text": text,
                            "text_sha256": sha,
                            "tokens": tokens,
                            "year": None,
                        }
                    )
                    embeddings[sha] = {
                        "model_id": runtime.models.current().encoder.model_id,
                        "text_sha256": sha,
                        "dim": DIM,
                        "vector": vec.tobytes(),
                    }
                    doc_id += 1
            session.execute(insert(Postdoc), postdocs)
            session.execute(insert(Publication), pubs)
            session.execute(insert(Document), docs)
            session.execute(insert(Embedding), list(embeddings.values()))
            session.commit()
        enterprise = Enterprise(
            name="基准企业", credit_code="91370200MA00000010", industry="制造", city="青岛"
        )
        session.add(enterprise)
        session.flush()
        busy = Challenge(
            enterprise_id=enterprise.id,
            title="进行中的难题",
            description="占用",
            sector=Sector.other,
            language=Language.zh,
            status=ChallengeStatus.in_progress,
            required_expertise=[],
        )
        session.add(busy)
        session.flush()
        engaged = rng.sample(range(1, count + 1), count // 20)
        session.execute(insert(Engagement), [{"challenge_id": busy.id, "postdoc_id": p} for p in engaged])
        session.commit()


def add_challenges(runtime: Runtime) -> list[int]:
    """The demo challenges and the team benchmark's, all open (through the service)."""
    from app.schemas.challenges import ChallengeCreate
    from app.services.challenges import create_challenge

    rows = [
        json.loads(line) for line in (ROOT / "data/demo/challenges.jsonl").read_text("utf-8").splitlines()
    ]
    rows += [
        {**c, "required_expertise": [f["requirement"] for f in c["facets"]], "sector": "other"}
        for c in (
            json.loads(line)
            for line in (ROOT / "data/benchmarks/teams/challenges.jsonl").read_text("utf-8").splitlines()
        )
    ]
    ids = []
    with runtime.session() as session:
        for row in rows:
            body = ChallengeCreate(
                enterprise_id=1,
                title=row["title"][:300],
                description=row["description"],
                required_expertise=row["required_expertise"],
                sector=row["sector"],
                status="open",  # type: ignore[arg-type]
            )
            ids.append(create_challenge(session, runtime.models.current(), body).id)
    return ids


def time_teams(runtime: Runtime, challenge_ids: list[int], queries: int) -> dict[str, float]:
    request = TeamRequest()
    latencies, pools = [], []
    with runtime.session() as session:
        for i in range(queries + 2):
            challenge = session.get(Challenge, challenge_ids[i % len(challenge_ids)])
            assert challenge is not None
            start = time.perf_counter()
            page = recommend_teams(session, runtime.view(), challenge, request)
            elapsed = time.perf_counter() - start
            if i >= 2:
                latencies.append(elapsed * 1000)
                pools.append(page.pool_size)
    latencies.sort()
    return {
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))],
        "mean_pool": statistics.mean(pools),
    }


def model_encode_ms(runtime: Runtime, challenge_ids: list[int]) -> float:
    """What the bundled model adds: encoding one request's texts (whole challenge + requirements)."""
    encoder = make_encoder(BUNDLED_MODEL)
    times = []
    with runtime.session() as session:
        for cid in challenge_ids[:20]:
            challenge = session.get(Challenge, cid)
            assert challenge is not None
            texts = [challenge_query_text(challenge), *(r.text for r in challenge_requirements(challenge))]
            start = time.perf_counter()
            encoder.encode(texts, role="query")  # one batch, as recommend_teams encodes them
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_size(count: int, queries: int, work: Path, encode: bool) -> None:
    settings = Settings(
        env="test", data_dir=work / f"n{count}", model=f"hashing:{DIM}", secret_key=secrets.token_urlsafe(32)
    )
    runtime = build_runtime(settings)
    start = time.perf_counter()
    bulk_load(runtime, count)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    runtime.models.rebuild()
    rebuilt = time.perf_counter() - start
    challenge_ids = add_challenges(runtime)
    figures = time_teams(runtime, challenge_ids, queries)
    extra = (
        f", bundled-model encoding per request p50 {model_encode_ms(runtime, challenge_ids):.0f} ms"
        if encode
        else ""
    )
    print(
        f"{count:>7} postdocs ({count * 3:,} documents): bulk load {loaded:.0f} s, "
        f"index rebuild {rebuilt:.0f} s; "
        f"GET …/teams (sizes 2–4, 3 teams) over {queries} requests: p50 {figures['p50_ms']:.0f} ms, "
        f"p99 {figures['p99_ms']:.0f} ms, mean pool {figures['mean_pool']:.0f}{extra}",
        flush=True,
    )
    runtime.close()


def measure_gap(cases: int, seed: int = 3) -> None:
    """Greedy + swap vs exact enumeration on random small pools (n = 12, m = 3–5, sizes 2–4)."""
    rng = np.random.default_rng(seed)
    gaps, optimal, core_ms, exact_ms = [], 0, [], []
    for _ in range(cases):
        n, m = 12, int(rng.integers(3, 6))
        scores = rng.random((n, m)) * (rng.random((n, m)) < 0.35)
        tie = np.triu(rng.choice([0.0, 0.2, 0.5, 0.6, 1.0], size=(n, n), p=[0.6, 0.1, 0.1, 0.1, 0.1]), 1)
        problem = TeamProblem(
            scores,
            rng.random(n) * 0.6,
            tie + tie.T,
            rng.integers(-1, 4, size=n),
            shipped_options().team_weights,
        )
        limits = TeamLimits(2, 4, max_per_station=int(rng.integers(1, 3)))
        t0 = time.perf_counter()
        heuristic = best_team(problem, limits)
        t1 = time.perf_counter()
        exact = exact_best_team(problem, limits)
        t2 = time.perf_counter()
        core_ms.append((t1 - t0) * 1000)
        exact_ms.append((t2 - t1) * 1000)
        assert heuristic is not None and exact is not None
        gap = (exact.score.total - heuristic.score.total) / exact.score.total
        gaps.append(gap)
        optimal += gap < 1e-9
    print(
        f"gap to optimum over {cases} random pools (n=12, m=3–5, sizes 2–4, station cap 1–2): "
        f"optimal in {optimal}/{cases} ({optimal / cases:.1%}), mean gap {statistics.mean(gaps):.4%}, "
        f"max gap {max(gaps):.4%}; greedy+swap p50 {statistics.median(core_ms):.2f} ms, "
        f"enumeration p50 {statistics.median(exact_ms):.1f} ms",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--gap-cases", type=int, default=300)
    parser.add_argument("--no-encode", action="store_true", help="skip timing the bundled model's encoding")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    if args.gap_cases:
        measure_gap(args.gap_cases)
    with tempfile.TemporaryDirectory(prefix="jiebang-bench-teams-", dir=args.work) as tmp:
        for count in args.sizes:
            run_size(count, args.queries, Path(tmp), encode=not args.no_encode)


if __name__ == "__main__":
    main()
