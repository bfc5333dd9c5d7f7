"""The composite encoder: its inner product is the language-weighted sum of channel cosines."""

from __future__ import annotations

import math

import numpy as np
import pytest

from index.composite import Channel, CompositeEncoder, composite_spec, english_degree, parse_spec
from index.encoder import EncoderError, HashingEncoder, embedding_key
from index.factory import make_encoder
from index.lexical import LexicalIndex
from index.retrieval import OwnerMap, score_queries
from index.text import latin_share, strip_cjk, tokenize
from index.vector import make_vector_index
from tests.utils import CountingEncoder

TEXTS = [
    "焊缝缺陷检测与机器视觉",
    "weld seam defect detection with machine vision",
    "基于CNN的焊缝缺陷检测 weld defects",
    "宋代诗词格律研究",
    "Song dynasty poetry",
]


def english_only(dim: int) -> HashingEncoder:
    encoder = HashingEncoder(dim)
    encoder.reads_cjk = False  # type: ignore[misc]
    return encoder


def share(zh: float, en: float, text: str) -> float:
    latin = min(1.0, max(0.0, (latin_share(text) - 0.5) / 0.4))
    return zh * (1 - latin) + en * latin


def test_inner_product_is_the_weighted_sum_of_channel_cosines() -> None:
    reads, latin_only = HashingEncoder(48), english_only(32)
    mix = CompositeEncoder([Channel(reads, 1.0, 1.0), Channel(latin_only, 0.0, 0.6)])
    vectors = mix.encode(TEXTS)
    a = reads.encode(TEXTS)
    b = latin_only.encode([strip_cjk(t) for t in TEXTS])
    # the shares the module docstring defines, computed here independently
    w = [(share(1.0, 1.0, t), share(0.0, 0.6, t)) for t in TEXTS]
    assert w[0] == (1.0, 0.0) and w[1] == (1.0, pytest.approx(0.6))
    assert 0.0 < w[2][1] < 0.6  # mixed text: part English
    for i in range(len(TEXTS)):
        for j in range(len(TEXTS)):
            cos_a, cos_b = float(a[i] @ a[j]), float(b[i] @ b[j])
            expected = math.sqrt(w[i][0] * w[j][0]) * cos_a + math.sqrt(w[i][1] * w[j][1]) * cos_b
            assert float(vectors[i] @ vectors[j]) == pytest.approx(expected, abs=1e-5)
    norms = np.linalg.norm(vectors, axis=1) ** 2
    np.testing.assert_allclose(norms, [1.0 + s for _, s in w], rtol=1e-5)


def test_chinese_text_gives_the_english_only_channel_nothing() -> None:
    mix = CompositeEncoder([Channel(HashingEncoder(48), 1.0, 0.5), Channel(english_only(32), 0.0, 0.5)])
    zh, en = mix.encode(TEXTS[:2])
    assert not zh[48:].any() and zh[:48].any()
    assert float(np.linalg.norm(en[:48]) ** 2) == pytest.approx(0.5, abs=1e-6)
    assert float(np.linalg.norm(en[48:]) ** 2) == pytest.approx(0.5, abs=1e-6)
    assert mix.reads_cjk and mix.dim == 80
    assert embedding_key(mix) == mix.model_id == "mix:hashing:48@zh=1,en=0.5+hashing:32@zh=0,en=0.5"


def test_chinese_text_with_a_few_latin_letters_counts_as_chinese() -> None:
    text = "基于修正Rodrigues参数的飞行器姿态控制系统数学模型与镇定控制器设计方法研究"
    assert 0.2 < latin_share(text) < 0.5 and english_degree(text) == 0.0
    assert english_degree("weld seam detection") == 1.0


def test_a_text_with_nothing_to_read_gets_a_zero_vector() -> None:
    mix = CompositeEncoder([Channel(HashingEncoder(16), 1.0, 0.5), Channel(english_only(16), 0.0, 0.5)])
    assert not mix.encode(["", "  "]).any()


def test_the_spec_round_trips_and_bad_specs_say_why() -> None:
    spec = composite_spec([("bundled:multilingual-e5-small-q4", 1.0, 0.45), ("/models/x", 0.0, 0.55)])
    assert spec == "mix:bundled:multilingual-e5-small-q4@zh=1,en=0.45+/models/x@zh=0,en=0.55"
    assert [(c.model, c.zh, c.en) for c in parse_spec(spec)] == [
        ("bundled:multilingual-e5-small-q4", 1.0, 0.45),
        ("/models/x", 0.0, 0.55),
    ]
    for bad, reason in (
        ("mix:hashing:8", "expected"),
        ("mix:hashing:8@zh=1", "weights"),
        ("mix:a@zh=-1,en=1", "negative"),
    ):
        with pytest.raises(EncoderError, match=reason):
            make_encoder(bad)


def test_make_encoder_builds_a_mix_of_cached_channels() -> None:
    mix = make_encoder("mix:hashing:24@zh=1,en=1+hashing:8@zh=0,en=1")
    assert isinstance(mix, CompositeEncoder)
    assert mix.channels[0].encoder is make_encoder("hashing:24")
    assert mix.encode(["焊缝"]).shape == (1, 32)


def test_a_channel_never_encodes_a_text_it_gives_no_share() -> None:
    reads, latin_only = CountingEncoder(48), CountingEncoder(32, reads_cjk=False)
    mix = CompositeEncoder([Channel(reads, 1.0, 0.5), Channel(latin_only, 0.0, 0.5)])
    vectors = mix.encode(TEXTS)
    # Chinese texts (shares 0 in the English channel) are not sent to it at all
    assert latin_only.calls == [[strip_cjk(t) for t in TEXTS if english_degree(t) > 0]]
    assert reads.calls == [TEXTS]
    # and the vectors are what encoding every text and weighting it by 0 gives
    expected = mix.combine(TEXTS, [reads.encode(TEXTS), latin_only.encode([strip_cjk(t) for t in TEXTS])])
    np.testing.assert_array_equal(vectors, expected)
    assert not vectors[0, 48:].any()


def test_english_degree_and_the_pair_ceiling_are_read_back_from_the_vectors() -> None:
    mix = CompositeEncoder([Channel(HashingEncoder(48), 1.0, 0.5), Channel(english_only(32), 0.0, 0.5)])
    vectors = mix.encode(TEXTS)
    np.testing.assert_allclose(mix.english_of(vectors), [english_degree(t) for t in TEXTS], atol=1e-5)
    gap, ceiling = mix.pair_terms(vectors[0], vectors)
    np.testing.assert_allclose(gap, [abs(english_degree(t) - 0.0) for t in TEXTS], atol=1e-5)
    # a Chinese query shares only the first channel with a document: √(1 · s₁(d))
    np.testing.assert_allclose(ceiling, [math.sqrt(share(1.0, 0.5, t)) for t in TEXTS], atol=1e-5)
    assert ceiling[0] == pytest.approx(1.0, abs=1e-6) and ceiling[1] == pytest.approx(
        math.sqrt(0.5), abs=1e-6
    )


def test_a_composite_with_fixed_shares_reads_no_language_back() -> None:
    mix = CompositeEncoder([Channel(HashingEncoder(48), 1.0, 1.0), Channel(HashingEncoder(16), 0.5, 0.5)])
    assert mix.english_of(mix.encode(TEXTS)).tolist() == [0.0] * len(TEXTS)


def test_retrieval_gives_each_candidate_its_pairs_language_gap_and_ceiling() -> None:
    mix = CompositeEncoder([Channel(HashingEncoder(48), 1.0, 0.5), Channel(english_only(32), 0.0, 0.5)])
    ids = np.arange(len(TEXTS), dtype=np.int64)
    vectors = make_vector_index("flat", mix.dim, hnsw_threshold=10_000)
    vectors.upsert(ids, mix.encode(TEXTS))
    owners = OwnerMap()
    owners.reset(ids, ids)
    lexical = LexicalIndex(ids, [tokenize(t) for t in TEXTS])
    query = (mix.encode([TEXTS[0]]), [tokenize(TEXTS[0])])
    cands = score_queries(vectors, lexical, owners, query, k=10, owners=None, pair_terms=mix.pair_terms)[0]
    degree = np.array([english_degree(TEXTS[i]) for i in cands.doc_ids])
    assert cands.language_gap is not None and cands.ceiling is not None
    np.testing.assert_allclose(cands.language_gap, degree, atol=1e-5)  # the query is Chinese (ℓ = 0)
    np.testing.assert_allclose(cands.ceiling, np.sqrt(1.0 - 0.5 * degree), atol=1e-5)
    plain = score_queries(vectors, lexical, owners, query, k=10, owners=None)[0]
    assert plain.language_gap is None and plain.ceiling is None
    np.testing.assert_array_equal(plain.dense, cands.dense)
