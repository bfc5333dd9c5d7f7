"""Finding the teammates a lead may name: by name search or by email, always under the rule
the application itself checks (``tenancy.can_name_as_member``: the lead's own station).

Both answer the same for "nobody has this name / email" and "someone has it, at another
station", so a lead cannot learn who is registered elsewhere."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.services import tenancy
from app.services.postdocs import find_postdocs_by_name, get_postdoc, postdoc_ids_by_email, postdocs_by_ids
from models import Account, Postdoc

__all__ = ["find_teammates", "teammate_ids_by_email"]


def _lead(session: Session, account: Account) -> Postdoc:
    assert account.postdoc_id is not None  # a postdoc account always links to its profile
    return get_postdoc(session, account.postdoc_id)


def find_teammates(session: Session, account: Account, text: str, *, limit: int) -> list[Postdoc]:
    """Postdocs the lead (``account``) may invite whose name contains ``text`` (never the lead)."""
    lead = _lead(session, account)
    if lead.station_id is None:
        return []
    found = find_postdocs_by_name(session, text, limit=limit, station_id=lead.station_id)
    return [p for p in found if p.id != lead.id and tenancy.can_name_as_member(lead, p)]


def teammate_ids_by_email(session: Session, account: Account, emails: list[str]) -> list[int]:
    """The ids of the postdocs with these emails, in order, when the lead (``account``) may
    invite each; otherwise InvalidInput naming the first email that is unknown *or* not
    invitable."""
    lead = _lead(session, account)
    wanted = [e.strip().lower() for e in emails if e.strip()]
    found = postdoc_ids_by_email(session, wanted)
    people = {p.id: p for p in postdocs_by_ids(session, list(found.values()))}
    for email in wanted:
        if not tenancy.can_name_as_member(lead, people.get(found.get(email, 0))):
            raise InvalidInput(f"no postdoc of your station has the email {email}", field="members")
    return [found[e] for e in wanted]
