"""A challenge's requirements, and every postdoc's score for each of them.

Requirements are the challenge's ``required_expertise`` when the enterprise gave it (HR edits
them with ``PATCH /challenges/{id}`` and ``required_expertise``); otherwise they are extracted
from the title and description: TextRank key words (jieba.analyse, TF-IDF as fallback) for text
with Chinese, RAKE key phrases (stop-word-delimited phrases scored by word degree / frequency)
for English.

Each requirement's text is scored exactly like a challenge in the individual ranking
(``score_postdocs``: retrieve → fuse → aggregate), so a member's score for "机器视觉" is the
score they would get for a challenge that asked only for 机器视觉, and the evidence is the same
kind of document list.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

import jieba.analyse
import jieba.posseg
import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.matching.candidates import (
    evidence_item,
    score_postdocs_many,
    semantic_of,
    term_filler,
    warm_snippets,
)
from app.matching.documents import challenge_query_text
from app.matching.evidence import matched_terms
from app.matching.filters import PostdocFilters
from app.matching.scoring import Aggregate, Fusion, RankingOptions, dense_weight, fuse_candidates
from app.matching.view import SearchView
from app.schemas.ranking import Evidence
from index.search_index import Candidates
from index.text import (
    EN_STOPWORDS,
    ZH_STOPWORDS,
    latin_share,
    query_tokens,
    segmenter,  # the tokenizer with Jiebang's user dictionary
    written_terms,
)
from models import Challenge, Document

__all__ = [
    "Requirement",
    "RequirementScores",
    "TextScores",
    "best_evidence",
    "challenge_query_texts",
    "challenge_requirements",
    "coverage_options",
    "extract_requirements",
    "rake_phrases",
    "score_requirements",
]

MAX_REQUIREMENTS = 8
EXTRACTED_REQUIREMENTS = 5
GENERIC_IDF = 8.5  # jieba IDF below which a single word is too common to be a requirement
# TextRank keeps nouns, verbal nouns, proper nouns and English words.
_ZH_POS = ("n", "nz", "vn", "nt", "nl", "ng", "eng")
_PHRASE_SPLIT = re.compile(r"[^A-Za-z0-9\-+#/ ]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-+#/]*")

# Words that frame a request rather than name an expertise ("we need machine vision").
_REQUEST_WORDS = frozenset(
    [
        "need",
        "needs",
        "require",
        "requires",
        "required",
        "want",
        "wants",
        "seek",
        "seeking",
        "looking",
        "hope",
        "help",
        "provide",
        "develop",
        "deliver",
        "next",
        "using",
        "use",
        "based",
        "expect",
        "expected",
        "able",
    ]
)

Source = Literal["required_expertise", "extracted", "request"]


@dataclass(frozen=True)
class Requirement:
    text: str
    source: Source


def challenge_requirements(challenge: Challenge) -> list[Requirement]:
    """The enterprise's required expertise, or requirements extracted from the text."""
    given = [t.strip() for t in challenge.required_expertise if t.strip()]
    if given:
        return [Requirement(t, "required_expertise") for t in dict.fromkeys(given)][:MAX_REQUIREMENTS]
    return [Requirement(t, "extracted") for t in extract_requirements(challenge.title, challenge.description)]


def extract_requirements(title: str, description: str, limit: int = EXTRACTED_REQUIREMENTS) -> list[str]:
    """Key phrases of a challenge: TextRank for text with Chinese, RAKE for English.

    Phrases that restate the title are dropped when enough others remain: the title names the
    setting (船厂分段, container port cranes), which the whole-challenge fit already scores;
    requirements should name the expertise the setting calls for. A Chinese phrase restates the
    title when it shares any word with it (TextRank phrases are one or two words); an English
    one when all its words are in the title (RAKE phrases are longer: "welding metallurgy"
    stays for a title about weld defects).
    """
    phrases = _phrases(title, description, limit * 3)
    # as written: the glossary would make 焊接冶金 "restate" a title about 焊缝 (both → weld)
    title_terms = set(written_terms(title))
    english = latin_share(f"{title}。{description}") >= 0.9

    def restates(phrase: str) -> bool:
        terms = set(written_terms(phrase))
        return bool(terms) and (terms <= title_terms if english else bool(terms & title_terms))

    expertise = [p for p in phrases if not restates(p)]
    return (expertise if len(expertise) >= min(3, len(phrases)) else phrases)[:limit]


def _phrases(title: str, description: str, limit: int) -> list[str]:
    text = f"{title}。{description}"
    if latin_share(text) >= 0.9:
        return rake_phrases(f"{title}. {description}", limit)
    ranker = _textrank()
    weighted = ranker.textrank(text, topK=limit, withWeight=True, allowPOS=_ZH_POS) or _tfidf().extract_tags(
        text, topK=limit, withWeight=True
    )
    weights = {
        w: float(v) for w, v in weighted if len(w) > 1 and w.lower() not in ZH_STOPWORDS | EN_STOPWORDS
    }
    phrases = _key_phrases([w for w, _ in ranker.tokenizer.cut(text)], weights)
    return [p for p in phrases if not _generic(p)]


def _generic(word: str) -> bool:
    """A common single word (模型, 设计, 优化: low IDF in jieba's corpus) names no expertise, nor
    does a Latin word inside Chinese text unless it is an acronym (SiC, AMOLED; not ms, kW)."""
    if word.isascii():
        return " " not in word and (len(word) < 3 or sum(c.isupper() for c in word) < 2)
    idf, _ = _tfidf().idf_loader.get_idf()
    return word in idf and idf[word] < GENERIC_IDF


def _key_phrases(words: list[str], weights: dict[str, float]) -> list[str]:
    """Adjacent key words collapse into one phrase (机器 + 视觉 → 机器视觉), as in TextRank."""
    phrases: dict[str, float] = {}
    run: list[str] = []
    for word in [*words, ""]:
        if word in weights and len(run) < 2 and all(w.isascii() == word.isascii() for w in run):
            run.append(word)
            continue
        if run:
            phrase = " ".join(run) if run[0].isascii() else "".join(run)
            phrases[phrase] = max(phrases.get(phrase, 0.0), sum(weights[w] for w in run))
        run = [word] if word in weights else []
    ranked = sorted(phrases, key=lambda p: -phrases[p])
    # A word already inside a longer chosen phrase is not a requirement of its own.
    return [p for p in ranked if not any(p != q and p in q for q in ranked)]


@lru_cache(maxsize=1)
def _textrank() -> jieba.analyse.TextRank:
    """TextRank over Jiebang's jieba dictionary (technical terms such as 机器视觉 stay whole)."""
    ranker = jieba.analyse.TextRank()
    ranker.tokenizer = ranker.postokenizer = jieba.posseg.POSTokenizer(segmenter())
    return ranker


@lru_cache(maxsize=1)
def _tfidf() -> jieba.analyse.TFIDF:
    ranker = jieba.analyse.TFIDF()
    ranker.tokenizer = segmenter()
    ranker.postokenizer = jieba.posseg.POSTokenizer(segmenter())
    return ranker


def rake_phrases(text: str, limit: int, max_words: int = 4) -> list[str]:
    """RAKE (Rose et al. 2010): phrases between stop words, scored by word degree / frequency."""
    phrases: list[list[str]] = []
    for chunk in _PHRASE_SPLIT.split(text):
        current: list[str] = []
        for word in _WORD.findall(chunk):
            if word.lower() in EN_STOPWORDS or word.lower() in _REQUEST_WORDS or len(word) < 2:
                if current:
                    phrases.append(current)
                current = []
            else:
                current.append(word)
        if current:
            phrases.append(current)
    phrases = [p for p in phrases if len(p) <= max_words]
    freq: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for p in phrases:
        for w in p:
            freq[w.lower()] += 1
            degree[w.lower()] += len(p)
    scored = {" ".join(p): sum(degree[w.lower()] / freq[w.lower()] for w in p) for p in phrases}
    ranked = sorted(scored, key=lambda p: -scored[p])
    unique = list(dict.fromkeys(p.lower() for p in ranked))
    return unique[:limit]


@dataclass
class TextScores:
    """One query's ranked owners and the scored documents behind them."""

    text: str
    ranked: list[Aggregate]
    cands: Candidates
    weight: float
    options: RankingOptions
    by_owner: dict[int, Aggregate] = field(init=False)

    def __post_init__(self) -> None:
        self.by_owner = {a.owner_id: a for a in self.ranked}

    def score(self, owner_id: int) -> float:
        agg = self.by_owner.get(owner_id)
        return agg.score if agg else 0.0


@dataclass
class RequirementScores:
    """Scores of postdocs for each requirement and for the whole challenge (individual fit)."""

    requirements: list[Requirement]
    per_requirement: list[TextScores]
    whole: TextScores

    def owners(self, top: int) -> list[int]:
        """The best ``top`` owners of every requirement and of the whole challenge, merged."""
        picked: dict[int, None] = {}
        for ts in [self.whole, *self.per_requirement]:
            picked.update((a.owner_id, None) for a in ts.ranked[:top])
        return list(picked)

    def matrix(self, owner_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(scores: owners × requirements, fit: owners) for the team core."""
        scores = np.array(
            [[ts.score(o) for ts in self.per_requirement] for o in owner_ids], dtype=np.float64
        ).reshape(len(owner_ids), len(self.per_requirement))
        fit = np.array([self.whole.score(o) for o in owner_ids], dtype=np.float64)
        return scores, fit

    def restricted(self, allowed: set[int]) -> RequirementScores:
        """The same scores with only ``allowed`` (eligible) owners in every ranking."""

        def keep(ts: TextScores) -> TextScores:
            ranked = [a for a in ts.ranked if a.owner_id in allowed]
            return TextScores(ts.text, ranked, ts.cands, ts.weight, ts.options)

        return RequirementScores(
            self.requirements, [keep(ts) for ts in self.per_requirement], keep(self.whole)
        )


def coverage_options(options: RankingOptions) -> RankingOptions:
    """The ranking options with absolute scores. Coverage is compared with fixed thresholds (a
    requirement nobody scores 0.3 on is a gap), but min-max fusion rescales each query's dense
    scores to its own candidates, so a draft team of two would always "cover" everything; teams
    therefore fuse linearly. Recency weighting is off for the same reason (it would lower an
    older expert's absolute score under the thresholds); every other option is kept."""
    fusion: Fusion = "linear" if options.fusion == "minmax" else options.fusion
    return replace(options, fusion=fusion, recency_half_life=0.0)


def score_requirements(
    session: Session,
    view: SearchView,
    challenge: Challenge,
    requirements: list[Requirement],
    filters: PostdocFilters,
    owners: set[int] | None = None,
) -> RequirementScores:
    """Score postdocs (all, or exactly the given ``owners``) for each requirement and the whole.

    Every text is scored exactly as ``score_postdocs`` scores it alone; they go through the
    index together (one encoder batch, one vector search) because that is several times faster.
    """
    texts = [challenge_query_text(challenge, view.options.query_fields), *(r.text for r in requirements)]
    tokens = [query_tokens(t) for t in texts]
    options = coverage_options(view.options.ranking)
    weights = [dense_weight(options, view.encoder, t) for t in texts]
    # owners: a hand-picked draft team, every document of exactly these postdocs
    scored = score_postdocs_many(session, view, texts, tokens, weights, filters, options, owners)
    text_scores = [
        TextScores(t, ranked, cands, w, options)
        for t, (ranked, cands), w in zip(texts, scored, weights, strict=True)
    ]
    return RequirementScores(requirements, text_scores[1:], text_scores[0])


def challenge_query_texts(challenge: Challenge, query_fields: str) -> list[str]:
    """Every text a challenge is ranked with: its query and each requirement's text (stored
    with the challenge, so rankings encode nothing)."""
    requirements = [r.text for r in challenge_requirements(challenge)]
    return list(dict.fromkeys([challenge_query_text(challenge, query_fields), *requirements]))


def best_evidence(
    session: Session, view: SearchView, scores: TextScores, owner_ids: list[int]
) -> dict[int, Evidence]:
    """Each owner's best document for one requirement, with the telling terms it shares with it."""
    filler = term_filler(view)
    semantic = semantic_of(view, scores.text, scores.weight, session)
    rows = {o: scores.by_owner[o].best[0] for o in owner_ids if o in scores.by_owner}
    doc_ids = [int(scores.cands.doc_ids[r]) for r in rows.values()]
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))}
    lexical = scores.cands.lexical()
    fused = fuse_candidates(scores.cands, lexical, scores.weight, scores.options)
    kept = {
        owner: (docs[int(scores.cands.doc_ids[row])], row)
        for owner, row in rows.items()
        if int(scores.cands.doc_ids[row]) in docs and fused[row] > 0
    }
    terms = {
        owner: matched_terms(scores.text, set(doc.tokens.split()), filler) for owner, (doc, _) in kept.items()
    }
    dense = scores.cands.dense
    warm_snippets(semantic, [(doc, terms[o], float(dense[r])) for o, (doc, r) in kept.items()])
    return {
        owner: evidence_item(
            doc,
            terms[owner],
            score=float(fused[row]),
            dense=float(scores.cands.dense[row]),
            lexical=float(lexical[row]),
            semantic=semantic,
        )
        for owner, (doc, row) in kept.items()
    }
