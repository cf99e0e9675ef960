"""Graceful shutdown through the broker: SIGTERM mid-stream stops the worker with exit code 0
in bounded time, and a restart does again what was not committed: nothing is lost, and no
alert id is published twice."""

from __future__ import annotations

import asyncio
import json
import signal
import time

import pytest
from aiokafka import TopicPartition

from service.offsets import GroupProgress
from service.topics import internal_topics
from tests.e2e.conftest import Stack, read_all_records
from tests.e2e.generated import generated_articles

pytestmark = pytest.mark.e2e

ARTICLES = 160
#: The longest a worker may take from SIGTERM to exit.
STOP_BOUND_S = 30.0


async def uncommitted(stack: Stack, topics: list[str]) -> int:
    """Messages on `topics` after the group's committed offsets."""
    progress = GroupProgress(stack.bootstrap, stack.settings.app_id)
    await progress.start()
    try:
        partitions: list[TopicPartition] = []
        for topic in topics:
            partitions += list(await progress.end_offsets(topic))
        return sum((await progress.lag(partitions)).values())
    finally:
        await progress.stop()


async def test_sigterm_stops_with_exit_0_and_a_restart_redoes_what_was_not_committed(
    stack: Stack,
) -> None:
    articles = generated_articles(ARTICLES, prefix="term")
    worker = await stack.launch()
    await stack.wait_until_ready()
    await stack.produce_articles(articles)
    while stack.articles_done() < ARTICLES // 4:
        await asyncio.sleep(0.2)
    first_done = stack.articles_done()
    assert first_done < ARTICLES, "the worker finished before it could be stopped mid-stream"

    stopping = time.monotonic()
    worker.send_signal(signal.SIGTERM)
    code = await asyncio.to_thread(worker.wait, STOP_BOUND_S)
    took = time.monotonic() - stopping
    assert code == 0, worker.log_tail(30)
    assert took < STOP_BOUND_S
    worker.stop()  # already exited: closes its log

    # What the restart must do: every analysis the desk had not committed, and every article
    # whose analysis was not committed (its analysis is made and tracked again).
    topics = [stack.settings.articles_topic, *internal_topics(stack.settings)]
    redo = await uncommitted(stack, topics)
    assert redo < ARTICLES, "the stopped worker committed nothing"

    stack.start_worker()
    await stack.wait_until_idle(timeout_s=120)
    outcomes = {
        outcome: stack.metric("storywatch_articles_total", outcome=outcome)
        for outcome in ("processed", "duplicate", "invalid")
    }
    # Exactly everything uncommitted: nothing lost, nothing committed done again.
    assert stack.articles_done() == redo, outcomes

    alerts = await read_all_records(stack.bootstrap, stack.settings.alerts_topic)
    ids = [json.loads(record.value)["id"] for record in alerts]
    assert len(ids) == len(set(ids)), "an alert id was published twice"
