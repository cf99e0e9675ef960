"""Specification of the watch for input offsets read past and never acknowledged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from faust.types import TP

from service.ack_gaps import GapWatch

ARTICLES = TP("articles", 3)
OTHER = TP("analyses", 0)


@dataclass(frozen=True)
class Message:
    tp: TP
    offset: int


@dataclass
class Consumer:
    """The acknowledgement book of a Faust consumer, as the watch reads it."""

    _committed_offset: dict[TP, int] = field(default_factory=dict)
    _acked: dict[TP, list[int]] = field(default_factory=dict)
    _unacked_messages: set[Any] = field(default_factory=set)
    assigned: tuple[TP, ...] = (ARTICLES, OTHER)

    def assignment(self) -> set[TP]:
        return set(self.assigned)


def stuck_consumer() -> Consumer:
    """The state measured: committed 315, offsets 368 onwards acknowledged."""
    return Consumer(
        _committed_offset={ARTICLES: 315, OTHER: 10},
        _acked={ARTICLES: list(range(368, 771)), OTHER: [20, 21]},
    )


def test_a_gap_nobody_processes_is_stuck_once_it_has_stood_for_the_stuck_time() -> None:
    watch = GapWatch("articles", stuck_s=30)
    consumer = stuck_consumer()
    assert watch.stuck_gaps(consumer, now=0) == {}
    assert watch.stuck_gaps(consumer, now=29) == {}
    assert watch.stuck_gaps(consumer, now=30) == {ARTICLES: (315, 368)}  # other topics: not watched


def test_a_gap_whose_messages_are_being_processed_is_not_stuck() -> None:
    watch = GapWatch("articles", stuck_s=30)
    consumer = stuck_consumer()
    consumer._unacked_messages = {Message(ARTICLES, 320)}
    watch.stuck_gaps(consumer, now=0)
    assert watch.stuck_gaps(consumer, now=60) == {}


def test_a_commit_that_moves_starts_the_clock_again_and_no_gap_is_nothing() -> None:
    watch = GapWatch("articles", stuck_s=30)
    consumer = stuck_consumer()
    watch.stuck_gaps(consumer, now=0)
    consumer._committed_offset[ARTICLES] = 340
    assert watch.stuck_gaps(consumer, now=40) == {}
    assert watch.stuck_gaps(consumer, now=70) == {ARTICLES: (340, 368)}
    consumer._committed_offset[ARTICLES] = 368
    assert watch.stuck_gaps(consumer, now=200) == {}


def test_a_partition_taken_away_is_forgotten() -> None:
    watch = GapWatch("articles", stuck_s=30)
    consumer = stuck_consumer()
    watch.stuck_gaps(consumer, now=0)
    consumer.assigned = (OTHER,)
    assert watch.stuck_gaps(consumer, now=40) == {}
    consumer.assigned = (ARTICLES, OTHER)
    assert watch.stuck_gaps(consumer, now=50) == {}  # its clock starts again
