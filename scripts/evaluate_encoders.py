"""Compare encoders, and tune the composite default's channel shares and the fusion weight.

    python scripts/evaluate_encoders.py                          # the encoder table (tune + test)
    python scripts/evaluate_encoders.py --models "mix:0.3;mix:0.5" --weights 0.6,0.8 --glossary off

Each (model, glossary) pair loads each benchmark once through the import service (as
``jiebang evaluate`` does); then every ranking variant is read at query time: lexical-only,
dense-only and hybrid (min–max fusion) at each ``--weights`` dense weight. Models: ``minilm``,
``e5`` (query:/passage:), ``e5sym`` (query: on both sides), ``use``; ``mix:<s>`` is the default
composite (bundled:mix) with the English channel's share ``s`` (setting ``mix_english_share``);
``m:use=1/0.5,minilm=0/0.5`` any composite of the named models (zh/en shares). Channel vectors
are kept in ``<data_dir>/eval-channel-vectors.db`` (by model, text pipeline, role and text), so
every composite of the same channels, and a second run, encode nothing new; ``--model-cache``
reads and fills ``jiebang evaluate``'s own ``<data_dir>/eval-vectors.db`` (by model) instead.
Prints nDCG@10 per benchmark, direction (p←c: postdocs for a challenge, c←p: challenges for a
postdoc) and split; choose on ``tune``, confirm on ``test``; ``all`` is the whole benchmark.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import BUNDLED_E5, BUNDLED_E5_SYMMETRIC, BUNDLED_MIX, BUNDLED_MODEL, Settings  # noqa: E402
from app.evaluation.benchmark import load_benchmark  # noqa: E402
from app.evaluation.report import BENCHMARK_DIR  # noqa: E402
from app.evaluation.runner import DIRECTIONS, Scores, evaluate, loaded_benchmark  # noqa: E402
from app.runtime import encoder_for  # noqa: E402
from index.composite import CompositeEncoder, composite_spec  # noqa: E402
from index.encoder import Encoder, Role  # noqa: E402
from index.text import readable_version, sha256  # noqa: E402

__all__ = ["main"]

MODELS = ("mix:0.5", "e5sym", "minilm", "use", "mix:0.3", "mix:0.7")
LEXICAL_WITH = ""  # the model whose rows include lexical-only (the first one run)
NAMES = {"minilm": BUNDLED_MODEL, "e5": BUNDLED_E5, "e5sym": BUNDLED_E5_SYMMETRIC, "use": "bundled:use-v3"}


def settings_for(label: str, glossary: bool) -> Settings:
    if label.startswith("m:"):  # m:use=1/0.5,minilm=0/0.5 — any composite of the named models
        channels = [part.split("=") for part in label[2:].split(",")]
        shares = [(NAMES[name], *map(float, zh_en.split("/"))) for name, zh_en in channels]
        return Settings(model=composite_spec(shares), text_glossary=glossary)  # type: ignore[arg-type]
    if label.startswith("mix:"):
        share = float(label[4:])
        return Settings(model=BUNDLED_MIX, mix_english_share=share, text_glossary=glossary)
    return Settings(model=NAMES[label], text_glossary=glossary)


def share_channel_vectors(settings: Settings, store: sqlite3.Connection) -> None:
    """Memoise the encoder's channels (or the encoder itself) in ``store``: every ``mix:``
    variant, and later runs of this script, reuse the channel vectors."""
    encoder = encoder_for(settings)
    composite = isinstance(encoder, CompositeEncoder)
    channels = [c.encoder for c in encoder.channels] if composite else [encoder]
    for channel in channels:
        if not hasattr(channel, "_eval_memo"):
            _memoise(channel, store)


def _memoise(encoder: Encoder, store: sqlite3.Connection) -> None:
    store.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
    encode = encoder.encode

    def key(role: str, text: str) -> str:
        # an English-only model reads glossary translations: its vectors follow the text pipeline
        version = "" if encoder.reads_cjk else readable_version()
        return f"{encoder.model_id}|{version}|{role}|{sha256(text)}"

    def cached(texts: list[str], role: Role = "passage") -> np.ndarray:
        keys = [key(role, t) for t in texts]
        found = _read(store, keys)
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        todo = list(missing.items())
        for start in range(0, len(todo), 32):  # stored as it goes: an interrupted run keeps them
            chunk = dict(todo[start : start + 32])
            found.update(zip(chunk, encode(list(chunk.values()), role), strict=True))
            rows = [(k, found[k].tobytes()) for k in chunk]
            store.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            store.commit()
        return np.stack([found[k] for k in keys]) if texts else encode([], role)

    encoder.encode = cached  # type: ignore[method-assign]
    encoder._eval_memo = True  # type: ignore[attr-defined]


def _read(store: sqlite3.Connection, keys: list[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for k, blob in store.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
            found[k] = np.frombuffer(blob, dtype=np.float32).copy()
    return found


def variants(
    weights: list[float], *, lexical: bool, across: list[float | None], ceilings: list[bool]
) -> dict[str, dict[str, object]]:
    """Lexical-only (the same for every model: only with the first model), dense-only, hybrid;
    dense and hybrid once per cosine-ceiling choice, hybrid once per dense weight across
    languages (``none``: the pair's weight is the query's)."""
    out: dict[str, dict[str, object]] = {"lexical": {"ranking_mode": "lexical"}} if lexical else {}
    for ceiling in ceilings:
        tag = " ceiling" if ceiling else ""
        out[f"dense{tag}"] = {"ranking_mode": "dense", "dense_ceiling": ceiling}
        for w in weights:
            for x in across:
                name = f"hybrid w{w:g}" + ("" if x is None else f" across{x:g}") + tag
                out[name] = {
                    "ranking_mode": "hybrid", "fusion": "minmax", "dense_weight": w,
                    "dense_weight_across": x, "dense_ceiling": ceiling,
                }  # fmt: skip
    return out


def run(label: str, glossary: bool, names: list[str], grid: dict, store: sqlite3.Connection | Path) -> None:
    base = settings_for(label, glossary)
    if isinstance(store, sqlite3.Connection):
        share_channel_vectors(base, store)
    for name in names:
        bench = load_benchmark(BENCHMARK_DIR / name)
        start = time.perf_counter()
        with loaded_benchmark(
            bench, base, None if isinstance(store, sqlite3.Connection) else store
        ) as loaded:
            for variant, over in variants(**grid, lexical=label == LEXICAL_WITH).items():
                settings = base.model_copy(update=over)
                tune, test = evaluate(loaded, settings, "tune"), evaluate(loaded, settings, "test")
                cells = [f"{s[d].ndcg10:.4f}" for s in (tune, test) for d in DIRECTIONS]
                cells += [f"{_whole(tune[d], test[d]):.4f}" for d in DIRECTIONS]
                gloss = "on" if glossary else "off"
                print(f"| {label} | {gloss} | {name} | {variant} | " + " | ".join(cells) + " |", flush=True)
        print(f"<!-- {label} glossary={glossary} {name}: {time.perf_counter() - start:.0f} s -->", flush=True)


def _whole(tune: Scores, test: Scores) -> float:
    """nDCG@10 over the whole benchmark: the query-weighted mean of the two splits."""
    return (tune.ndcg10 * tune.queries + test.ndcg10 * test.queries) / max(tune.queries + test.queries, 1)


def main() -> None:
    global LEXICAL_WITH
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--models", default=";".join(MODELS), help="minilm;e5;e5sym;use;mix:<MiniLM en share>"
    )
    parser.add_argument("--benchmarks", default="zh,en,xling")
    parser.add_argument("--weights", default="0.6,0.8,0.9", help="hybrid dense weights")
    parser.add_argument("--glossary", default="on", choices=["on", "off", "both"])
    parser.add_argument("--across", default="none", help="dense weights across languages, e.g. none,0.9,1")
    parser.add_argument("--ceiling", default="off", choices=["on", "off", "both"], help="cosine / ceiling")
    parser.add_argument(
        "--model-cache",
        action="store_true",
        help="vectors by model in eval-vectors.db, as jiebang evaluate keeps them",
    )
    args = parser.parse_args()
    grid = {
        "weights": [float(w) for w in args.weights.split(",")],
        "across": [None if x == "none" else float(x) for x in args.across.split(",")],
        "ceilings": {"on": [True], "off": [False], "both": [False, True]}[args.ceiling],
    }
    models = args.models.split(";")
    LEXICAL_WITH = models[0]
    data = Settings().data_dir
    store = (
        data / "eval-vectors.db" if args.model_cache else sqlite3.connect(data / "eval-channel-vectors.db")
    )
    columns = [f"{split} {d}" for split in ("tune", "test", "all") for d in ("p←c", "c←p")]
    print("| model | glossary | benchmark | ranking | " + " | ".join(columns) + " |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    for glossary in {"on": [True], "off": [False], "both": [True, False]}[args.glossary]:
        for label in models:
            run(label, glossary, args.benchmarks.split(","), grid, store)


if __name__ == "__main__":
    main()
