"""Subscribers nobody here wrote read binary-mode alerts through the embedded broker:
librdkafka (through `confluent-kafka`) consumes the topic, and the CloudEvents SDK reads each
message in the Kafka protocol binding. `storywatch alerts` reads them too, and filters.
Structured mode, the default, is read the same way in test_pipeline.py.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from service.contract_schemas import ALERT_DATA
from tests.contract_validation import assert_valid_alert, schema_errors
from tests.e2e.conftest import Stack
from tests.e2e.outside_clients import librdkafka_read, sdk_event
from tests.e2e.test_cli import storywatch

pytestmark = pytest.mark.e2e


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
