from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from app.errors import Conflict, InvalidInput, InvalidTransition
from app.matching.documents import challenge_documents
from app.matching.requirements import challenge_query_texts
from app.matching.view import SearchView
from app.schemas.challenges import ChallengeCreate, ChallengeUpdate
from app.services.common import apply_changes, commit, get_or_404, paginate, refuse_nulls
from index.documents import remove_owner_documents, sync_many
from index.embeddings import ensure_embeddings
from index.text import detect_language, sha256
from models import Challenge, ChallengeStatus, Enterprise, IndexName, Language, Sector
from models.domain import ALLOWED_TRANSITIONS

__all__ = [
    "INITIAL_STATUSES",
    "challenges_of_caller",
    "check_enterprise",
    "check_title_free",
    "create_challenge",
    "delete_challenge",
    "get_challenge",
    "index_challenges",
    "list_challenges",
    "new_challenge",
    "transition_challenge",
    "update_challenge",
]

INITIAL_STATUSES = {ChallengeStatus.draft, ChallengeStatus.open}
_TEXT_FIELDS = {"title", "description", "required_expertise"}


def create_challenge(session: Session, view: SearchView, data: ChallengeCreate) -> Challenge:
    """Store a new challenge with its document, stored query vectors and outbox rows, in one
    transaction. Announcing it (a ranking) is the caller's background job, after the commit."""
    check_enterprise(session, data.enterprise_id)
    if data.status not in INITIAL_STATUSES:
        raise InvalidInput(
            f"a new challenge starts as draft or open, not {data.status.value}", field="status"
        )
    check_title_free(session, data.enterprise_id, data.title)
    challenge = new_challenge(data)
    session.add(challenge)
    session.flush()
    index_challenges(session, view, [challenge])
    commit(session)
    return challenge


def new_challenge(data: ChallengeCreate) -> Challenge:
    challenge = Challenge(**data.model_dump())
    if challenge.language is None:
        challenge.language = Language(detect_language(f"{challenge.title} {challenge.description}"))
    return challenge


def index_challenges(session: Session, view: SearchView, challenges: list[Challenge]) -> None:
    """Write the challenges' documents and outbox rows, and store the vectors of every text they
    are ranked with (query and requirements), so that rankings only read."""
    sync_many(session, view.encoder, IndexName.challenges, {c.id: challenge_documents(c) for c in challenges})
    texts = [t for c in challenges for t in challenge_query_texts(c, view.options.query_fields)]
    ensure_embeddings(session, view.encoder, {sha256(t): t for t in texts}, role="query")


def check_enterprise(session: Session, enterprise_id: int) -> None:
    if session.get(Enterprise, enterprise_id) is None:
        raise InvalidInput(f"enterprise {enterprise_id} does not exist", field="enterprise_id")


def check_title_free(session: Session, enterprise_id: int, title: str, exclude_id: int | None = None) -> None:
    query = select(Challenge.id).where(Challenge.enterprise_id == enterprise_id, Challenge.title == title)
    if exclude_id is not None:
        query = query.where(Challenge.id != exclude_id)
    if session.scalar(query.limit(1)) is not None:
        raise Conflict("this enterprise already posted a challenge with this title", field="title")


def get_challenge(session: Session, challenge_id: int) -> Challenge:
    return get_or_404(session, Challenge, challenge_id, "challenge")


def list_challenges(
    session: Session,
    *,
    sector: Sector | None,
    status: ChallengeStatus | None,
    city: str | None,
    enterprise_id: int | None,
    scope: Callable[[Select], Select] = lambda query: query,
    limit: int,
    offset: int,
) -> tuple[list[Challenge], int]:
    query = select(Challenge).options(joinedload(Challenge.enterprise)).order_by(Challenge.id)
    if sector:
        query = query.where(Challenge.sector == sector)
    if status:
        query = query.where(Challenge.status == status)
    if enterprise_id:
        query = query.where(Challenge.enterprise_id == enterprise_id)
    if city:
        query = query.join(Enterprise, Challenge.enterprise_id == Enterprise.id).where(
            Enterprise.city == city
        )
    return paginate(session, scope(query), limit=limit, offset=offset)


def update_challenge(
    session: Session, view: SearchView, challenge_id: int, data: ChallengeUpdate
) -> Challenge:
    challenge = get_challenge(session, challenge_id)
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(changes, nullable=frozenset({"budget_cny", "deadline"}))
    if "title" in changes:
        check_title_free(session, challenge.enterprise_id, changes["title"], challenge_id)
    apply_changes(challenge, changes)
    if _TEXT_FIELDS & changes.keys():
        session.flush()
        index_challenges(session, view, [challenge])
    commit(session)
    return challenge


def transition_challenge(session: Session, challenge_id: int, target: ChallengeStatus) -> Challenge:
    challenge = get_challenge(session, challenge_id)
    allowed = ALLOWED_TRANSITIONS[challenge.status]
    if target not in allowed:
        options = ", ".join(sorted(s.value for s in allowed)) or "none (final state)"
        raise InvalidTransition(
            f"cannot move challenge {challenge_id} from {challenge.status.value} to "
            f"{target.value}; allowed next: {options}",
            field="status",
        )
    challenge.status = target
    commit(session)
    return challenge


def delete_challenge(session: Session, challenge_id: int) -> None:
    challenge = get_challenge(session, challenge_id)
    remove_owner_documents(session, IndexName.challenges, [challenge.id])
    session.delete(challenge)
    commit(session)


def challenges_of_caller(
    session: Session, scope: Callable[[Select], Select], *, limit: int
) -> list[Challenge]:
    """The newest challenges the caller may see (``scope``: the tenancy filter)."""
    return list(session.scalars(scope(select(Challenge).order_by(Challenge.id.desc())).limit(limit)))
