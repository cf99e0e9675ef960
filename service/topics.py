"""Kafka plumbing shared by the CLI commands: reaching the broker and creating topics."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from contextlib import suppress

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from service.kafka_access import client_options
from service.settings import Settings

#: The longest wait between two tries to reach a broker at start.
MAX_BACKOFF_S = 30.0


class BrokerUnreachable(RuntimeError):
    """No Kafka broker answered at the configured address."""


def external_topics(settings: Settings) -> list[str]:
    """The contract's topics: input, output and dead letters."""
    return [settings.articles_topic, settings.alerts_topic, settings.dlq_topic]


async def ensure_topics(settings: Settings, names: Iterable[str], timeout_s: float = 15.0) -> None:
    """Create the topics that do not exist yet, with the configured partitions and replicas."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers(),
        request_timeout_ms=int(timeout_s * 1000),
        **client_options(settings),
    )
    try:
        await asyncio.wait_for(admin.start(), timeout_s)
    except (KafkaConnectionError, TimeoutError, OSError) as exc:
        await admin.close()
        raise BrokerUnreachable(
            f"no Kafka broker answered at {settings.broker_url}; start one "
            "(`storywatch broker`) or fix STORYWATCH_BROKER_URL"
        ) from exc
    try:
        existing = set(await admin.list_topics())
        missing = [name for name in dict.fromkeys(names) if name not in existing]
        if missing:
            new_topics = [
                NewTopic(name, settings.partitions, settings.replication_factor) for name in missing
            ]
            # Another process may create one first: that is what we wanted anyway.
            with suppress(TopicAlreadyExistsError):
                await admin.create_topics(new_topics)
    except KafkaError as exc:
        raise BrokerUnreachable(f"the broker at {settings.broker_url} failed: {exc}") from exc
    finally:
        await admin.close()


async def ensure_topics_patiently(
    settings: Settings, names: Iterable[str], say: Callable[[str], None]
) -> None:
    """`ensure_topics`, tried again with back-off (1, 2, 4 ... `MAX_BACKOFF_S` seconds) while
    no broker answers, for up to `settings.broker_wait_s`; `say` is told once that it waits.
    A worker started before its broker (a container, a reboot) then starts with it."""
    names = list(names)
    deadline = time.monotonic() + settings.broker_wait_s
    delay = 1.0
    while True:
        try:
            await ensure_topics(settings, names)
            return
        except BrokerUnreachable as unreachable:
            left = deadline - time.monotonic()
            if left <= 0:
                raise
            if delay == 1.0:
                say(
                    f"{unreachable}; trying again with back-off for up to "
                    f"{settings.broker_wait_s:.0f} s (STORYWATCH_BROKER_WAIT_S)"
                )
            await asyncio.sleep(min(delay, left))
            delay = min(2 * delay, MAX_BACKOFF_S)


def internal_topics(settings: Settings) -> list[str]:
    """The topics between storywatch's own agents, in pipeline order."""
    return [settings.analyses_topic()]
