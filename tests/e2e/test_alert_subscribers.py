"""Subscribers nobody here wrote read the alerts through the embedded broker: librdkafka (through
`confluent-kafka`) consumes the topic, and the CloudEvents SDK reads each message in the Kafka
protocol binding, in structured mode (the default) and in binary mode. `storywatch alerts`
reads binary mode too, and filters.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_kafka
from cloudevents.core.formats.json import JSONFormat
from confluent_kafka import OFFSET_BEGINNING, Consumer, Message, TopicPartition

from service.alert_binding import STRUCTURED_CONTENT_TYPE
from service.contract_schemas import ALERT_DATA, DLQ_HEADERS
from tests.contract_validation import assert_valid_alert, schema_errors
from tests.e2e.conftest import Stack, read_records
from tests.e2e.test_cli import storywatch

pytestmark = pytest.mark.e2e


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


async def test_structured_alerts_and_dead_letters_as_an_outside_client_reads_them(
    worker_stack: Stack, seed_article: dict[str, Any]
) -> None:
    settings = worker_stack.settings
    await worker_stack.produce(
        [(b"bad-1", b"{not json"), (seed_article["id"].encode(), json.dumps(seed_article).encode())]
    )
    [message] = await asyncio.to_thread(
        librdkafka_read, worker_stack.bootstrap, settings.alerts_topic, settings.partitions, 1
    )
    assert dict(message.headers() or [])["content-type"] == STRUCTURED_CONTENT_TYPE.encode()
    alert = assert_valid_alert(message.value())
    event = sdk_event(message)
    assert (event.get_type(), event.get_id()) == ("storywatch.story.new", alert["id"])
    assert message.key() == alert["subject"].encode()
    [letter] = await read_records(worker_stack.bootstrap, settings.dlq_topic, 1)
    headers = {name: value.decode() for name, value in letter.headers}
    assert not schema_errors(DLQ_HEADERS, headers)
    assert headers["error.kind"] == "not_json"


async def test_binary_alerts_carry_ce_headers_that_outside_clients_and_the_cli_read(
    stack: Stack, seed_article: dict[str, Any], tmp_path: Path
) -> None:
    await stack.launch(STORYWATCH_ALERT_MODE="binary")
    await stack.produce_articles([seed_article])
    settings = stack.settings
    [message] = await asyncio.to_thread(
        librdkafka_read, stack.bootstrap, settings.alerts_topic, settings.partitions, 1
    )
    headers = dict(message.headers() or [])
    assert headers["ce_type"] == b"storywatch.story.new"
    assert headers["ce_specversion"] == b"1.0"
    assert headers["content-type"] == b"application/json"
    data = json.loads(message.value())
    assert not schema_errors(ALERT_DATA, data)
    event = sdk_event(message)
    assert event.get_type() == "storywatch.story.new"
    assert event.get_subject() == message.key().decode()
    assert event.get_data() == data

    await stack.wait_until_idle()
    environment = {
        name: value for name, value in stack.environment.items() if name.startswith("STORYWATCH_")
    }
    out = tmp_path / "alerts.jsonl"
    wanted = storywatch(
        ["alerts", "--from-beginning", "--kind", "story.new", "--out", str(out)], environment
    )
    assert wanted.returncode == 0, wanted.stderr
    [line] = out.read_text().splitlines()
    assert assert_valid_alert(line)["id"] == headers["ce_id"].decode()
    assert "story.new" in wanted.stdout
    unwanted = storywatch(["alerts", "--from-beginning", "--min-severity", "high"], environment)
    assert unwanted.returncode == 0 and unwanted.stdout == ""
