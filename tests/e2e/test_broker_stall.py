"""A broker stopped (SIGSTOP) for 20 seconds mid-stream, then continued: the worker says so
(log line, metric, /readyz 503), recovers, and finishes with nothing lost."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time

import pytest

from service.broker import EmbeddedBroker
from tests.e2e.conftest import Stack, probe, read_all_records
from tests.e2e.generated import generated_articles

pytestmark = pytest.mark.e2e

ARTICLES = 120
STALL_S = 20.0


async def test_a_stalled_broker_is_reported_and_the_stream_finishes_with_nothing_lost(
    stack: Stack, broker: EmbeddedBroker
) -> None:
    articles = generated_articles(ARTICLES, prefix="stall")
    await stack.launch(
        STORYWATCH_BROKER_PROBE_INTERVAL_S="1", STORYWATCH_BROKER_PROBE_TIMEOUT_S="3"
    )
    await stack.wait_until_ready()
    await stack.produce_articles(articles)
    while stack.articles_done() < 10:
        await asyncio.sleep(0.2)

    os.kill(broker.pid, signal.SIGSTOP)
    seen_during_stall: list[tuple[int, dict[str, object]]] = []
    reachable_during_stall: list[float] = []
    try:
        resume_at = time.monotonic() + STALL_S
        while time.monotonic() < resume_at:
            answer = await probe(f"{stack.web}/readyz")
            if answer is not None:
                seen_during_stall.append(answer)
                reachable_during_stall.append(stack.metric("storywatch_broker_reachable"))
            await asyncio.sleep(1.0)
    finally:
        os.kill(broker.pid, signal.SIGCONT)

    assert (503, "degraded") in [(status, body["status"]) for status, body in seen_during_stall]
    assert 0.0 in reachable_during_stall
    await stack.wait_until_ready(timeout_s=60)
    await stack.wait_until_idle(timeout_s=120)
    assert stack.articles_done() == ARTICLES
    assert stack.metric("storywatch_broker_reachable") == 1.0

    log = stack.folder.joinpath("worker.log").read_text(errors="replace")
    assert log.count("has not answered") == 1
    assert "answers again after" in log
    alerts = await read_all_records(stack.bootstrap, stack.settings.alerts_topic)
    ids = [json.loads(record.value)["id"] for record in alerts]
    assert ids and len(ids) == len(set(ids))
