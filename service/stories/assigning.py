"""The assignment step: each report, in event-time order, joins a story or opens one.

One step for every runner: the story desk (`service/stories/desk.py`) gives it the
changelog-backed `story-cards` table, `storywatch backtest` a dict. Cards are decoded once
into a `StoryIndex` held in memory and kept in step with the store on every write, so a
report costs one card write, not a read of every card; after a rebalance or a restart the
index is rebuilt from the store (`reload`).

A report that joins no story (a page that is not news and like no active story) leaves no
card: it is written down in `passed_over` instead, so that its re-delivery after a crash is a
repeat and is not assigned again against stories that have grown since.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from service.schemas import Analysis, utc_iso
from service.settings import Settings
from service.stories.expiry import StreamClock
from service.stories.identity import (
    Assignment,
    IdentityRules,
    StoryCard,
    StoryIndex,
    assign,
    gone_idle,
)
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
        self,
        cards: MutableMapping[str, Any],
        passed_over: MutableMapping[str, Any],
        rules: IdentityRules,
        sweep_days: float,
    ) -> None:
        self.cards = cards
        #: Article id → [text hash, publication time] of the reports that joined no story.
        self.passed_over = passed_over
        self.rules = rules
        self.clock = StreamClock(sweep_days)
        self.index = StoryIndex()
        self._passed: dict[str, tuple[str, str]] = {}
        self.reload()
        # The word-frequency prior loads its table on first use: here, not on the first report.
        prior_documents("w:news")

    def reload(self) -> None:
        """Rebuild the in-memory index from the store (after recovery or a rebalance)."""
        self.index = StoryIndex(
            StoryCard.from_json(stored) for _, stored in self.cards.items() if stored
        )
        self._passed = {key: (sha, seen) for key, (sha, seen) in self.passed_over.items()}

    def passed_over_before(self, analysis: Analysis) -> bool:
        """Whether this article, with this text, already joined no story."""
        earlier = self._passed.get(analysis.article_id)
        return earlier is not None and earlier[0] == analysis.text_sha256

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
            passed = (analysis.text_sha256, utc_iso(analysis.published_at))
            self.passed_over[analysis.article_id] = list(passed)
            self._passed[analysis.article_id] = passed
            return joined
        self.cards[joined.card.story_id] = joined.card.to_json()
        analysis.story_key = joined.card.story_id
        return joined

    def drop_idle(self, now: datetime) -> list[str]:
        """Delete the cards idle at stream time `now` from the store and the index; their ids."""
        days = self.rules.idle_days
        idle = [
            key for key, card in self.index.cards.items() if gone_idle(card.last_seen, now, days)
        ]
        for key in idle:
            self.index.remove(key)
            del self.cards[key]
        for key in [k for k, (_, seen) in self._passed.items() if gone_idle(seen, now, days)]:
            del self._passed[key]
            self.passed_over.pop(key, None)
        return idle
