"""Clients nobody here wrote, reading what storywatch publishes: librdkafka (through
`confluent-kafka`) and the CloudEvents SDK's Kafka binding."""

from __future__ import annotations

import time
import uuid
from typing import Any

from cloudevents.core.bindings.kafka import KafkaMessage, from_kafka
from cloudevents.core.formats.json import JSONFormat
from confluent_kafka import OFFSET_BEGINNING, Consumer, Message, TopicPartition


def librdkafka_read(bootstrap: str, topic: str, partitions: int, count: int) -> list[Message]:
    """The first `count` messages of every partition of `topic`, read by librdkafka."""
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"outside-{uuid.uuid4().hex[:8]}",
            "enable.auto.commit": False,
        }
    )
    consumer.assign([TopicPartition(topic, n, OFFSET_BEGINNING) for n in range(partitions)])
    messages: list[Message] = []
    deadline = time.monotonic() + 60
    try:
        while len(messages) < count and time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is not None and message.error() is None:
                messages.append(message)
    finally:
        consumer.close()
    return messages


def sdk_event(message: Message) -> Any:
    """The CloudEvents SDK's reading of a librdkafka message (it detects the content mode)."""
    headers = {name: value for name, value in message.headers() or []}
    return from_kafka(KafkaMessage(headers, message.key(), message.value()), JSONFormat())
