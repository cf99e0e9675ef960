"""Task: probe the broker every few seconds → readiness, storywatch_broker_reachable, the log."""

from __future__ import annotations

from service.app import app, settings
from service.broker_watch import watch_broker
from service.kafka_access import client_options
from service.metrics import BROKER_REACHABLE


@app.task
async def watch_the_broker() -> None:
    """Whether the broker answers, as long as the worker runs."""
    await watch_broker(
        settings.bootstrap_servers(),
        settings.broker_probe_interval_s,
        settings.broker_probe_timeout_s,
        lambda reachable: BROKER_REACHABLE.set(1 if reachable else 0),
        security=client_options(settings),
    )
