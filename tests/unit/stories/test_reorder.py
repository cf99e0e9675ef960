"""Specification of the reorder window: reports leave in publication order behind a watermark
over the input partitions; quiet partitions and a full window never stall it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.stories.reorder import ArrivalOrderAcks, ReorderWindow

START = datetime(2025, 7, 1, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def window(partitions: int = 2, idle_s: float = 5.0, capacity: int = 100) -> tuple:
    clock = Clock()
    return ReorderWindow[str](partitions, idle_s, capacity, clock), clock


def test_nothing_leaves_until_every_busy_partition_has_reported() -> None:
    held, _ = window()
    held.push("b", at(2), "b", partition=0)
    assert held.release() == []
    held.push("a", at(1), "a", partition=1)
    assert held.release() == ["a"]


def test_reports_leave_in_publication_order_across_partitions() -> None:
    held, _ = window()
    released: list[str] = []
    arrivals = [("c", 3, 0), ("e", 5, 0), ("a", 1, 1), ("b", 2, 1), ("d", 4, 1), ("f", 6, 1)]
    for name, minute, partition in arrivals:
        held.push(name, at(minute), name, partition)
        released += held.release()
    released += held.flush()
    assert released == ["a", "b", "c", "d", "e", "f"]


def test_a_quiet_partition_stops_holding_the_watermark_back() -> None:
    held, clock = window(idle_s=5.0)
    held.push("a", at(1), "a", partition=0)
    held.push("b", at(2), "b", partition=0)
    assert held.release() == []
    clock.now = 6.0
    held.push("c", at(3), "c", partition=0)
    assert held.release() == ["a", "b", "c"]


def test_when_every_partition_is_quiet_everything_leaves() -> None:
    held, clock = window(idle_s=5.0)
    held.push("b", at(2), "b", partition=0)
    held.push("a", at(1), "a", partition=1)
    held.push("z", at(9), "z", partition=1)
    clock.now = 10.0
    assert held.release() == ["a", "b", "z"]


def test_ties_in_time_leave_by_article_id() -> None:
    held, _ = window(partitions=1)
    held.push("y", at(1), "y", partition=0)
    held.push("x", at(1), "x", partition=0)
    assert held.release() == ["x", "y"]


def test_a_full_window_releases_its_earliest() -> None:
    held, _ = window(capacity=2)
    for name, minute in (("c", 3), ("a", 1), ("b", 2)):
        held.push(name, at(minute), name, partition=0)
    assert held.release() == ["a"]
    assert len(held) == 2


def test_zero_idle_time_assigns_in_arrival_order() -> None:
    held, _ = window(idle_s=0.0)
    held.push("b", at(2), "b", partition=0)
    assert held.release() == ["b"]
    held.push("a", at(1), "a", partition=1)
    assert held.release() == ["a"]


def test_a_late_report_leaves_at_once() -> None:
    held, _ = window(partitions=1)
    held.push("b", at(2), "b", partition=0)
    assert held.release() == ["b"]
    held.push("a", at(1), "a", partition=0)
    assert held.release() == ["a"]


def test_clear_drops_what_is_held() -> None:
    held, _ = window()
    held.push("a", at(1), "a", partition=0)
    assert held.clear() == 1
    assert held.flush() == []


def test_after_a_quiet_spell_every_partition_gets_the_idle_time_again() -> None:
    held, clock = window(idle_s=5.0)
    clock.now = 100.0
    held.push("b", at(2), "b", partition=0)
    assert held.release() == []
    clock.now = 102.0
    held.push("a", at(1), "a", partition=1)
    assert held.release() == ["a"]
    clock.now = 108.0
    assert held.release() == ["b"]


def test_the_idle_time_counts_from_the_first_report_not_from_the_windows_creation() -> None:
    # A worker starts its window seconds before the first analysis arrives (model load, group
    # join); the other partitions' workers may be slower still. Measured from creation, they
    # would look idle a moment after the first report and be overtaken.
    held, clock = window(idle_s=5.0)
    clock.now = 4.5
    held.push("b", at(2), "b", partition=0)
    clock.now = 5.5
    assert held.release() == []
    held.push("a", at(1), "a", partition=1)
    assert held.release() == ["a"]
    clock.now = 10.5
    assert held.release() == ["b"]


def test_acknowledgements_follow_arrival_whatever_the_release_order() -> None:
    acks = ArrivalOrderAcks[str]()
    for name in ("a", "b", "c"):
        acks.arrived(name)
    assert acks.finished("b") == []
    assert acks.finished("c") == []
    assert acks.finished("a") == ["a", "b", "c"]
    assert len(acks) == 0


def test_a_drained_partition_holds_nothing_back() -> None:
    held, _ = window()
    held.set_ends({0: 3, 1: 5})
    held.push("b", at(2), "b", partition=0, offset=1)
    assert held.release() == []  # partition 0 has one more message to come, 1 has five
    held.push("c", at(3), "c", partition=0, offset=2)
    assert held.release() == []  # partition 0 is drained; partition 1 still has messages
    held.set_ends({0: 3, 1: 0})
    assert held.release() == ["b", "c"]  # partition 1 never had a message: it is drained


def test_a_partition_with_messages_after_the_last_seen_is_not_drained() -> None:
    held, _ = window()
    held.set_ends({0: 1, 1: 4})
    held.push("b", at(2), "b", partition=0, offset=0)
    held.push("a", at(1), "a", partition=1, offset=1)
    assert held.release() == ["a"]  # offsets 2 and 3 of partition 1 may be earlier than "b"
    held.push("c", at(3), "c", partition=1, offset=3)
    assert held.release() == ["b", "c"]  # partition 1 is drained


def test_a_drained_partition_holds_back_until_it_has_been_quiet_for_the_drained_time() -> None:
    clock = Clock()
    held = ReorderWindow[str](2, 5.0, 100, clock, drained_s=0.3)
    held.set_ends({0: 1, 1: 1})
    held.push("a", at(1), "a", partition=0, offset=0)
    held.push("b", at(2), "b", partition=1, offset=0)
    assert held.release() == ["a"]  # partition 1 has reported later than "a"
    clock.now = 0.2
    assert held.release() == []  # partition 0 may still be mid-burst
    clock.now = 0.3
    assert held.release() == ["b"]


def test_without_known_ends_the_idle_time_decides() -> None:
    held, clock = window()
    held.push("a", at(1), "a", partition=0, offset=0)
    assert held.release() == []
    held.set_ends({})  # the read failed: nothing counts as drained
    clock.now = 6.0
    assert held.release() == ["a"]


def test_a_quiet_partition_with_uncommitted_messages_holds_the_watermark_back() -> None:
    """Its worker died: what it has not analysed yet may be earlier than what is held."""
    held, clock = window(idle_s=5.0)
    held.set_ends({0: 4, 1: 2})
    held.set_committed({0: 1, 1: 2})
    held.push("b", at(2), "b", partition=1, offset=1)
    clock.now = 60.0
    assert held.release() == []  # partition 0 has three messages nobody has analysed yet
    held.set_committed({0: 2, 1: 2})
    assert held.release() == []
    held.push("a", at(1), "a", partition=0, offset=1)  # the survivor reads it again
    held.set_committed({0: 4, 1: 2})
    assert held.release() == ["a"]  # "b" waits: partition 0 is not yet quiet
    clock.now = 66.0
    assert held.release() == ["b"]  # quiet, every message committed: idle


def test_a_window_that_waits_for_committed_offsets_idles_no_partition_before_reading_them() -> None:
    """A report arriving the moment a dead worker's partition turns quiet must not release what
    that partition has not analysed yet: the committed offsets are read first."""
    held = ReorderWindow[str](2, 5.0, 100, (clock := Clock()), wait_for_committed=True)
    held.set_ends({0: 4, 1: 9})
    held.push("a", at(1), "a", partition=0, offset=0)
    clock.now = 6.0
    held.push("c", at(3), "c", partition=1, offset=5)
    assert held.release() == ["a"]  # partition 0 is quiet, but nobody has read how far it got
    held.set_committed({0: 1, 1: 5})
    assert held.release() == []  # three of its messages are not analysed yet
    held.set_committed({0: 4, 1: 5})
    assert held.release() == ["c"]


def test_no_quiet_partition_is_idle_while_analyses_are_still_to_be_read() -> None:
    """Every article of partition 0 is analysed and committed, but the reader is behind on its
    own input: the analyses of partition 0 may be among what it has not read yet."""
    held = ReorderWindow[str](2, 5.0, 100, (clock := Clock()), wait_for_committed=True)
    held.set_ends({0: 4, 1: 9})
    held.push("a", at(1), "a", partition=0, offset=0)
    clock.now = 6.0
    held.push("c", at(3), "c", partition=1, offset=5)
    held.set_committed({0: 4, 1: 5})
    held.set_unread(120)
    assert held.release() == ["a"]
    held.set_unread(0)
    assert held.release() == ["c"]
    held.clear()  # a rebalance: reading starts again, and so must what it knows
    held.push("d", at(4), "d", partition=1, offset=6)
    clock.now = 12.0
    assert held.release() == []


def test_a_partition_the_group_never_committed_on_is_behind_by_all_it_holds() -> None:
    held, clock = window(idle_s=5.0)
    held.set_ends({0: 1, 1: 3})
    held.set_committed({0: 1})
    held.push("a", at(1), "a", partition=0, offset=0)
    clock.now = 10.0
    assert held.release() == []  # partition 1 has sent nothing, and holds three messages
    held.set_committed({0: 1, 1: 3})
    assert held.release() == ["a"]


def test_without_committed_offsets_a_quiet_partition_is_idle() -> None:
    held, clock = window(idle_s=5.0)
    held.set_ends({0: 4, 1: 2})
    held.set_committed(None)  # the read failed
    held.push("b", at(2), "b", partition=1, offset=0)
    clock.now = 6.0
    assert held.release() == ["b"]


def test_a_quiet_partition_is_told_only_once_silent_for_the_idle_time_and_not_drained() -> None:
    held, clock = window(idle_s=5.0)
    held.set_ends({0: 1, 1: 3})
    held.push("a", at(1), "a", partition=0, offset=0)
    held.push("b", at(2), "b", partition=1, offset=0)
    clock.now = 4.0
    assert not held.has_quiet_partition()
    clock.now = 5.0
    assert held.has_quiet_partition()  # partition 1 has two more messages to come
    held.set_ends({0: 1, 1: 1})
    assert not held.has_quiet_partition()  # both drained


def test_articles_of_the_same_second_leave_in_article_id_order_across_partitions() -> None:
    """Feeds stamp many articles with one second; the watermark holds their ids too."""
    held, _ = window()
    held.push("b", at(1), "b", partition=0)
    held.push("c", at(1), "c", partition=1)
    assert held.release() == ["b"]  # partition 1 sends in id order: nothing before "c" comes
    held.push("d", at(1), "d", partition=0)
    assert held.release() == ["c"]
