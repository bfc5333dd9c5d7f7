"""Evidence: which documents matched, with the shared terms and a snippet around them."""

from __future__ import annotations

from functools import lru_cache

from index.text import normalize, surface_tokens

__all__ = ["MAX_TERMS", "SNIPPET_CHARS", "matched_terms", "snippet"]

MAX_TERMS = 10
SNIPPET_CHARS = 140


def matched_terms(source_text: str, target_terms: set[str]) -> list[str]:
    """Words of ``source_text`` (as written) whose index term occurs in ``target_terms``.

    Sub-words inside a longer matched word (视觉 inside 机器视觉) are dropped.
    """
    words = list(
        dict.fromkeys(w for term, w in _surface_tokens(source_text) if term in target_terms and _telling(w))
    )
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
    piece = flat[start : start + SNIPPET_CHARS]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_CHARS < len(flat) else ""
    return f"{prefix}{piece}{suffix}"
