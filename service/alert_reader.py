"""Reading the alerts topic as a subscriber would: every partition, no consumer group."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from service.alert_binding import read_alert
from service.kafka_access import PLAINTEXT

log = logging.getLogger(__name__)


class AlertReader:
    """Reads the alerts topic without a consumer group: every partition, from a fixed start."""

    def __init__(self, bootstrap: str, topic: str, security: Mapping[str, Any] = PLAINTEXT) -> None:
        self.topic = topic
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, enable_auto_commit=False, **security
        )

    async def start(self, from_beginning: bool, last: int | None = None) -> None:
        """Start at each partition's beginning, or its end; with `last`, that many records
        before the end (or the beginning, if the partition holds fewer)."""
        await self._consumer.start()
        partitions = await self._partitions()
        self._consumer.assign(partitions)
        if last is not None:
            firsts = await self._consumer.beginning_offsets(partitions)
            ends = await self._consumer.end_offsets(partitions)
            for partition in partitions:
                self._consumer.seek(partition, max(firsts[partition], ends[partition] - last))
        elif from_beginning:
            await self._consumer.seek_to_beginning(*partitions)
        else:
            await self._consumer.seek_to_end(*partitions)

    async def _partitions(self) -> list[TopicPartition]:
        await self._consumer.topics()  # refreshes the cluster metadata
        numbers = self._consumer.partitions_for_topic(self.topic) or {0}
        return [TopicPartition(self.topic, number) for number in sorted(numbers)]

    async def read(self, timeout_s: float) -> list[dict[str, Any]]:
        """The alerts that arrive within `timeout_s`, oldest first per partition."""
        batches = await self._consumer.getmany(timeout_ms=int(timeout_s * 1000))
        alerts = []
        for records in batches.values():
            for record in records:
                alert = read_alert(record.value, record.headers)
                if alert is None:
                    log.warning(
                        "skipped a record that is not an alert: %s partition %d offset %d",
                        record.topic,
                        record.partition,
                        record.offset,
                    )
                else:
                    alerts.append(alert)
        return alerts

    async def at_end(self) -> bool:
        """Whether every partition has been read up to its current end."""
        assigned = list(self._consumer.assignment())
        ends = await self._consumer.end_offsets(assigned)
        for partition in assigned:
            if await self._consumer.position(partition) < ends[partition]:
                return False
        return True

    async def stop(self) -> None:
        await self._consumer.stop()


async def recent_alert_ids(reader: AlertReader, last: int, timeout_s: float = 30.0) -> set[str]:
    """The ids of the last `last` alerts of every partition (the reader is started and stopped
    here). Delivery is awaited before a story's state is stored, so a worker that dies in
    between leaves alerts its successor would raise again; these are the ids it must not."""
    await reader.start(from_beginning=False, last=last)
    ids: set[str] = set()
    try:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while not await reader.at_end():
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"the last {last} alerts were not read in {timeout_s} s")
            ids.update(str(alert.get("id")) for alert in await reader.read(timeout_s=1.0))
    finally:
        await reader.stop()
    return ids
