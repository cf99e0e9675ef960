"""How long the worker's consumer lets the broker hold a fetch that has nothing to return.

Faust builds its aiokafka consumer with `fetch_max_wait_ms=1500` and offers no setting for
it. A broker that answers a fetch only when the wait ends (the embedded one does) then adds
up to that much to every hop of the pipeline: articles → analysis, analyses → desk.
`STORYWATCH_FETCH_WAIT_MS` sets it; the consumer is made by Faust, and the value is put in
place before the consumer starts, which is when aiokafka hands it to its fetcher.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers import aiokafka as faust_aiokafka

_MADE_BY_FAUST = faust_aiokafka.AIOKafkaConsumerThread._create_worker_consumer


def set_fetch_wait(milliseconds: int) -> None:
    """Every worker consumer Faust makes from now on waits at most `milliseconds` per fetch."""

    def create_worker_consumer(thread: Any, transport: Any) -> Any:
        consumer = _MADE_BY_FAUST(thread, transport)
        if not hasattr(consumer, "_fetch_max_wait_ms"):
            raise RuntimeError("aiokafka changed: its consumer has no _fetch_max_wait_ms")
        consumer._fetch_max_wait_ms = milliseconds
        return consumer

    setattr(  # noqa: B010  (a method of Faust's class, replaced on purpose)
        faust_aiokafka.AIOKafkaConsumerThread, "_create_worker_consumer", create_worker_consumer
    )
