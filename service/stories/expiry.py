"""Bounded state: stories idle past `story_idle_days` of stream time are dropped.

Stream time is the latest `published_at` a worker has seen, not the wall clock, so a replay of
last month's news ages its stories exactly as the live stream did, and the same input always
yields the same stories and alert ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from service.stories.developments import TrackingRules
from service.stories.state import StoryState
from service.stories.tracking import expired


class StreamClock:
    """The latest publication time seen, and when it is time to sweep idle stories."""

    def __init__(self, sweep_every: int) -> None:
        self.sweep_every = sweep_every
        self.now: datetime | None = None
        self._since_sweep = 0

    def tick(self, published_at: datetime) -> None:
        """Advance to `published_at` if it is later, and count one article."""
        if self.now is None or published_at > self.now:
            self.now = published_at
        self._since_sweep += 1

    def due(self) -> bool:
        """True once every `sweep_every` articles: time to drop idle stories."""
        if self._since_sweep < self.sweep_every:
            return False
        self._since_sweep = 0
        return True


def idle_story_keys(
    stored: Iterable[tuple[str, dict[str, Any] | None]], now: datetime | None, rules: TrackingRules
) -> list[str]:
    """The keys of the stored stories that have gone idle by stream time `now`."""
    if now is None:
        return []
    return [
        key
        for key, value in stored
        if value is not None and expired(StoryState.from_json(value), now, rules)
    ]
