"""Known sentence-transformers models: their query/passage prefixes and whether they read Chinese.

Any sentence-transformers model works by hub name or local path; a preset only fills in the
prefixes the model was trained with (e5: ``query: `` / ``passage: ``; bge-zh: an instruction
before queries) when the settings leave them empty. ``reads_cjk`` is documentation here: the
encoder measures it from the model's tokenizer.

The offline default (``bundled:e5-minilm``, index/composite.py) already reads Chinese: the bundled
multilingual-e5-small-q4 (its engine adds e5's prefixes itself, so it needs no preset) plus
all-MiniLM-L6-v2 for English. When a model hub is reachable and the CPU budget allows, a stronger
single multilingual model can replace it (docs/evaluation.md): ``BAAI/bge-m3`` (best quality,
1024-d, slow on CPU), ``intfloat/multilingual-e5-base`` / ``-small`` in full precision, or
``paraphrase-multilingual-MiniLM-L12-v2`` (384-d, CPU-friendly); or a ``mix:`` of one of them
with an English model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BGE_EN_QUERY", "BGE_ZH_QUERY", "PRESETS", "ModelPreset", "prefixes_for", "preset_for"]


@dataclass(frozen=True)
class ModelPreset:
    name: str
    query_prefix: str
    passage_prefix: str
    reads_cjk: bool
    dim: int
    languages: str


BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章："
BGE_EN_QUERY = "Represent this sentence for searching relevant passages: "

PRESETS: dict[str, ModelPreset] = {
    p.name: p
    for p in (
        ModelPreset("sentence-transformers/all-MiniLM-L6-v2", "", "", False, 384, "en (bundled default)"),
        ModelPreset("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2", "", "", True, 384, "50+"),
        ModelPreset("sentence-transformers/paraphrase-multilingual-mpnet-base-v2", "", "", True, 768, "50+"),
        ModelPreset("intfloat/multilingual-e5-small", "query: ", "passage: ", True, 384, "100"),
        ModelPreset("intfloat/multilingual-e5-base", "query: ", "passage: ", True, 768, "100"),
        ModelPreset("intfloat/multilingual-e5-large", "query: ", "passage: ", True, 1024, "100"),
        ModelPreset("BAAI/bge-m3", "", "", True, 1024, "100+"),
        ModelPreset("BAAI/bge-small-zh-v1.5", BGE_ZH_QUERY, "", True, 512, "zh"),
        ModelPreset("BAAI/bge-base-zh-v1.5", BGE_ZH_QUERY, "", True, 768, "zh"),
        ModelPreset("BAAI/bge-large-zh-v1.5", BGE_ZH_QUERY, "", True, 1024, "zh"),
        ModelPreset("BAAI/bge-small-en-v1.5", BGE_EN_QUERY, "", False, 384, "en"),
        ModelPreset("BAAI/bge-base-en-v1.5", BGE_EN_QUERY, "", False, 768, "en"),
    )
}


def preset_for(spec: str) -> ModelPreset | None:
    """The preset of a model setting: hub name, ``bundled:<name>`` or a directory named like one."""
    name = spec.removeprefix("bundled:")
    if name in PRESETS:
        return PRESETS[name]
    tail = Path(name).name.lower()
    return next((p for key, p in PRESETS.items() if key.split("/")[-1].lower() == tail), None)


def prefixes_for(spec: str, query_prefix: str = "", passage_prefix: str = "") -> tuple[str, str]:
    """(query prefix, passage prefix): the configured ones, else the preset's, else none."""
    if query_prefix or passage_prefix:
        return query_prefix, passage_prefix
    preset = preset_for(spec)
    return (preset.query_prefix, preset.passage_prefix) if preset else ("", "")
