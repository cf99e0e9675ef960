"""Whether the broker answers: a probe every few seconds, for readiness, a metric and the log.

A broker that stops answering (stopped, overloaded, cut off) does not close the worker's
connections: Faust's consumer and producer simply wait. So the worker asks the broker for its
metadata every `interval_s`, and a probe unanswered within `timeout_s` marks the broker silent:
one warning line, `storywatch_broker_reachable` 0, and `/readyz` 503. The first answer after
that marks it back, with one line saying how long it was silent. Nothing is dropped meanwhile:
what was fetched waits, unacknowledged, and what was not is read when the broker answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from service.kafka_access import PLAINTEXT

log = logging.getLogger(__name__)


@dataclass
class BrokerState:
    """The last probe's verdict, and since when the broker has been silent."""

    reachable: bool = True
    silent_since: float | None = None

    def answered(self, now: float) -> float | None:
        """Record an answer; how long the broker had been silent, if it had."""
        silent = None if self.silent_since is None else now - self.silent_since
        self.reachable, self.silent_since = True, None
        return silent

    def failed(self, now: float) -> bool:
        """Record a probe that failed; True when this starts a silence."""
        starts = self.silent_since is None
        if starts:
            self.silent_since = now
        self.reachable = False
        return starts


#: The worker's view of its broker, read by /readyz.
BROKER = BrokerState()


async def watch_broker(
    bootstrap: str,
    interval_s: float,
    timeout_s: float,
    on_change: Callable[[bool], None],
    state: BrokerState = BROKER,
    security: Mapping[str, Any] = PLAINTEXT,
) -> None:
    """Probe the broker every `interval_s` until cancelled; `on_change(reachable)` on a change."""
    probe = MetadataProbe(bootstrap, timeout_s, security)
    try:
        while True:
            now = time.monotonic()
            failure = await probe.ask()
            if failure is not None and state.failed(now):
                log.warning(
                    "the broker at %s has not answered for %.0f s (%s); not ready until it does",
                    bootstrap,
                    timeout_s,
                    failure,
                )
                on_change(False)
            if failure is None:
                silent = state.answered(now)
                if silent is not None:
                    log.info("the broker at %s answers again after %.0f s", bootstrap, silent)
                    on_change(True)
            await asyncio.sleep(interval_s)
    finally:
        await probe.stop()


class MetadataProbe:
    """One client that asks the broker for its metadata; started again after a failed start."""

    def __init__(
        self, bootstrap: str, timeout_s: float, security: Mapping[str, Any] = PLAINTEXT
    ) -> None:
        self.bootstrap = bootstrap
        self.timeout_s = timeout_s
        self.security = security
        self._client: AIOKafkaConsumer | None = None

    async def ask(self) -> str | None:
        """None when the broker answered within the timeout, else what went wrong."""
        try:
            if self._client is None:
                self._client = AIOKafkaConsumer(
                    bootstrap_servers=self.bootstrap, enable_auto_commit=False, **self.security
                )
                try:
                    await asyncio.wait_for(self._client.start(), self.timeout_s)
                except BaseException:
                    await self.stop()
                    raise
            await asyncio.wait_for(self._client.topics(), self.timeout_s)
        except (TimeoutError, KafkaError, OSError) as exc:
            return type(exc).__name__
        return None

    async def stop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(KafkaError, OSError):
                await client.stop()
