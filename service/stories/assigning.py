"""The assignment step: each report, in event-time order, joins a story or opens one.

One step for every runner: the story desk (`service/stories/desk.py`) gives it the
changelog-backed `story-cards` table, `storywatch backtest` a dict. Cards are decoded once
into a `StoryIndex` held in memory and kept in step with the store on every write, so a
report costs one card write, not a read of every card; after a rebalance or a restart the
index is rebuilt from the store (`reload`).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from service.schemas import Analysis
from service.settings import Settings
from service.stories.expiry import StreamClock
from service.stories.identity import Assignment, IdentityRules, StoryCard, StoryIndex, assign
from service.stories.identity import gone_idle as card_gone_idle
from service.stories.term_prior import prior_documents


def identity_rules(settings: Settings) -> IdentityRules:
    """The identity thresholds the settings give."""
    return IdentityRules(
        similarity=settings.story_similarity,
        half_life_days=settings.story_half_life_days,
        idle_days=settings.story_idle_days,
        name_weight=settings.story_name_weight,
    )


class StoryAssigner:
    """Assigns reports to stories; `cards` is the store of story cards as JSON by story id."""

    def __init__(
        self, cards: MutableMapping[str, Any], rules: IdentityRules, sweep_days: float
    ) -> None:
        self.cards = cards
        self.rules = rules
        self.clock = StreamClock(sweep_days)
        self.index = StoryIndex()
        self.reload()
        # The word-frequency prior loads its table on first use: here, not on the first report.
        prior_documents("w:news")

    def reload(self) -> None:
        """Rebuild the in-memory index from the store (after recovery or a rebalance)."""
        self.index = StoryIndex(
            StoryCard.from_json(stored) for _, stored in self.cards.items() if stored
        )

    def assign(self, analysis: Analysis) -> Assignment:
        """The story the report joins, stored; `analysis.story_key` is set to it ("" if none).

        Idle cards are dropped first, once per `sweep_days` of stream time (the latest
        publication time seen), as of the period's start: the same ones every runner drops.
        """
        self.clock.tick(analysis.published_at)
        sweep_at = self.clock.due()
        if sweep_at is not None:
            self.drop_idle(sweep_at)
        joined = assign(self.index, analysis, self.rules, self.clock.now)
        if joined.card is None:
            analysis.story_key = ""
            return joined
        self.cards[joined.card.story_id] = joined.card.to_json()
        analysis.story_key = joined.card.story_id
        return joined

    def drop_idle(self, now: datetime) -> list[str]:
        """Delete the cards idle at stream time `now` from the store and the index; their ids."""
        idle = [
            key
            for key, card in self.index.cards.items()
            if card_gone_idle(card.last_seen, now, self.rules.idle_days)
        ]
        for key in idle:
            self.index.remove(key)
            del self.cards[key]
        return idle
