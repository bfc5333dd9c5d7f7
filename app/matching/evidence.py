"""Evidence: which documents matched, with the telling terms they share and a snippet.

- Matched terms leave out filler: stop words, single Chinese characters, and terms found in more
  than ``filler_share`` of the index's documents (their document frequency, from the BM25
  index), judged only when the index is large enough for that share to be at least one
  document. A word inside a longer matched phrase (视觉 inside 机器视觉) is dropped: whole domain
  phrases are shown, not their parts.
- The snippet is a window around the first matched term; a document that matched by meaning
  alone (no telling term) shows its sentence closest to the query instead (cosine with the
  view's encoder), so the reader sees why it was found.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.encoder import Encoder
from index.lexical import LexicalIndex
from index.text import EN_STOPWORDS, ZH_STOPWORDS, normalize, surface_tokens

__all__ = [
    "MAX_TERMS",
    "SENTENCE_CACHE",
    "SNIPPET_CHARS",
    "Filler",
    "Semantic",
    "best_sentence",
    "matched_terms",
    "meaning_only",
    "sentences",
    "snippet",
]

MAX_TERMS = 10
SNIPPET_CHARS = 140
_SENTENCE_END = re.compile(r"(?<=[。！？；;!?])|(?<=\.)\s+|\n+")


FILLER_MIN_DOCUMENTS = 10  # a term is judged common only when the share is this many documents


@dataclass(frozen=True)
class Filler:
    """Which index terms are filler for evidence: stop words, and terms in more than
    ``max_share`` of ``lexical``'s documents (setting ``evidence_filler_share``)."""

    lexical: LexicalIndex | None = None
    max_share: float = 1.0

    def of(self, terms: list[str]) -> set[str]:
        out = {t for t in terms if t in ZH_STOPWORDS or t in EN_STOPWORDS}
        n = self.lexical.size if self.lexical is not None else 0
        # A share means something only over enough documents: in a roster of a few dozen, a
        # domain term in two of them is not filler.
        if self.lexical is not None and n * self.max_share >= FILLER_MIN_DOCUMENTS:
            df = self.lexical.document_frequency(terms)
            out |= {t for t, d in zip(terms, df.tolist(), strict=True) if d > self.max_share * n}
        return out


NO_FILLER = Filler()


def matched_terms(source_text: str, target_terms: set[str], filler: Filler = NO_FILLER) -> list[str]:
    """Words of ``source_text`` (as written) whose index term occurs in ``target_terms`` and is
    no filler. Sub-words inside a longer matched word (视觉 inside 机器视觉) are dropped."""
    pairs = [(term, w) for term, w in _surface_tokens(source_text) if term in target_terms and _telling(w)]
    common = filler.of(list(dict.fromkeys(term for term, _ in pairs)))
    words = list(dict.fromkeys(w for term, w in pairs if term not in common and w.lower() not in common))
    kept = [w for w in words if not any(w != other and w in other for other in words)]
    return kept[:MAX_TERMS]


@lru_cache(maxsize=4096)
def _surface_tokens(text: str) -> tuple[tuple[str, str], ...]:
    # one query (or document) is matched against many results: segment it once
    return tuple(surface_tokens(text))


def _telling(word: str) -> bool:
    """Single Chinese characters (用, 色) match by accident; they score but are not shown."""
    return len(word) > 1


def snippet(text: str, terms: list[str]) -> str:
    """A window of ``text`` around the first matched term (the start when none is found)."""
    flat = " ".join(text.split())
    lowered = normalize(flat)
    positions = [p for p in (lowered.find(normalize(t)) for t in terms) if p >= 0]
    start = max(0, min(positions) - SNIPPET_CHARS // 3) if positions else 0
    return _window(flat, start)


def _window(flat: str, start: int) -> str:
    piece = flat[start : start + SNIPPET_CHARS]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_CHARS < len(flat) else ""
    return f"{prefix}{piece}{suffix}"


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (Chinese and Latin punctuation, line breaks), stripped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


@dataclass(frozen=True)
class Semantic:
    """What a meaning-only match needs for its snippet: the encoder and the query's vector."""

    encoder: Encoder
    query_vector: np.ndarray

    def warm(self, texts: list[str]) -> None:
        """Encode, in one batch, the sentences of ``texts`` not yet cached: a page's snippets
        then cost one encoder call, not one per document."""
        split = (sentences(t) for t in texts)
        self._warm_parts([p for ps in split if len(ps) > 1 for p in ps])

    def _warm_parts(self, parts: list[str]) -> None:
        with _cache_lock:
            missing = list(dict.fromkeys(p for p in parts if (self.encoder.model_id, p) not in _cache))
        if not missing:
            return
        vectors = np.asarray(self.encoder.encode(missing, role="passage"), dtype=np.float32)
        with _cache_lock:
            for part, vector in zip(missing, vectors, strict=True):
                _cache[(self.encoder.model_id, part)] = vector
            while len(_cache) > SENTENCE_CACHE:
                _cache.popitem(last=False)

    def vectors(self, parts: list[str]) -> np.ndarray:
        """The cached vectors of ``parts`` (encoding those that are not)."""
        self._warm_parts(parts)
        with _cache_lock:
            found = [_cache.get((self.encoder.model_id, p)) for p in parts]
        if any(v is None for v in found):  # evicted meanwhile by another request
            return np.asarray(self.encoder.encode(parts, role="passage"), dtype=np.float32)
        return np.stack(found)  # type: ignore[arg-type]


# sentence vectors by (model id, sentence), least recently written first
SENTENCE_CACHE = 8192
_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_cache_lock = threading.Lock()


def meaning_only(terms: list[str], dense: float, semantic: Semantic | None) -> bool:
    """Whether a document matched by meaning alone (no telling shared term): its snippet is
    then its sentence closest to the query."""
    return not terms and semantic is not None and dense > 0


def best_sentence(text: str, semantic: Semantic) -> str:
    """The sentence of ``text`` whose vector is closest to the query (cosine), as a snippet."""
    parts = sentences(text)
    if len(parts) <= 1:
        return snippet(text, [])
    best = parts[int(np.argmax(semantic.vectors(parts) @ semantic.query_vector))]
    flat = " ".join(best.split())
    return flat if len(flat) <= SNIPPET_CHARS else _window(flat, 0)
