"""Following the ``index_ops`` outbox: which ops are new, and how far the watermark may move.

Op ids come from one sequence shared by every index, and a transaction that rolls back leaves
its ids unused: a missing id is either an op still being committed or a gap forever. Every op id
at or below ``watermark`` has been applied; ids above it that were applied are remembered in
``seen``. The watermark moves over contiguous applied ids, and over a missing id only once it has
been missing for ``grace`` seconds (then it belongs to a rolled-back transaction).

The watermark logic (``fresh``, ``advance``, ``reset``) is pure: it takes the ops and the time as
arguments. ``pending`` is the one call that reads SQL, through the store.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from index import store
from models import IndexName

__all__ = ["GAP_GRACE_SECONDS", "Apply", "Op", "OutboxFollower"]

GAP_GRACE_SECONDS = 30.0  # an op id skipped this long belongs to a rolled-back transaction
Op = tuple[int, IndexName, int]  # (op id, index name, document id)
Apply = Callable[[Session, set[int], int], None]  # (session, document ids, their last op id)


@dataclass
class OutboxFollower:
    """The watermark of one index over the shared outbox."""

    grace: float = GAP_GRACE_SECONDS
    watermark: int = 0  # every op id <= watermark has been applied

    def __post_init__(self) -> None:
        self.seen: set[int] = set()  # applied op ids above the watermark
        self.gap_since: dict[int, float] = {}  # missing op id -> when it was first missed

    def reset(self, watermark: int) -> None:
        """Start over at ``watermark`` (a snapshot's, or SQL's head after a rebuild)."""
        self.watermark, self.seen, self.gap_since = watermark, set(), {}

    def pending(self, session: Session, limit: int) -> tuple[list[Op], bool]:
        """The new ops among the next ``limit`` above the watermark, and whether more may follow."""
        ops = store.ops_after(session, self.watermark, limit)
        fresh = self.fresh(ops)
        return fresh, len(ops) == limit and bool(fresh)  # not fresh: waiting on a gap

    def replay(
        self,
        session_factory: Callable[[], Session],
        name: IndexName,
        apply: Apply,
        *,
        batch: int,
        after_batch: Callable[[], None] | None = None,
    ) -> int:
        """Apply every new op of ``name``, a batch per transaction (``apply`` gets the documents
        to bring in line with SQL); ``after_batch`` runs once the watermark moved. Returns how
        many ops of ``name`` were applied."""
        applied, more = 0, True
        while more:
            with session_factory() as session:
                # op ids are shared by every index: read the other index's ops too, so that
                # they count as seen and are not mistaken for gaps (rolled-back ids)
                fresh, more = self.pending(session, batch)
                mine = [(op_id, doc_id) for op_id, op_name, doc_id in fresh if op_name == name]
                if mine:
                    apply(session, {doc_id for _, doc_id in mine}, max(op_id for op_id, _ in mine))
                    session.commit()
            self.advance([op_id for op_id, _, _ in fresh])
            applied += len(mine)
            if fresh and after_batch is not None:
                after_batch()
        return applied

    def fresh(self, ops: Iterable[Op]) -> list[Op]:
        """The ops not applied yet (all are above the watermark)."""
        return [op for op in ops if op[0] > self.watermark and op[0] not in self.seen]

    def advance(self, op_ids: Iterable[int], now: float | None = None) -> None:
        """Record ``op_ids`` as applied; move the watermark over contiguous applied ids and over
        gaps older than the grace period (``now``: ``time.monotonic()`` by default)."""
        self.seen.update(op_ids)
        now = time.monotonic() if now is None else now
        while self.seen:
            nxt = self.watermark + 1
            if nxt in self.seen:
                self.seen.discard(nxt)
                self.gap_since.pop(nxt, None)
                self.watermark = nxt
            elif now - self.gap_since.setdefault(nxt, now) > self.grace:
                del self.gap_since[nxt]
                self.watermark = nxt
            else:
                break
