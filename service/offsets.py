"""Where a consumer group stands on a topic: committed offsets against the log end."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from service.kafka_access import PLAINTEXT
from service.metrics import set_consumer_lag

log = logging.getLogger(__name__)


class GroupProgress:
    """How far a consumer group has got, read with one consumer that never joins the group."""

    def __init__(self, bootstrap: str, group: str, security: Mapping[str, Any] = PLAINTEXT) -> None:
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False, **security
        )

    async def start(self) -> None:
        await self._consumer.start()

    async def stop(self) -> None:
        await self._consumer.stop()

    async def end_offsets(self, topic: str) -> dict[TopicPartition, int]:
        """Every partition of `topic` with its current end offset."""
        await self._consumer.topics()  # refreshes the cluster metadata
        numbers = self._consumer.partitions_for_topic(topic) or set()
        partitions = [TopicPartition(topic, number) for number in sorted(numbers)]
        return dict(await self._consumer.end_offsets(partitions)) if partitions else {}

    async def caught_up(self, targets: dict[TopicPartition, int]) -> bool:
        """Whether the group has committed at least `targets[tp]` on every partition named."""
        for partition, target in targets.items():
            if target == 0:
                continue  # nothing was ever written there, so nothing to commit
            committed = await self._consumer.committed(partition)
            if committed is None or committed < target:
                return False
        return True

    async def caught_up_with(self, topics: Iterable[str]) -> bool:
        """Whether the group has committed everything now on every partition of `topics`; a
        topic that does not exist yet is not caught up with."""
        for topic in topics:
            ends = await self.end_offsets(topic)
            if not ends or not await self.caught_up(ends):
                return False
        return True

    async def lag(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        """Per partition: messages after the group's committed offset (from the partition's
        first offset when the group has committed nothing there)."""
        if not partitions:
            return {}
        ends = await self._consumer.end_offsets(partitions)
        firsts = await self._consumer.beginning_offsets(partitions)
        lag = {}
        for partition in partitions:
            committed = await self._consumer.committed(partition)
            start = firsts[partition] if committed is None else committed
            lag[partition] = max(0, ends[partition] - start)
        return lag


class TopicEnds:
    """A topic's end offsets by partition, and a group's committed offsets on it, read with one
    consumer that never joins the group.

    The consumer starts on the first read; the partitions are looked up once, and again while
    the topic has none. A read that fails returns nothing (the caller falls back) and a failed
    start is tried again at most every `retry_s`.
    """

    def __init__(
        self,
        bootstrap: str,
        topic: str,
        retry_s: float = 5.0,
        security: Mapping[str, Any] = PLAINTEXT,
        group: str | None = None,
    ) -> None:
        self.topic = topic
        self.group = group
        self.bootstrap = bootstrap
        self.security = security
        self.retry_s = retry_s
        self._consumer: AIOKafkaConsumer | None = None  # made on first read: it needs the loop
        self._partitions: list[TopicPartition] = []
        self._next_start = 0.0

    async def stop(self) -> None:
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None

    async def read(self) -> dict[int, int]:
        """Partition → the offset its next message will get; empty when it cannot be read."""
        try:
            consumer, partitions = await self._partitions_read()
            if consumer is None or not partitions:
                return {}
            ends = await consumer.end_offsets(partitions)
        except Exception as exc:  # the broker may be between states: the caller falls back
            log.warning("could not read the end offsets of %s: %s", self.topic, exc)
            return {}
        return {partition.partition: offset for partition, offset in ends.items()}

    async def committed(self) -> dict[int, int] | None:
        """Partition → the group's committed offset (absent where it committed nothing); None
        when they cannot be read, or no group was given."""
        if self.group is None:
            return None
        try:
            consumer, partitions = await self._partitions_read()
            if consumer is None or not partitions:
                return None
            committed = {tp.partition: await consumer.committed(tp) for tp in partitions}
        except Exception as exc:  # the broker may be between states: the caller falls back
            log.warning("could not read the committed offsets on %s: %s", self.topic, exc)
            return None
        return {partition: offset for partition, offset in committed.items() if offset is not None}

    async def _partitions_read(self) -> tuple[AIOKafkaConsumer | None, list[TopicPartition]]:
        """The started consumer and the topic's partitions; none while it cannot start."""
        consumer = await self._started()
        if consumer is None:
            return None, []
        if not self._partitions:
            await consumer.topics()  # refreshes the cluster metadata
            numbers = sorted(consumer.partitions_for_topic(self.topic) or ())
            self._partitions = [TopicPartition(self.topic, n) for n in numbers]
        return consumer, self._partitions

    async def _started(self) -> AIOKafkaConsumer | None:
        if self._consumer is not None:
            return self._consumer
        loop = asyncio.get_running_loop()
        if loop.time() < self._next_start:
            return None
        self._next_start = loop.time() + self.retry_s
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap,
            group_id=self.group,
            enable_auto_commit=False,
            **self.security,
        )
        try:
            await consumer.start()
        except Exception as exc:
            await consumer.stop()
            log.warning("cannot read the end offsets of %s yet: %s", self.topic, exc)
            return None
        self._consumer = consumer
        return consumer


async def follow_consumer_lag(
    progress: GroupProgress,
    assigned: Callable[[], Iterable[tuple[str, int]]],
    topics: Collection[str],
    interval_s: float,
) -> None:
    """Every `interval_s`, set `storywatch_consumer_lag` for the partitions of `topics` this
    worker is assigned (so workers of one group never report the same partition), until
    cancelled. A failed round is logged and the next one tries again."""
    await progress.start()
    try:
        while True:
            try:
                mine = [TopicPartition(t, p) for t, p in assigned() if t in topics]
                lag = await progress.lag(mine)
                set_consumer_lag({(tp.topic, tp.partition): n for tp, n in lag.items()})
            except Exception as exc:  # the broker or the group may be between states
                log.warning("could not measure consumer lag: %s", exc)
            await asyncio.sleep(interval_s)
    finally:
        await progress.stop()


async def read_record(
    bootstrap: str,
    topic: str,
    partition: int,
    offset: int,
    security: Mapping[str, Any] = PLAINTEXT,
    timeout_s: float = 10.0,
) -> ConsumerRecord | None:
    """The record at `offset` of the partition, read by a consumer of its own; None when it
    cannot be read (gone, or the broker does not answer)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, **security)
    where = TopicPartition(topic, partition)
    try:
        await consumer.start()
        consumer.assign([where])
        consumer.seek(where, offset)
        record = await asyncio.wait_for(consumer.getone(where), timeout_s)
    except Exception as exc:  # the caller goes on without the record
        log.warning("could not read %s partition %d offset %d: %s", topic, partition, offset, exc)
        return None
    finally:
        await consumer.stop()
    return record if record.offset == offset else None
