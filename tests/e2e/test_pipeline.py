"""End to end through the real broker: articles in, alerts out, bad input dead-lettered."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from service.alert_binding import STRUCTURED_CONTENT_TYPE
from service.alerts import alert_id
from service.contract_schemas import DLQ_HEADERS
from service.ingest import MAX_TEXT_CHARS
from tests.contract_validation import assert_valid_alert, schema_errors
from tests.e2e.conftest import Stack, read_all_records, read_records
from tests.e2e.outside_clients import librdkafka_read, sdk_event

pytestmark = pytest.mark.e2e


def letter_source_partition(stack: Stack, key: bytes) -> int:
    """The partition Kafka's default partitioner gives `key` on the articles topic."""
    from aiokafka.partitioner import DefaultPartitioner

    partitions = list(range(stack.settings.partitions))
    return int(DefaultPartitioner()(key, partitions, partitions))


async def test_seed_article_yields_a_story_new_alert_on_the_alerts_topic(
    worker_stack: Stack, seed_article: dict[str, Any]
) -> None:
    await worker_stack.produce_articles([seed_article])
    [record] = await read_records(worker_stack.bootstrap, worker_stack.settings.alerts_topic, 1)
    alert = assert_valid_alert(record.value)
    assert alert["type"] == "storywatch.story.new"
    assert record.key == alert["subject"].encode()
    assert alert["id"] == alert_id(alert["subject"], "story")
    assert alert["time"] == "2025-07-01T06:00:00Z"
    assert alert["source"] == f"/storywatch/{worker_stack.settings.app_id}"
    assert alert["data"]["evidence"][0]["article_id"] == seed_article["id"]
    assert {"Benjamin Netanyahu", "Donald Trump"} <= set(alert["data"]["story"]["actors"])


async def test_the_first_reports_extracted_events_and_sentiment_reach_the_alert(
    worker_stack: Stack, seed_article: dict[str, Any]
) -> None:
    await worker_stack.produce_articles([seed_article])
    [record] = await read_records(worker_stack.bootstrap, worker_stack.settings.alerts_topic, 1)
    data = assert_valid_alert(record.value)["data"]
    found = {
        (e["type"], e["status"], frozenset(e["actors"] + e["targets"]), e["location"], e["when"])
        for e in data["events"]
    }
    meeting = frozenset({"Benjamin Netanyahu", "Donald Trump"})
    assert ("MEETING", "planned", meeting, "White House", "2025-07-07") in found
    assert ("TRAVEL", "occurred", frozenset({"Ron Dermer"}), "Washington", "2025-06-30") in found
    assert not [e for e in data["events"] if e["type"] == "CEASEFIRE" and e["status"] == "occurred"]
    speakers = {e["speaker"] for e in data["events"] if e["type"] == "STATEMENT"}
    assert {"Donald Trump", "Karoline Leavitt"} <= speakers
    assert -1 <= data["sentiment"]["article"] <= 1


BAD_MESSAGES = {
    b"bad-malformed": (b"this is not json {", "not_json"),
    b"bad-non-object": (b'["an", "array"]', "not_object"),
    b"bad-missing-text": (
        json.dumps({"id": "no-text", "published_at": "2025-07-01T06:00:00Z"}).encode(),
        "missing_field",
    ),
    b"bad-over-long": (
        json.dumps(
            {
                "id": "long",
                "published_at": "2025-07-01T06:00:00Z",
                "text": "a" * (MAX_TEXT_CHARS + 1),
            }
        ).encode(),
        "too_long",
    ),
}


async def test_invalid_messages_go_to_the_dlq_and_the_next_article_alerts_to_outside_clients(
    worker_stack: Stack, seed_article: dict[str, Any]
) -> None:
    """Four kinds of bad input, then a good article: each bad one is dead-lettered with its
    reason, where it came from and its own bytes (headers valid to the contract's schema); the
    article's alert reaches librdkafka in CloudEvents structured mode."""
    settings = worker_stack.settings
    await worker_stack.produce(
        [(key, value) for key, (value, _) in BAD_MESSAGES.items()]
        + [(seed_article["id"].encode(), json.dumps(seed_article).encode())]
    )
    letters = await read_records(worker_stack.bootstrap, settings.dlq_topic, len(BAD_MESSAGES))
    offsets: dict[int, int] = {}
    expected_offset = {}
    for key in BAD_MESSAGES:  # produced in this order, so each one's offset on its partition
        partition = letter_source_partition(worker_stack, key)
        expected_offset[key] = offsets.get(partition, 0)
        offsets[partition] = expected_offset[key] + 1
    assert sorted(letter.key for letter in letters) == sorted(BAD_MESSAGES)
    for letter in letters:
        value, kind = BAD_MESSAGES[letter.key]
        headers = {name: raw.decode() for name, raw in letter.headers}
        assert not schema_errors(DLQ_HEADERS, headers)
        assert headers["error.kind"] == kind
        assert headers["source.topic"] == settings.articles_topic
        assert headers["source.offset"] == str(expected_offset[letter.key])
        assert headers["source.partition"] == str(letter_source_partition(worker_stack, letter.key))
        assert letter.value == value
    [message] = await asyncio.to_thread(
        librdkafka_read, worker_stack.bootstrap, settings.alerts_topic, settings.partitions, 1
    )
    assert dict(message.headers() or [])["content-type"] == STRUCTURED_CONTENT_TYPE.encode()
    alert = assert_valid_alert(message.value())
    assert sdk_event(message).get_id() == alert["id"]
    assert alert["type"] == "storywatch.story.new" and message.key() == alert["subject"].encode()
    await worker_stack.wait_until_idle()
    assert worker_stack.metric("storywatch_articles_total", outcome="invalid") == len(BAD_MESSAGES)
    for _, kind in BAD_MESSAGES.values():
        assert worker_stack.metric("storywatch_dlq_messages_total", kind=kind) == 1


async def test_a_repeated_article_raises_no_second_alert_and_counts_as_duplicate(
    worker_stack: Stack, seed_article: dict[str, Any]
) -> None:
    other = {
        "id": "other-1",
        "published_at": "2025-07-02T08:00:00Z",
        "text": "Kenya's parliament in Nairobi passed the finance bill. "
        "Kenya's president will sign it.",
    }
    await worker_stack.produce_articles([seed_article, seed_article, other, seed_article])
    await worker_stack.wait_until_idle()
    alerts = [
        assert_valid_alert(r.value)
        for r in await read_all_records(worker_stack.bootstrap, worker_stack.settings.alerts_topic)
    ]
    assert sorted(a["data"]["evidence"][0]["article_id"] for a in alerts) == [
        "other-1",
        seed_article["id"],
    ]
    assert len({a["id"] for a in alerts}) == 2
    assert worker_stack.metric("storywatch_articles_total", outcome="duplicate") == 2
    assert worker_stack.metric("storywatch_articles_total", outcome="processed") == 2
