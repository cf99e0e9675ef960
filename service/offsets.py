"""Where a consumer group stands on a topic: committed offsets against the log end."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Iterable

from aiokafka import AIOKafkaConsumer, TopicPartition

from service.metrics import set_consumer_lag

log = logging.getLogger(__name__)


class GroupProgress:
    """How far a consumer group has got, read with one consumer that never joins the group."""

    def __init__(self, bootstrap: str, group: str) -> None:
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False
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
