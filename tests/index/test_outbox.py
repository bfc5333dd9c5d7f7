"""The outbox follower's watermark and gap logic, alone (no SQL, an explicit clock)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.outbox import OutboxFollower
from models import IndexName

P, C = IndexName.postdocs, IndexName.challenges


def test_the_watermark_moves_over_contiguous_applied_ids() -> None:
    follower = OutboxFollower(grace=30.0)
    follower.advance([1, 2, 3], now=0.0)
    assert follower.watermark == 3 and follower.seen == set()


def test_a_gap_holds_the_watermark_until_the_grace_has_passed() -> None:
    follower = OutboxFollower(grace=30.0)
    follower.advance([1, 2, 4, 5], now=100.0)
    assert follower.watermark == 2  # 3 may still commit
    assert follower.seen == {4, 5}
    follower.advance([], now=130.0)  # exactly the grace: still waiting
    assert follower.watermark == 2
    follower.advance([], now=130.5)
    assert follower.watermark == 5 and follower.seen == set() and follower.gap_since == {}


def test_a_late_commit_fills_the_gap_before_the_grace() -> None:
    follower = OutboxFollower(grace=30.0)
    follower.advance([1, 3], now=0.0)
    assert follower.watermark == 1
    follower.advance([2], now=5.0)
    assert follower.watermark == 3 and follower.gap_since == {}


def test_the_grace_counts_from_when_the_gap_was_first_seen() -> None:
    follower = OutboxFollower(grace=10.0)
    follower.advance([2], now=0.0)
    follower.advance([], now=8.0)
    follower.advance([3], now=9.0)
    assert follower.watermark == 0
    follower.advance([], now=10.5)
    assert follower.watermark == 3


def test_no_gap_is_skipped_without_a_later_applied_id() -> None:
    """A missing id at the head is not a gap yet: nothing after it has committed."""
    follower = OutboxFollower(grace=0.0)
    follower.advance([1], now=0.0)
    follower.advance([], now=1000.0)
    assert follower.watermark == 1


def test_fresh_drops_applied_ids_and_ids_at_or_below_the_watermark() -> None:
    follower = OutboxFollower(grace=30.0)
    follower.advance([1, 2, 4], now=0.0)
    ops = [(2, P, 10), (3, C, 11), (4, P, 12), (5, P, 13)]
    assert follower.fresh(ops) == [(3, C, 11), (5, P, 13)]


def test_reset_forgets_every_seen_id_and_gap() -> None:
    follower = OutboxFollower(grace=30.0)
    follower.advance([1, 3], now=0.0)
    follower.reset(7)
    assert (follower.watermark, follower.seen, follower.gap_since) == (7, set(), {})


@given(st.permutations(list(range(1, 30))), st.integers(1, 29))
def test_any_arrival_order_ends_at_the_head(order: list[int], split: int) -> None:
    """Ids applied in any order, in two batches: the watermark is the longest applied prefix."""
    follower = OutboxFollower(grace=30.0)
    follower.advance(order[:split], now=0.0)
    applied = set(order[:split])
    prefix = next(i for i in range(1, 31) if i not in applied) - 1
    assert follower.watermark == prefix
    follower.advance(order[split:], now=1.0)
    assert follower.watermark == 29 and follower.seen == set()
