"""Agent: analyses (partitioned by story) → story state in a table → new alerts published."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service.alerts import encode_alert, unsent_alerts
from service.app import alerts_topic, analyses_topic, app, settings, stories_table
from service.metrics import ALERTS, ARTICLES, STAGE_SECONDS
from service.schemas import Analysis
from service.stories.tracking import StoryState, track


@app.agent(analyses_topic)
async def track_stories(stream: Any) -> None:
    """Each article updates its story; each development not yet emitted becomes one alert."""
    analysis: Analysis
    async for analysis in stream:
        with STAGE_SECONDS.labels("compare").time():
            stored = stories_table.get(analysis.story_id)
            tracked = track(StoryState.from_json(stored) if stored else None, analysis)
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
        stories_table[analysis.story_id] = tracked.state.to_json()
        ARTICLES.labels("duplicate" if tracked.repeat else "processed").inc()
