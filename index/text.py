"""Bilingual text handling: jieba for Chinese runs, words for Latin script.

Text is NFKC-normalised (full-width Ａ１ becomes A1) and lower-cased. Chinese runs are cut with
jieba's search mode, which also emits the shorter words inside long compounds
(焊缝缺陷检测 → 焊缝 / 缺陷 / 检测 …), so a query and a document meet on sub-words.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import jieba
import Stemmer

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


def _segmenter() -> jieba.Tokenizer:
    """One jieba tokenizer per process, with Jiebang's technical-term dictionary loaded."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            tok.load_userdict(str(_RESOURCES / "userdict_zh.txt"))
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

    Stop words, pure numbers and single Latin letters are dropped.
    """
    seg = _segmenter()
    pairs: list[tuple[str, str]] = []
    for cjk, latin in _TOKEN_RUNS.findall(normalize(text)):
        if cjk:
            pairs.extend((w, w) for w in seg.cut_for_search(cjk) if w not in ZH_STOPWORDS)
        elif latin and _keep_latin(latin):
            pairs.append((_stem(latin), latin))
    return pairs


def tokenize(text: str) -> list[str]:
    """Bilingual index terms for BM25: jieba words for Chinese, stemmed words for Latin script."""
    return [term for term, _ in surface_tokens(text)]


def _keep_latin(word: str) -> bool:
    return len(word) > 1 and not word.isdigit() and word not in EN_STOPWORDS


def unique_in_order(tokens: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tokens))


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
