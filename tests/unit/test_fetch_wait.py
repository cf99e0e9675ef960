"""The worker's consumer, as Faust makes it, takes its fetch wait from the settings."""

from __future__ import annotations

from service.app import app, settings


async def test_faust_worker_consumer_waits_the_configured_fetch_time() -> None:
    thread = app.consumer._thread
    consumer = thread._create_worker_consumer(app.transport)
    try:
        assert consumer._fetch_max_wait_ms == settings.fetch_wait_ms != 1500
    finally:
        await consumer.stop()
