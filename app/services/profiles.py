"""Postdoc profiles as people see them: who may open whose profile, and a postdoc's own edit
(interests, skills, availability, publications kept, removed or added) in one transaction."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.schemas.postdocs import PostdocUpdate, PublicationCreate
from app.services.postdocs import get_postdoc, update_postdoc
from app.services.tenancy import not_found
from index.encoder import Encoder
from models import Account, Challenge, MatchEntry, MatchStatus, Postdoc, Publication, Role

__all__ = ["ProfileView", "editable_fields", "save_own_profile", "visible_profile"]


class ProfileView:
    """A profile and how much of it the viewer sees (``full``: contact details too)."""

    def __init__(self, postdoc: Postdoc, full: bool, own: bool) -> None:
        self.postdoc, self.full, self.own = postdoc, full, own


def _approved_for(session: Session, enterprise_id: int | None, postdoc_id: int) -> bool:
    """Whether the postdoc is approved on one of the enterprise's match lists."""
    if enterprise_id is None:
        return False
    query = select(
        exists().where(
            MatchEntry.postdoc_id == postdoc_id,
            MatchEntry.status == MatchStatus.approved,
            MatchEntry.challenge_id.in_(select(Challenge.id).where(Challenge.enterprise_id == enterprise_id)),
        )
    )
    return bool(session.scalar(query))


def visible_profile(session: Session, viewer: Account, postdoc_id: int) -> ProfileView:
    """HR and admin see every profile in full, a postdoc their own; an enterprise sees the
    public profile (no e-mail) of a postdoc approved for one of its challenges. Anyone else
    gets the same 404 as for an unknown id."""
    postdoc = session.get(Postdoc, postdoc_id)
    own = viewer.role == Role.postdoc and viewer.postdoc_id == postdoc_id
    if postdoc is not None and (viewer.sees_everything or own):
        return ProfileView(postdoc, full=True, own=own)
    if (
        postdoc is not None
        and viewer.role == Role.enterprise
        and _approved_for(session, viewer.enterprise_id, postdoc_id)
    ):
        return ProfileView(postdoc, full=False, own=False)
    raise not_found("postdoc", postdoc_id)


def editable_fields() -> tuple[str, ...]:
    return ("discipline", "research_interests", "skills", "availability")


def _kept(publication: Publication) -> PublicationCreate:
    return PublicationCreate(
        title=publication.title,
        abstract=publication.abstract or None,
        keywords=publication.keywords,
        year=publication.year,
        venue=publication.venue,
    )


def save_own_profile(
    session: Session,
    encoder: Encoder,
    postdoc_id: int,
    changes: dict[str, object],
    keep_publication_ids: set[int],
    new_publications: list[PublicationCreate],
) -> Postdoc:
    """Update the postdoc's own fields; publications not kept are removed, new ones appended.
    Documents and vectors are rewritten in the same transaction (``update_postdoc``)."""
    postdoc = get_postdoc(session, postdoc_id)
    publications = [_kept(p) for p in postdoc.publications if p.id in keep_publication_ids]
    data = PostdocUpdate.model_validate({**changes, "publications": [*publications, *new_publications]})
    return update_postdoc(session, encoder, postdoc_id, data)
