"""Agent: analyses, in arrival order → the story each joins → by-story topic, keyed by story."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from service.app import analyses_topic, app, by_story_topic, settings, story_cards_table
from service.metrics import STAGE_SECONDS
from service.schemas import Analysis
from service.stories.expiry import StreamClock, idle_cards
from service.stories.identity import StoryCard, assign


@app.agent(analyses_topic)
async def assign_stories(stream: Any) -> None:
    """Each report joins the most similar active story or opens one; idle cards are dropped."""
    clock = StreamClock(sweep_every=settings.expiry_sweep_every)
    analysis: Analysis
    async for analysis in stream:
        with STAGE_SECONDS.labels("assign").time():
            clock.tick(analysis.published_at)
            cards = [StoryCard.from_json(stored) for _, stored in story_cards_table.items()]
            if clock.due():
                cards = drop_idle_cards(cards, clock.now)
            joined = assign(
                cards, analysis, settings.story_similarity, settings.story_idle_days, clock.now
            )
            story_cards_table[joined.card.story_id] = joined.card.to_json()
            analysis.story_key = joined.card.story_id
        await (await by_story_topic.send(key=analysis.story_key, value=analysis))


def drop_idle_cards(cards: list[StoryCard], now: datetime | None) -> list[StoryCard]:
    """Delete the idle cards from the table; the active ones."""
    idle = idle_cards(cards, now, settings.story_idle_days)
    for card in idle:
        del story_cards_table[card.story_id]
    return [card for card in cards if card not in idle]
