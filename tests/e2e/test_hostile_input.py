"""Hostile input at volume, through the broker: every bad message is dead-lettered with its
reason, every good one is processed, the counts add up exactly and the worker stays small."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from service.contract_schemas import DLQ_HEADERS
from service.ingest import DEAD_LETTER_KEEPS_BYTES
from tests.contract_validation import schema_errors
from tests.e2e.conftest import Stack, read_records
from tests.e2e.generated import generated_articles

pytestmark = pytest.mark.e2e

FAULT_MARKER = "<<storywatch-fault>>"
GOOD_ARTICLES = 300
#: A worker that reads all this stays under the one-worker memory bound (docs/OPERATIONS.md).
MAX_WORKER_RSS_BYTES = 1 << 30


def article(text: Any, **fields: Any) -> bytes:
    return json.dumps(
        {"id": "x", "published_at": "2025-07-02T08:00:00Z", "text": text, **fields}
    ).encode()


#: (value, the error.kind it must be dead-lettered with): one of each kind of hostile input.
HOSTILE: list[tuple[bytes | None, str]] = [
    (None, "empty"),
    (b"\xc3\x28 not utf-8 \xff", "not_utf8"),
    (b'{"id": "x", "text": ', "not_json"),
    (b"[" * 50_000 + b"]" * 50_000, "not_json"),
    (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "not_json"),
    (b'["an", "array"]', "not_object"),
    (b"3.14", "not_object"),
    (json.dumps({"id": "x", "published_at": "2025-07-02T08:00:00Z"}).encode(), "missing_field"),
    (article(["a", "list"]), "wrong_type"),
    (article("Talks resumed.", title={"nested": True}), "wrong_type"),
    (article("Talks resumed.", id=""), "bad_id"),
    (article("Talks\x00 resumed in Oslo."), "control_chars"),
    (article("Talks resumed.", id="bad-\u202eid"), "control_chars"),
    (article("Talks resumed in \x1b[31mOslo\x1b[0m."), "control_chars"),
    (article("   \n\t  "), "empty_text"),
    (article("!!! ... ??? --- 1234 5678 %%% (((())))"), "no_words"),
    (article("x" * 200_001), "too_long"),
    (b" " * (10 * 1024 * 1024), "too_large"),
    (article("Talks resumed.", published_at="next Tuesday"), "bad_timestamp"),
    (article("Talks resumed.", published_at="9999-12-31T23:59:59Z"), "bad_timestamp"),
    (article("Talks resumed.", language="de"), "not_english"),
    (
        article("Переговоры возобновились в Осло в понедельник после долгого перерыва."),
        "not_english",
    ),
    (article(f"Kenya met Ghana in Oslo on Monday. {FAULT_MARKER}"), "analysis_failed"),
]


async def test_hostile_messages_among_generated_articles_are_dead_lettered_and_counted(
    stack: Stack,
) -> None:
    good = generated_articles(GOOD_ARTICLES)
    await stack.launch(STORYWATCH_FAULT_MARKER=FAULT_MARKER)
    messages: list[tuple[bytes | None, bytes | None]] = [
        (item["id"].encode(), json.dumps(item).encode()) for item in good
    ]
    expected: dict[bytes, str] = {}
    every = len(messages) // len(HOSTILE)
    for number, (value, kind) in enumerate(HOSTILE):
        key = f"bad-{number}".encode()
        expected[key] = kind
        messages.insert(number * every + every // 2, (key, value))
    # An article, then another text under its id, after every generated one.
    good.append(ORIGINAL)
    messages.append((b"taken-1", json.dumps(ORIGINAL).encode()))
    messages.append((b"bad-taken-id", taken_id(ORIGINAL)))
    expected[b"bad-taken-id"] = "id_conflict"
    await stack.produce(messages, max_request_size=16 * 1024 * 1024)  # the 10 MB message

    letters = await read_records(stack.bootstrap, stack.settings.dlq_topic, len(expected))
    await stack.wait_until_idle(timeout_s=180)
    found = {letter.key: dict(letter.headers) for letter in letters}
    assert {key: headers["error.kind"].decode() for key, headers in found.items()} == expected
    assert all(headers["error.detail"] for headers in found.values())
    for headers in found.values():  # every dead letter's headers, as the contract's schema says
        assert not schema_errors(DLQ_HEADERS, {k: v.decode() for k, v in headers.items()})
    [oversized] = [letter for letter in letters if expected[letter.key] == "too_large"]
    assert len(oversized.value) == DEAD_LETTER_KEEPS_BYTES
    assert dict(oversized.headers)["value.truncated_from"] == str(10 * 1024 * 1024).encode()

    counted = {
        outcome: stack.metric("storywatch_articles_total", outcome=outcome)
        for outcome in ("processed", "duplicate", "invalid")
    }
    assert counted["invalid"] == len(expected)
    assert counted["processed"] + counted["duplicate"] == len(good)
    assert stack.metric("storywatch_dlq_messages_total", kind="analysis_failed") == 1
    assert stack.worker is not None and stack.worker.exit_code() is None
    assert peak_rss_bytes(stack.worker.pid) < MAX_WORKER_RSS_BYTES


ORIGINAL = {
    "id": "taken-1",
    "published_at": "2025-07-25T09:00:00Z",
    "title": "Dock workers strike in Halden",
    "text": "Dock workers in Halden walked out on Thursday over a new shift system, halting "
    "container traffic at the port, and their union said the strike would last a week.",
}


def taken_id(first: dict[str, Any]) -> bytes:
    """Another article under the id of `first`, a second after it: not an update, since it
    shares none of its text."""
    published = datetime.fromisoformat(first["published_at"]) + timedelta(seconds=1)
    text = (
        "The central bank raised its main interest rate by half a point to curb inflation, "
        "which reached its highest level in a decade as fuel and food prices climbed."
    )
    return article(text, id=first["id"], published_at=published.strftime("%Y-%m-%dT%H:%M:%SZ"))


def peak_rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmHWM for process {pid}")
