"""Raw encode throughput of each bundled encoder on Chinese passages (CSL papers). Prints a table.

    python scripts/bench_encoders.py                  # 500 passages, every bundled encoder
    python scripts/bench_encoders.py --passages 200 --models bundled:use-v3

A passage is a paper's title, abstract and keywords, as the service embeds a publication
(about 250 characters). Each encoder warms up on 16 passages, then encodes all of them as
passages in batches of the setting's size, and 50 of them one at a time as queries; the
figures are passages per second and the median query time. The machine's other load counts:
compare figures of one run only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import BUNDLED_E5, BUNDLED_MIX, BUNDLED_MODEL, Settings  # noqa: E402
from app.runtime import encoder_for  # noqa: E402

__all__ = ["main"]

MODELS = (BUNDLED_MODEL, BUNDLED_E5, "bundled:use-v3", BUNDLED_MIX)


def passages(count: int) -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "data/csl/papers.jsonl").open(encoding="utf-8")]
    texts = [f"{r['title']}\n{r['abstract']}\n{'；'.join(r.get('keywords', []))}" for r in rows]
    return (texts * (count // len(texts) + 1))[:count]


def measure(model: str, texts: list[str]) -> tuple[str, float, float, int]:
    encoder = encoder_for(Settings(model=model))
    encoder.encode(texts[:16])
    start = time.perf_counter()
    encoder.encode(texts)
    rate = len(texts) / (time.perf_counter() - start)
    times = []
    for text in texts[:50]:
        start = time.perf_counter()
        encoder.encode([text[:60]], role="query")
        times.append(time.perf_counter() - start)
    return encoder.model_id, rate, statistics.median(times) * 1000, encoder.dim


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passages", type=int, default=500)
    parser.add_argument("--models", default=",".join(MODELS))
    args = parser.parse_args()
    texts = passages(args.passages)
    chars = statistics.fmean(len(t) for t in texts)
    print(f"{len(texts)} Chinese passages, {chars:.0f} characters on average")
    print("| model | dim | passages/s | query p50 (ms, 60 chars) |")
    print("|---|---:|---:|---:|")
    for model in args.models.split(","):
        model_id, rate, query_ms, dim = measure(model, texts)
        print(f"| {model_id} | {dim} | {rate:.1f} | {query_ms:.1f} |", flush=True)


if __name__ == "__main__":
    main()
