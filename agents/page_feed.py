"""Task: the alerts topic → the live page's feed (read by every worker, no consumer group)."""

from __future__ import annotations

from service.alert_reader import AlertReader
from service.app import app, live_feed, settings
from service.kafka_access import client_options
from service.web.live import follow_alerts


@app.task
async def feed_the_page() -> None:
    """Keep the page's alerts and stories current until the worker stops."""
    await follow_alerts(
        lambda: AlertReader(
            settings.bootstrap_servers(), settings.alerts_topic, client_options(settings)
        ),
        live_feed,
        settings.page_backlog,
    )
