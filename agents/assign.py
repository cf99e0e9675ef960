"""Agent: analyses → event-time order → the story each joins → by-story topic, keyed by story.

Analyses are held in a reorder window (service.stories.reorder) and assigned in
`published_at` order, so one worker and two give the same stories and alert ids. A held
analysis is not acknowledged until it, and everything that arrived before it, is assigned
and sent on: a crash loses nothing, the analysis is read again. A timer releases what the
window holds once the input goes quiet.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from faust.streams import _current_event

from service.app import analyses_topic, app, by_story_topic, settings, story_cards_table
from service.metrics import STAGE_SECONDS
from service.stories.assigning import StoryAssigner, identity_rules
from service.stories.reorder import ArrivalOrderAcks, ReorderWindow

ASSIGNER = StoryAssigner(
    story_cards_table, identity_rules(settings), sweep_every=settings.expiry_sweep_every
)
WINDOW: ReorderWindow[Any] = ReorderWindow(
    settings.partitions, settings.reorder_idle_s, settings.reorder_capacity
)
#: What has arrived, acknowledged in arrival order however it is released.
ACKS: ArrivalOrderAcks[Any] = ArrivalOrderAcks()
#: The agent and the timer take turns: assignment is one ordered step.
DESK = asyncio.Lock()
#: The agent's stream, which acknowledges what it read.
READING: list[Any] = []


@app.agent(analyses_topic)
async def assign_stories(stream: Any) -> None:
    """Each report joins the most similar active story or opens one, in event-time order."""
    reading = stream.noack()
    READING[:] = [reading]
    async for event in reading.events():
        analysis = event.value
        async with DESK:
            ACKS.arrived(event)
            WINDOW.push(
                event, analysis.published_at, analysis.article_id, analysis.source_partition
            )
            await assign_released(reading, WINDOW.release())


@app.timer(interval=max(0.1, min(1.0, settings.reorder_idle_s / 4)))
async def release_quiet_reports() -> None:
    """Assign what the window holds once its input partitions have gone quiet."""
    if not len(WINDOW) or not READING:
        return
    async with DESK:
        await assign_released(READING[0], WINDOW.release())


@story_cards_table.on_recover
async def reload_story_cards() -> None:
    """After a rebalance or restart, the in-memory index is rebuilt from the recovered table."""
    ASSIGNER.reload()


async def assign_released(reading: Any, released: list[Any]) -> None:
    """Assign each released analysis, send it on keyed by story, then acknowledge it."""
    for event in released:
        # Table writes go to the changelog partition of the event being processed; a
        # released event is processed here, even when a timer released it.
        token = _current_event.set(weakref.ref(event))
        try:
            with STAGE_SECONDS.labels("assign").time():
                joined = ASSIGNER.assign(event.value)
            await (await by_story_topic.send(key=joined.card.story_id, value=event.value))
        finally:
            _current_event.reset(token)
        for done in ACKS.finished(event):
            await reading.ack(done)
