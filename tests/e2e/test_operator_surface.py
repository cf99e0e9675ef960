"""What an operator sees of a running worker: /healthz, /readyz, /metrics, its log lines."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from typing import Any

import pytest

from service.schemas import EVENT_TYPES
from tests.e2e.conftest import Stack, probe, read_all_records

pytestmark = pytest.mark.e2e


async def test_readyz_answers_503_until_the_group_is_joined_and_tables_recovered(
    stack: Stack,
) -> None:
    await stack.launch()
    answers: list[tuple[int, dict[str, Any]]] = []
    alive_while_starting = None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not (answers and answers[-1][0] == 200):
        answer = await probe(f"{stack.web}/readyz")
        if answer is not None:
            answers.append(answer)
            if answer[0] == 503 and alive_while_starting is None:
                alive_while_starting = await probe(f"{stack.web}/healthz")
        await asyncio.sleep(0.2)
    assert answers, f"the worker's web server never answered; log: {stack.folder}"
    first_status, first_body = answers[0]
    assert first_status == 503
    assert first_body["status"] == "starting"
    assert not all(first_body["checks"].values())
    assert alive_while_starting is not None and alive_while_starting[0] == 200
    last_status, last_body = answers[-1]
    assert last_status == 200
    assert last_body == {
        "status": "ready",
        "checks": {
            "group_joined": True,
            "tables_recovered": True,
            "model_loaded": True,
            "broker_reachable": True,
        },
    }


async def test_metrics_count_events_alerts_latency_and_lag_and_pass_promtool(
    worker_stack: Stack, seed_article: dict[str, Any]
) -> None:
    await worker_stack.produce_articles([seed_article])
    await worker_stack.produce([(b"junk", b"not json")])
    await worker_stack.wait_until_idle()
    alerts = await read_all_records(worker_stack.bootstrap, worker_stack.settings.alerts_topic)

    text = worker_stack.scrape()
    check = subprocess.run(
        ["promtool", "check", "metrics"], input=text, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr

    events = {t: worker_stack.metric("storywatch_events_total", type=t) for t in EVENT_TYPES}
    assert events["MEETING"] >= 1 and events["CEASEFIRE"] >= 1
    assert worker_stack.metric("storywatch_alert_latency_seconds_count") == len(alerts) >= 1
    assert worker_stack.metric("storywatch_alert_latency_seconds_sum") > 0
    assert worker_stack.metric("storywatch_stage_seconds_count", stage="decode") == 2
    assert worker_stack.metric("storywatch_stories_active") == 1
    # Faust's own sensor shares the endpoint.
    assert worker_stack.metric("storywatch_faust_messages_received_total") >= 2

    # Measured every second (STORYWATCH_LAG_INTERVAL_S=1): every input partition, and no lag
    # once the group has committed everything.
    topic = worker_stack.settings.articles_topic
    partitions = [str(p) for p in range(worker_stack.settings.partitions)]
    deadline = time.monotonic() + 20
    lag: dict[str, float] = {}
    while time.monotonic() < deadline and lag != dict.fromkeys(partitions, 0.0):
        lag = {
            p: worker_stack.metric("storywatch_consumer_lag", topic=topic, partition=p)
            for p in partitions
        }
        await asyncio.sleep(0.5)
    assert lag == dict.fromkeys(partitions, 0.0)
    assert f'storywatch_consumer_lag{{partition="1",topic="{topic}"}}' in worker_stack.scrape()


async def test_json_log_format_writes_one_json_object_per_line(
    stack: Stack, seed_article: dict[str, Any]
) -> None:
    await stack.launch(STORYWATCH_LOG_FORMAT="json")
    await stack.produce_articles([seed_article])
    await stack.produce([(b"junk", b"not json")])
    await stack.wait_until_idle()
    stack.stop_worker()

    lines = [line for line in (stack.folder / "worker.log").read_text().splitlines() if line]
    records = [json.loads(line) for line in lines]  # fails on any line that is not JSON
    assert all({"time", "level", "logger", "message"} <= record.keys() for record in records)
    published = [r for r in records if r["message"].startswith("alert published")]
    assert [r["alert_type"] for r in published] == ["storywatch.story.new"]
    assert published[0]["story_id"] and published[0]["alert_id"]
    letters = [r for r in records if r["message"].startswith("dead-lettered")]
    assert len(letters) == 1 and letters[0]["level"] == "WARNING"
