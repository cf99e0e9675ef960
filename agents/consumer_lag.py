"""Task: this worker's assigned input partitions → storywatch_consumer_lag, every few seconds."""

from __future__ import annotations

from service.app import app, settings
from service.kafka_access import client_options
from service.offsets import GroupProgress, follow_consumer_lag


@app.task
async def measure_consumer_lag() -> None:
    """Lag of the group on the topics the agents read, as long as the worker runs."""
    await follow_consumer_lag(
        GroupProgress(settings.bootstrap_servers(), settings.app_id, client_options(settings)),
        lambda: ((tp.topic, tp.partition) for tp in app.consumer.assignment()),
        {settings.articles_topic, settings.analyses_topic()},
        settings.lag_interval_s,
    )
