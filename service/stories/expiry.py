"""Bounded state: stories idle past `story_idle_days` of stream time are dropped.

Stream time is the latest `published_at` a worker has seen, not the wall clock, so a replay of
last month's news ages its stories exactly as the live stream did, and the same input always
yields the same stories and alert ids.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class StreamClock:
    """The latest publication time seen, and when it is time to sweep idle stories.

    Sweeps fall on fixed periods of stream time (`sweep_days` from the epoch): the first
    report in a new period asks for one, as of the period's start. So a desk restarted
    mid-stream, whose clock starts again, drops exactly the stories an uninterrupted one
    dropped: none went idle between the period's start and the restart that was not already
    idle at the start of the period it sweeps for.
    """

    def __init__(self, sweep_days: float) -> None:
        self.period = timedelta(days=sweep_days)
        self.now: datetime | None = None
        self._swept: datetime | None = None

    def tick(self, published_at: datetime) -> None:
        """Advance to `published_at` if it is later."""
        if self.now is None or published_at > self.now:
            self.now = published_at

    def due(self) -> datetime | None:
        """The time to sweep idle stories as of, once per period of stream time; else None."""
        if self.now is None:
            return None
        start = EPOCH + (self.now - EPOCH) // self.period * self.period
        if self._swept is not None and start <= self._swept:
            return None
        self._swept = start
        return start
