"""Bilingual text handling: jieba for Chinese runs, words for Latin script.

Text is NFKC-normalised (full-width Ａ１ becomes A1) and lower-cased. Chinese runs are cut with
jieba's search mode, which also emits the shorter words inside long compounds
(焊缝缺陷检测 → 焊缝 / 缺陷 / 检测 …), so a query and a document meet on sub-words.

Options (``TextOptions``, set once per process from the settings by ``configure``; stored tokens
and query tokens must agree, so change them only together with a re-import):

- ``t2s``: Traditional Chinese is converted to Simplified (OpenCC tables) before segmenting.
- ``glossary``: the bilingual technical glossary (``resources/glossary_zh_en.tsv``) adds, for a
  Chinese term, the stemmed words of its English translation, and for an English phrase the
  Chinese term (cross-lingual BM25); ``readable_text`` gives an English-only encoder the
  English translations of a Chinese text's glossary terms.
- ``cjk_bigrams``: also emit overlapping character bigrams of Chinese runs.
- ``zh_stopwords``: drop Chinese stop words.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import Stemmer

__all__ = [
    "EN_STOPWORDS",
    "GLOSSARY_FILE",
    "MAX_PHRASE_WORDS",
    "TEXT_PIPELINE_VERSION",
    "ZH_STOPWORDS",
    "Glossary",
    "TextOptions",
    "configure",
    "detect_language",
    "glossary",
    "glossary_terms",
    "latin_share",
    "normalize",
    "pipeline_version",
    "query_tokens",
    "readable_share",
    "readable_text",
    "readable_version",
    "segmenter",
    "sha256",
    "strip_cjk",
    "surface_tokens",
    "text_options",
    "to_simplified",
    "tokenize",
    "unique_in_order",
    "written_terms",
]

# CJK Unified Ideographs (+ extension A) and the compatibility block.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN_RUNS = re.compile(f"([{_CJK}]+)|([a-z0-9]+(?:[+#]+|(?:[-.][a-z0-9]+)+)?)")
_LETTER = re.compile(r"\w", re.UNICODE)

_RESOURCES = Path(__file__).resolve().parent / "resources"

ZH_STOPWORDS = frozenset((_RESOURCES / "stopwords_zh.txt").read_text(encoding="utf-8").split())
EN_STOPWORDS = frozenset((_RESOURCES / "stopwords_en.txt").read_text(encoding="utf-8").split())

_jieba_lock = threading.Lock()
_jieba: jieba.Tokenizer | None = None
GLOSSARY_FILE = _RESOURCES / "glossary_zh_en.tsv"
MAX_PHRASE_WORDS = 4


@dataclass(frozen=True)
class TextOptions:
    t2s: bool = True
    glossary: bool = True
    cjk_bigrams: bool = False
    zh_stopwords: bool = True


_options = TextOptions()

# Bump when tokenize() or readable_text() would give different output for the same text
# (segmenter dictionary, glossary file format, stemming, normalisation …). Stored tokens and the
# stored vectors of encoders that do not read Chinese are tied to it (see ``pipeline_version``).
TEXT_PIPELINE_VERSION = 2


def pipeline_version(options: TextOptions | None = None) -> str:
    """The version of stored ``documents.tokens``: the pipeline version plus every text option."""
    o = options or _options
    flags = f"t{int(o.t2s)}g{int(o.glossary)}b{int(o.cjk_bigrams)}s{int(o.zh_stopwords)}"
    return f"v{TEXT_PIPELINE_VERSION}-{flags}"


def readable_version(options: TextOptions | None = None) -> str:
    """The version of ``readable_text`` (what an English-only encoder reads): the pipeline
    version plus the options it depends on (Traditional → Simplified, glossary)."""
    o = options or _options
    return f"v{TEXT_PIPELINE_VERSION}-t{int(o.t2s)}g{int(o.glossary)}"


def configure(options: TextOptions) -> None:
    """Set the process-wide tokenisation options (stored and query tokens must agree)."""
    global _options
    _options = options


def text_options() -> TextOptions:
    """The process-wide tokenisation options."""
    return _options


def segmenter() -> jieba.Tokenizer:
    """One jieba tokenizer per process, with Jiebang's technical-term dictionary and the
    glossary's Chinese terms loaded (the one ``tokenize`` uses; jieba.analyse rankers can share it)."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            tok.load_userdict(str(_RESOURCES / "userdict_zh.txt"))
            for term in glossary().zh_to_en:
                tok.add_word(term, freq=20)
            _jieba = tok
        return _jieba


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


_local = threading.local()


def _stem(word: str) -> str:
    """English Snowball stem (blocks → block, detection → detect); one stemmer per thread."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(word) if word.isalpha() else word


def surface_tokens(text: str) -> list[tuple[str, str]]:
    """(index term, word as written) pairs; Latin words are stemmed, Chinese words are not.

    Stop words, pure numbers and single Latin letters are dropped. With the glossary on, a
    glossary term also yields its translation's terms, paired with the term as written.
    """
    opts = _options
    pairs: list[tuple[str, str]] = []
    latin_run: list[tuple[str, str]] = []
    for cjk, latin in _TOKEN_RUNS.findall(_prepared(text)):
        if cjk:
            _flush_latin(latin_run, pairs, opts)
            pairs.extend(_cjk_pairs(cjk, opts))
        elif latin and _keep_latin(latin):
            latin_run.append((_stem(latin), latin))
    _flush_latin(latin_run, pairs, opts)
    return pairs


def _prepared(text: str) -> str:
    text = normalize(text)
    return to_simplified(text) if _options.t2s and _CJK_RUN.search(text) else text


def _cjk_pairs(run: str, opts: TextOptions) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    gloss = glossary().zh_to_en if opts.glossary else {}
    for word in segmenter().cut_for_search(run):
        if opts.zh_stopwords and word in ZH_STOPWORDS:
            continue
        pairs.append((word, word))
        for term in gloss.get(word, ()):
            pairs.append((term, word))
    if opts.cjk_bigrams:
        pairs.extend((run[i : i + 2], run[i : i + 2]) for i in range(len(run) - 1))
    return pairs


def _flush_latin(run: list[tuple[str, str]], pairs: list[tuple[str, str]], opts: TextOptions) -> None:
    """Emit a run of Latin words, plus the Chinese terms of glossary phrases found in it."""
    pairs.extend(run)
    if opts.glossary and run:
        for phrase, surface in _latin_phrases(run):
            for zh in glossary().en_to_zh.get(phrase, ()):
                pairs.extend((term, surface) for term in _zh_terms(zh))
    run.clear()


@lru_cache(maxsize=4096)
def _zh_terms(zh: str) -> tuple[str, ...]:
    """A glossary term's index terms, as a Chinese text containing it would yield them."""
    return tuple(unique_in_order([*segmenter().cut_for_search(zh), zh]))


def _latin_phrases(run: list[tuple[str, str]]) -> Iterable[tuple[tuple[str, ...], str]]:
    stems = [stem for stem, _ in run]
    words = [w for _, w in run]
    for n in range(1, MAX_PHRASE_WORDS + 1):
        for i in range(len(run) - n + 1):
            yield _phrase_key(stems[i : i + n], words[i : i + n]), " ".join(words[i : i + n])


def _phrase_key(stems: Iterable[str], words: list[str]) -> tuple[str, ...]:
    """Phrases match on stems; a single word on itself (less a plural s), since one stem is
    ambiguous (machine and machining both stem to machin)."""
    if len(words) == 1:
        return (words[0].removesuffix("s"),)
    return tuple(stems)


def tokenize(text: str) -> list[str]:
    """Bilingual index terms for BM25: jieba words for Chinese, stemmed words for Latin script."""
    return [term for term, _ in surface_tokens(text)]


def query_tokens(text: str) -> list[str]:
    """``tokenize`` for query texts, which repeat (a challenge is ranked again and again):
    cached per text and text options."""
    return list(_query_tokens(text, pipeline_version()))


@lru_cache(maxsize=1024)
def _query_tokens(text: str, version: str) -> tuple[str, ...]:
    del version  # part of the cache key only
    return tuple(tokenize(text))


def written_terms(text: str) -> list[str]:
    """Index terms of the words as written, without the glossary's translations (a term and its
    translation are in different scripts)."""
    return [t for t, w in surface_tokens(text) if bool(_CJK_RUN.search(t)) == bool(_CJK_RUN.search(w))]


def _keep_latin(word: str) -> bool:
    return len(word) > 1 and not word.isdigit() and word not in EN_STOPWORDS


def unique_in_order(tokens: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tokens))


@dataclass(frozen=True)
class Glossary:
    """Bilingual technical terms: Chinese term → English index terms, English phrase → Chinese."""

    zh_to_en: dict[str, tuple[str, ...]]
    en_to_zh: dict[tuple[str, ...], tuple[str, ...]]
    zh_to_english_text: dict[str, str]


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The glossary file: one ``中文术语<TAB>English term`` pair per line (``#`` comments)."""
    zh_en: dict[str, list[str]] = {}
    en_zh: dict[tuple[str, ...], list[str]] = {}
    text: dict[str, str] = {}
    for line in GLOSSARY_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        zh, en = (part.strip() for part in line.split("\t", 1))
        zh, en = normalize(zh), normalize(en)
        stems = tuple(_stem(w) for _, w in _latin_words(en))
        if not stems:
            continue
        zh_en.setdefault(zh, []).extend(s for s in stems if s not in zh_en.get(zh, []))
        en_zh.setdefault(_phrase_key(stems, [w for _, w in _latin_words(en)]), []).append(zh)
        text.setdefault(zh, en)
    return Glossary({k: tuple(v) for k, v in zh_en.items()}, {k: tuple(v) for k, v in en_zh.items()}, text)


def _latin_words(text: str) -> list[tuple[str, str]]:
    return [(latin, latin) for _, latin in _TOKEN_RUNS.findall(text) if latin and _keep_latin(latin)]


@lru_cache(maxsize=1)
def _converter() -> object:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (OpenCC ``t2s`` tables); other characters unchanged."""
    return str(_converter().convert(text))  # type: ignore[attr-defined]


def glossary_terms(text: str) -> list[str]:
    """The glossary's Chinese terms found in ``text`` (jieba precise mode), in order, unique."""
    if not _options.glossary:
        return []
    gloss = glossary().zh_to_english_text
    found: list[str] = []
    for run in _CJK_RUN.findall(_prepared(text)):
        found.extend(w for w in segmenter().cut_for_search(run) if w in gloss)
    found = unique_in_order(found)
    return [w for w in found if not any(w != other and w in other for other in found)]


def readable_text(text: str) -> str:
    """What an English-only encoder reads: the Latin part plus glossary translations."""
    latin = strip_cjk(text)
    translations = [glossary().zh_to_english_text[t] for t in glossary_terms(text)]
    return "; ".join(part for part in (latin, ", ".join(translations)) if part)


def readable_share(text: str) -> float:
    """Share of the word characters an English-only encoder can read: the Latin ones plus
    the Chinese characters of glossary terms (0.0 … 1.0). Cached: it weighs every query."""
    return _readable_share(text, readable_version())


@lru_cache(maxsize=4096)
def _readable_share(text: str, version: str) -> float:
    del version  # part of the cache key only
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    cjk = sum(1 for ch in letters if _CJK_RUN.match(ch))
    covered = sum(len(t) for t in glossary_terms(text))
    return min(1.0, (len(letters) - cjk + covered) / len(letters))


def strip_cjk(text: str) -> str:
    """Remove Chinese characters (for encoders whose vocabulary maps them to [UNK])."""
    return re.sub(r"\s+", " ", _CJK_RUN.sub(" ", text)).strip()


def latin_share(text: str) -> float:
    """Share of the word characters in ``text`` that are not Chinese (0.0 … 1.0)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    cjk = sum(1 for ch in letters if _CJK_RUN.match(ch))
    return 1.0 - cjk / len(letters)


def detect_language(text: str) -> str:
    """'zh', 'en' or 'mixed' from the share of Chinese characters."""
    share = latin_share(text)
    if share <= 0.15:
        return "zh"
    if share >= 0.9:
        return "en"
    return "mixed"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
