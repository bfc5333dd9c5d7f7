"""How domain rows become searchable documents."""

from __future__ import annotations

from index.documents import DocSpec
from models import Challenge, DocumentKind, Postdoc


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


def challenge_query_text(challenge: Challenge) -> str:
    """The text a challenge is matched with (same fields as its document)."""
    return challenge_documents(challenge)[0].text
