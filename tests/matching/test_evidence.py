"""Evidence: filler terms are left out, phrases beat their parts, meaning-only matches show a sentence."""

from __future__ import annotations

import numpy as np

from app.matching.evidence import Filler, Semantic, best_sentence, matched_terms, sentences, snippet
from index.encoder import HashingEncoder
from index.lexical import LexicalIndex
from index.text import tokenize
from tests.utils import CountingEncoder


def _index(texts: list[str]) -> LexicalIndex:
    return LexicalIndex(np.arange(len(texts)), [tokenize(t) for t in texts])


def test_terms_common_in_the_index_are_filler() -> None:
    # 建立 is in every document; 齿轮 in one of 600 (2 % of them is 12 documents, enough to judge)
    texts = ["建立齿轮传动模型"] + [f"建立第{i}号景观方案的评价" for i in range(599)]
    filler = Filler(_index(texts), max_share=0.02)
    doc_terms = set(tokenize(texts[0]))
    terms = matched_terms("建立齿轮传动的可靠性模型", doc_terms, filler)
    assert "建立" not in terms
    assert "齿轮" in terms and "传动" in terms
    assert "建立" in matched_terms("建立齿轮传动的可靠性模型", doc_terms)  # without the index


def test_document_share_is_not_judged_on_a_tiny_index() -> None:
    texts = ["机器视觉缺陷检测", "机器视觉标定"]  # 2 documents: too few to judge a share
    filler = Filler(_index(texts), max_share=0.02)
    assert matched_terms("机器视觉", set(tokenize(texts[0])), filler) == ["机器视觉"]


def test_stop_words_and_parts_of_a_phrase_are_not_shown() -> None:
    terms = matched_terms("的机器视觉", set(tokenize("基于机器视觉的检测")))
    assert terms == ["机器视觉"]


def test_a_meaning_only_match_shows_its_closest_sentence() -> None:
    encoder = HashingEncoder(64)
    text = "本文介绍实验室概况。我们研究齿轮传动的可靠性评估方法。最后给出致谢。"
    parts = sentences(text)
    assert parts == ["本文介绍实验室概况。", "我们研究齿轮传动的可靠性评估方法。", "最后给出致谢。"]
    query = encoder.encode([parts[1]], role="query")[0]
    assert best_sentence(text, Semantic(encoder, query)) == parts[1]
    assert snippet(text, []).startswith("本文介绍")


def test_warming_encodes_a_pages_sentences_in_one_call() -> None:
    encoder = CountingEncoder(64)
    texts = [f"第{i}篇介绍实验室概况。我们研究第{i}类齿轮传动的可靠性。" for i in range(5)] + ["只有一句"]
    semantic = Semantic(encoder, encoder.encode(["齿轮传动可靠性"], role="query")[0])
    encoder.calls.clear()
    semantic.warm(texts + texts[:2])
    # one call, each sentence once; a one-sentence text needs no vector (its start is shown)
    assert len(encoder.calls) == 1 and len(encoder.calls[0]) == 10
    snippets = [best_sentence(t, semantic) for t in texts[:5]]
    assert len(encoder.calls) == 1  # every snippet came from the cache
    assert snippets == [sentences(t)[1] for t in texts[:5]]
