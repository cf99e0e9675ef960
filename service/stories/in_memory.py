"""Story tracking without Kafka: the assignment and tracking agents' steps over dicts.

For benchmarks and tests that need many articles tracked in order quickly; the worker itself
always runs the agents (`agents/track.py`), which call the same `track` and `unsent_alerts`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service.alerts import unsent_alerts
from service.schemas import Analysis
from service.stories.expiry import StreamClock, idle_cards, idle_story_keys
from service.stories.identity import StoryCard, assign
from service.stories.state import StoryState
from service.stories.tracking import TrackingRules, track


class InMemoryTracker:
    """Tracks analyses in arrival order; `stories` holds the JSON the table would hold."""

    def __init__(self, rules: TrackingRules, app_id: str = "storywatch", sweep_every: int = 100):
        self.rules = rules
        self.app_id = app_id
        self.stories: dict[str, dict[str, Any]] = {}
        self.cards: dict[str, StoryCard] = {}
        self.clock = StreamClock(sweep_every)

    def feed(self, analysis: Analysis) -> list[dict[str, Any]]:
        """The alerts this article raises; its story is stored, idle stories dropped."""
        self.clock.tick(analysis.published_at)
        joined = assign(
            self.cards.values(),
            analysis,
            self.rules.story_similarity,
            self.rules.idle_days,
            self.clock.now,
        )
        self.cards[joined.card.story_id] = joined.card
        analysis.story_key = joined.card.story_id
        stored = self.stories.get(analysis.story_key)
        tracked = track(StoryState.from_json(stored) if stored else None, analysis, self.rules)
        alerts = unsent_alerts(tracked.state, tracked.developments, self.app_id, datetime.now(UTC))
        self.stories[analysis.story_key] = tracked.state.to_json()
        if self.clock.due():
            for key in idle_story_keys(self.stories.items(), self.clock.now, self.rules):
                del self.stories[key]
            for card in idle_cards(self.cards.values(), self.clock.now, self.rules.idle_days):
                del self.cards[card.story_id]
        return alerts
