"""Event-time order for story assignment: a bounded reorder window with a watermark.

Which story opens first decides every story id, so every alert id. Analyses reach the
assignment step in the order the analysis workers finish them, which differs from run to run
and between one worker and two. The window holds them and releases them in `published_at`
order (ties by article id), as stream processors do for late events:

- Each input partition of `articles` is read in order, so each one's latest event-time key
  seen (publication time, then article id: the order `storywatch replay` sends in) is a
  promise: nothing earlier is still coming from it. The watermark is the smallest of those
  over the input partitions; an analysis at or before the watermark is released. The article
  id matters: real feeds stamp many articles with the same second, and a watermark of times
  alone released one of them before another partition's same-second article with a smaller
  id, an order no other run shares.
- A partition that has sent nothing for `idle_s` seconds of wall clock is idle and does not
  hold the watermark back (otherwise a quiet partition would stop everything); when every
  partition is idle, everything held is released.
- A quiet partition is idle only if the analysing consumers have committed every message it
  holds (`set_committed`, read by the caller). One still behind is not quiet but late: its
  worker died or is slow, and what it has not yet analysed may be earlier than what the window
  holds. It holds the watermark back however long it takes, so a killed worker changes when
  alerts come out, never which ones. Committed does not mean read, either: while the caller
  still has analyses to read (`set_unread`, read after the committed offsets), a quiet
  partition's reports may be among them, and none is idle. A window told to wait for these reads
  (`wait_for_committed`) takes no quiet partition for idle before the caller's first read,
  nor after a rebalance before the next; while they cannot be read, quiet means idle.
- A partition is drained, and idle after only `drained_s`, when the window has seen the
  analysis of its last message: the end offsets of `articles` (`set_ends`, read by the
  caller) say where each partition ends. A live feed then waits `drained_s` at most, and a
  replay's tail no longer waits `idle_s`. The short wait keeps a producer that sends a burst
  one message at a time (gaps shorter than `drained_s`) from looking drained between two.
  A message that was dead-lettered never reaches the window, so a partition whose last
  message was one waits for `idle_s`, as before. When the input wakes from quiet, and at the
  first report the window receives, every partition gets `idle_s` afresh, so the first one to
  wake cannot run ahead of the rest.
- At most `capacity` analyses are held; past it the earliest is released, ordered or not.

A late analysis, one older than what was already released, is released at once. It is then
assigned by the stream's clock: it joins a story only if that story is still active, and it
never moves a status backwards (service.stories.tracking), so lateness costs at worst a
separate story, never a wrong alert id for stories already reported.
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Generic, TypeVar

Held = TypeVar("Held")
#: A watermark before any event time: nothing is due.
BEFORE_EVERYTHING = (datetime.min.replace(tzinfo=UTC), "")


@dataclass(order=True)
class _Entry(Generic[Held]):
    published_at: datetime
    article_id: str
    sequence: int
    item: Held = field(compare=False)

    @property
    def key(self) -> tuple[datetime, str]:
        return event_time_key(self.published_at, self.article_id)


def event_time_key(published_at: datetime, article_id: str) -> tuple[datetime, str]:
    """The order every runner assigns reports in: publication time, then article id."""
    return (published_at, article_id)


class ReorderWindow(Generic[Held]):
    """Holds items and releases them in event-time order behind a per-partition watermark."""

    def __init__(
        self,
        partitions: int,
        idle_s: float,
        capacity: int,
        clock: Callable[[], float] = time.monotonic,
        drained_s: float = 0.0,
        wait_for_committed: bool = False,
    ) -> None:
        self.partitions = partitions
        self.wait_for_committed = wait_for_committed
        self.idle_s = idle_s
        self.drained_s = drained_s
        self.capacity = capacity
        self.clock = clock
        self._heap: list[_Entry[Held]] = []
        self._latest: dict[int, tuple[datetime, str]] = {}
        self._heard: dict[int, float] = {}
        self._seen_offset: dict[int, int] = {}
        self._ends: dict[int, int] = {}
        self._committed: dict[int, int] | None = None
        #: The latest read of the committed offsets failed (quiet then means idle).
        self._committed_unreadable = False
        #: Analyses on the caller's input not yet read (None: not known).
        self._unread: int | None = None
        self._awake_since = clock()
        self._sequence = 0

    def __len__(self) -> int:
        return len(self._heap)

    def push(
        self,
        item: Held,
        published_at: datetime,
        article_id: str,
        partition: int,
        offset: int = -1,
    ) -> None:
        """Hold an item that came from input partition `partition` at `offset` (-1: from no
        partition, or at no known offset)."""
        self._sequence += 1
        if not self._heard or (not self._heap and self.watermark() is None):
            # The first report since the window began, or the input was quiet: every
            # partition gets `idle_s` afresh to report, or the first partition to wake would
            # run ahead of the others (a worker's window begins seconds before its first
            # report, while the workers load their models and join the group).
            self._awake_since = self.clock()
        heapq.heappush(self._heap, _Entry(published_at, article_id, self._sequence, item))
        if partition >= 0:
            key = event_time_key(published_at, article_id)
            latest = self._latest.get(partition)
            if latest is None or key > latest:
                self._latest[partition] = key
            self._heard[partition] = self.clock()
            self._seen_offset[partition] = max(offset, self._seen_offset.get(partition, -1))

    def set_ends(self, ends: dict[int, int]) -> None:
        """The input partitions' end offsets (the offset the next message will get)."""
        self._ends = dict(ends)

    def set_committed(self, committed: dict[int, int] | None) -> None:
        """The analysing group's committed offsets on the input partitions (a partition it has
        committed nothing on is absent); None when they could not be read."""
        self._committed_unreadable = committed is None
        if committed is not None:
            self._committed = dict(committed)

    def set_unread(self, unread: int | None) -> None:
        """How many analyses the caller's own input holds that it has not read yet, read after
        the committed offsets; None when that could not be read."""
        self._unread = unread

    def _behind(self, partition: int) -> bool:
        """Whether the partition holds messages the analysing group has not committed. An
        earlier read is enough: the end offsets, read after it, only grow."""
        if self._committed_unreadable or partition not in self._ends:
            return False  # not known: wall-clock quiet decides
        if self._committed is None:
            return self.wait_for_committed  # not read yet
        if self._unread:
            return True  # what it committed may be among the analyses not read yet
        return self._committed.get(partition, 0) < self._ends[partition]

    def has_quiet_partition(self) -> bool:
        """Whether a partition has been silent for `idle_s` without being drained: only then
        do the committed offsets decide anything (the caller need not read them otherwise)."""
        for partition, quiet_s in self._quiet_times():
            if quiet_s >= self.idle_s and not self._drained(partition, quiet_s):
                return True
        return False

    def _quiet_times(self) -> list[tuple[int, float]]:
        """Every partition expected, and any other one heard from (a topic with more), with
        the seconds since it last reported (or since the window woke)."""
        now = self.clock()
        return [
            (partition, now - max(self._heard.get(partition, self._awake_since), self._awake_since))
            for partition in set(range(self.partitions)) | self._heard.keys()
        ]

    def _drained(self, partition: int, quiet_s: float) -> bool:
        end = self._ends.get(partition)
        seen_all = end is not None and self._seen_offset.get(partition, -1) + 1 >= end
        return seen_all and quiet_s >= self.drained_s

    def release(self) -> list[Held]:
        """The items now due, in event-time order."""
        released: list[Held] = []
        while len(self._heap) > self.capacity:
            released.append(heapq.heappop(self._heap).item)
        watermark = self.watermark()
        while self._heap and (watermark is None or self._heap[0].key <= watermark):
            released.append(heapq.heappop(self._heap).item)
        return released

    def flush(self) -> list[Held]:
        """Every item held, in event-time order (the end of a finite input)."""
        return [heapq.heappop(self._heap).item for _ in range(len(self._heap))]

    def clear(self) -> int:
        """Drop what is held (a rebalance: the partitions' next owner reads it again)."""
        held = len(self._heap)
        self._heap.clear()
        self._latest.clear()
        self._heard.clear()
        self._seen_offset.clear()
        self._awake_since = self.clock()
        # Where the input is read from starts again: what was read of it says nothing now.
        self._committed = None
        self._unread = None
        return held

    def watermark(self) -> tuple[datetime, str] | None:
        """The event-time key up to which every busy partition has reported; None: all are
        idle or drained."""
        busy: list[tuple[datetime, str]] = []
        for partition, quiet_s in self._quiet_times():
            idle = quiet_s >= self.idle_s and not self._behind(partition)
            if not idle and not self._drained(partition, quiet_s):
                latest = self._latest.get(partition)
                # A busy partition that has sent nothing yet holds everything back.
                busy.append(latest if latest is not None else BEFORE_EVERYTHING)
        return min(busy) if busy else None


class ArrivalOrderAcks(Generic[Held]):
    """Items finish in any order; they are acknowledged in the order they arrived.

    Faust commits an offset once the messages before it are acknowledged, but its gap check
    lets one unacknowledged message through (and any before the first commit). Acknowledging
    in arrival order keeps a held message from ever being committed past: a crash reads it
    again.
    """

    def __init__(self) -> None:
        self._waiting: deque[Held] = deque()
        self._finished: set[int] = set()

    def __len__(self) -> int:
        return len(self._waiting)

    def arrived(self, item: Held) -> None:
        self._waiting.append(item)

    def clear(self) -> int:
        """Forget every item (their partitions were revoked: they are never acknowledged)."""
        waiting = len(self._waiting)
        self._waiting.clear()
        self._finished.clear()
        return waiting

    def finished(self, item: Held) -> list[Held]:
        """Mark an item done; the items now free to acknowledge, in arrival order."""
        self._finished.add(id(item))
        free: list[Held] = []
        while self._waiting and id(self._waiting[0]) in self._finished:
            first = self._waiting.popleft()
            self._finished.discard(id(first))
            free.append(first)
        return free
