"""How domain rows become searchable documents."""

from __future__ import annotations

from index.documents import DocSpec
from models import Challenge, DocumentKind, Postdoc

__all__ = ["QUERY_FIELDS", "challenge_documents", "challenge_query_text", "postdoc_documents"]


def postdoc_documents(postdoc: Postdoc) -> list[DocSpec]:
    """A postdoc is several documents: interests, discipline + skills, one per publication."""
    specs = [
        DocSpec(DocumentKind.interests, "研究方向 Research interests", postdoc.research_interests),
        DocSpec(
            DocumentKind.skills,
            "学科与技能 Discipline & skills",
            "；".join([postdoc.discipline, *postdoc.skills]),
        ),
    ]
    for pub in postdoc.publications:
        text = "\n".join(part for part in (pub.title, "；".join(pub.keywords), pub.abstract) if part)
        specs.append(DocSpec(DocumentKind.publication, pub.title, text, pub.id, pub.year))
    return specs


def challenge_documents(challenge: Challenge) -> list[DocSpec]:
    """A challenge is one document: its title, required expertise and description."""
    text = "\n".join(
        part
        for part in (
            challenge.title,
            "；".join(challenge.required_expertise),
            challenge.description,
        )
        if part
    )
    return [DocSpec(DocumentKind.challenge, challenge.title, text)]


# Which of a challenge's fields form its ranking query (setting ``query_fields``); the stored
# challenge document always holds all of them. "all_title_twice" repeats the title, which
# doubles its weight for BM25 (term frequency) and its share of the encoder's input.
QUERY_FIELDS: dict[str, tuple[str, ...]] = {
    "all": ("title", "required_expertise", "description"),
    "title": ("title",),
    "title_expertise": ("title", "required_expertise"),
    "expertise_description": ("required_expertise", "description"),
    "all_title_twice": ("title", "title", "required_expertise", "description"),
}


def challenge_query_text(challenge: Challenge, fields: str = "all") -> str:
    """The text a challenge is matched with: the ``fields`` of ``QUERY_FIELDS`` (default all,
    the same text as its document). Falls back to all fields when the chosen ones are empty."""
    parts = {
        "title": challenge.title,
        "required_expertise": "；".join(challenge.required_expertise),
        "description": challenge.description,
    }
    text = "\n".join(parts[f] for f in QUERY_FIELDS[fields] if parts[f])
    return text or challenge_documents(challenge)[0].text
