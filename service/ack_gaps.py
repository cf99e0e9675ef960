"""Offsets a worker read past without acknowledging them: a commit that can never move again.

Measured with three workers killed in quick succession (bench/robustness/kill_workers.py,
October 2023 RSS, seed 3): after its third rebalance in 25 s, a worker held acknowledged
offsets 368 to 770 of an input partition, its commit stood at 315, and offsets 315 to 367 were
neither acknowledged nor in flight: Faust had let them go (messages fetched for one consumer
generation are skipped, unacknowledged, in the next) and the fetch position was past them.
Faust commits up to the first gap, so that partition's commit stood still for good, its lag
stayed at 456, and the reorder window, which reads committed offsets, would wait on it.

`stuck_gaps` finds such a partition: its commit has not moved for `stuck_s` while later
offsets are acknowledged and none of the missing ones is being processed. Reading again from
the committed offset processes the missing ones (and the acknowledged ones again, which the
desk takes for repeats): at least once, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


class AckBook(Protocol):
    """What a Faust consumer knows of its partitions' acknowledgements (private attributes of
    `faust.transport.consumer.Consumer`, pinned by pyproject's faust-streaming range)."""

    _committed_offset: Any
    _acked: Any
    _unacked_messages: Any

    def assignment(self) -> Iterable[Any]: ...


@dataclass
class GapWatch:
    """Remembers since when each partition's commit has stood at a gap."""

    topic: str
    stuck_s: float
    _since: dict[Any, tuple[int, float]] = field(default_factory=dict)

    def stuck_gaps(self, consumer: AckBook, now: float) -> dict[Any, tuple[int, int]]:
        """Partition → (committed offset, first acknowledged offset after the gap), for every
        partition of `topic` stuck at a gap for `stuck_s` seconds or more."""
        stuck = {}
        mine = [tp for tp in consumer.assignment() if tp.topic == self.topic]
        in_flight = [(m.tp, m.offset) for m in list(consumer._unacked_messages)]
        for tp in mine:
            gap = self._gap(consumer, tp, in_flight)
            if gap is None:
                self._since.pop(tp, None)
                continue
            seen = self._since.get(tp)
            if seen is None or seen[0] != gap[0]:
                self._since[tp] = (gap[0], now)
            elif now - seen[1] >= self.stuck_s:
                stuck[tp] = gap
        for tp in set(self._since) - set(mine):
            del self._since[tp]
        return stuck

    @staticmethod
    def _gap(
        consumer: AckBook, tp: Any, in_flight: list[tuple[Any, int]]
    ) -> tuple[int, int] | None:
        committed = consumer._committed_offset.get(tp)
        acked = consumer._acked.get(tp)
        if committed is None or not acked:
            return None
        first = min(acked)
        if first <= committed:
            return None
        if any(where == tp and committed <= offset < first for where, offset in in_flight):
            return None  # the missing ones are being processed
        return committed, first
