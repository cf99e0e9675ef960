"""Agent: reports partitioned by story → story state in a table → new alerts published."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from service.alerts import alert_fields, describe_alert, encode_alert, unsent_alerts
from service.app import alerts_topic, app, by_story_topic, settings, stories_table
from service.metrics import ALERT_LATENCY, ALERTS, ARTICLES, STAGE_SECONDS, STORIES_ACTIVE
from service.schemas import Analysis
from service.stories.expiry import StreamClock, idle_story_keys
from service.stories.state import StoryState
from service.stories.tracking import TrackingRules, track

RULES = TrackingRules.from_settings(settings)
log = logging.getLogger(__name__)


@app.agent(by_story_topic)
async def track_stories(stream: Any) -> None:
    """Each article updates its story; each development not yet emitted becomes one alert.

    Alerts are sent, and their delivery awaited, before the story is stored: a crash in
    between re-sends the same ids on re-processing (consumers de-duplicate on the id), and
    never loses one.
    """
    clock = StreamClock(sweep_every=settings.expiry_sweep_every)
    analysis: Analysis
    async for analysis in stream:
        with STAGE_SECONDS.labels("compare").time():
            stored = stories_table.get(analysis.story_key)
            tracked = track(StoryState.from_json(stored) if stored else None, analysis, RULES)
            alerts = unsent_alerts(
                tracked.state, tracked.developments, settings.app_id, datetime.now(UTC)
            )
        with STAGE_SECONDS.labels("publish").time():
            for alert in alerts:
                await (
                    await alerts_topic.send(
                        key=alert["subject"].encode(), value=encode_alert(alert)
                    )
                )
                ALERTS.labels(alert["type"]).inc()
                if analysis.received_at:
                    ALERT_LATENCY.observe(max(0.0, time.time() - analysis.received_at))
                log.info("alert published: %s", describe_alert(alert), extra=alert_fields(alert))
        stories_table[analysis.story_key] = tracked.state.to_json()
        if stored is None:
            STORIES_ACTIVE.inc()  # exact again at the next sweep
        ARTICLES.labels("duplicate" if tracked.copy else "processed").inc()
        clock.tick(analysis.published_at)
        if clock.due():
            drop_idle_stories(clock.now)


def drop_idle_stories(now: datetime | None) -> None:
    """Delete the stories this worker holds that have gone idle; count the rest."""
    stored = list(stories_table.items())
    idle = idle_story_keys(stored, now, RULES)
    for key in idle:
        del stories_table[key]
    STORIES_ACTIVE.set(len(stored) - len(idle))
    if idle:
        log.info("dropped %d idle stories; %d active", len(idle), len(stored) - len(idle))
