"""Agent: reports partitioned by story → story state in a table → new alerts published."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from service.alerts import alert_fields, describe_alert, encode_alert
from service.app import alerts_topic, app, by_story_topic, settings, stories_table
from service.metrics import ALERT_LATENCY, ALERTS, ARTICLES, STAGE_SECONDS, STORIES_ACTIVE
from service.schemas import Analysis
from service.stories.tracker import StoryTracker
from service.stories.tracking import TrackingRules

TRACKER = StoryTracker(
    stories_table,
    TrackingRules.from_settings(settings),
    settings.app_id,
    sweep_every=settings.expiry_sweep_every,
)
log = logging.getLogger(__name__)


@app.agent(by_story_topic)
async def track_stories(stream: Any) -> None:
    """Each article updates its story; each development not yet emitted becomes one alert.

    Alerts are sent, and their delivery awaited, before the story is stored: a crash in
    between re-sends the same ids on re-processing (consumers de-duplicate on the id), and
    never loses one.
    """
    analysis: Analysis
    async for analysis in stream:
        with STAGE_SECONDS.labels("compare").time():
            report = TRACKER.track(analysis, datetime.now(UTC))
        with STAGE_SECONDS.labels("publish").time():
            for alert in report.alerts:
                await (
                    await alerts_topic.send(
                        key=alert["subject"].encode(), value=encode_alert(alert)
                    )
                )
                ALERTS.labels(alert["type"]).inc()
                if analysis.received_at:
                    ALERT_LATENCY.observe(max(0.0, time.time() - analysis.received_at))
                log.info("alert published: %s", describe_alert(alert), extra=alert_fields(alert))
        sweep = TRACKER.store(report)
        if report.opened:
            STORIES_ACTIVE.inc()  # exact again at the next sweep
        ARTICLES.labels("duplicate" if report.copy else "processed").inc()
        if sweep is not None:
            STORIES_ACTIVE.set(sweep.active)
            if sweep.dropped:
                log.info("dropped %d idle stories; %d active", len(sweep.dropped), sweep.active)
