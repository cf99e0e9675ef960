"""Article in → alert out, measured on the broker, and the worker's stage times.

Starts the embedded broker and one worker, sends the demo stream (seeds/, 31 articles) twice
on fresh topics: all at once (a backlog) and paced, one article every PACE seconds (a live
feed). An alert's latency is its record's timestamp minus the timestamp of the article record
that revealed it (both stamped on send, on this machine's clock). Then prints the mean time
per stage from the worker's own storywatch_stage_seconds and how its
storywatch_alert_latency_seconds histogram saw the same alerts.

Usage: python bench/pipeline_latency.py [PACE_SECONDS]   (default 0.5)
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from service.broker import EmbeddedBroker, free_port
from service.local_run import WorkerProcess
from service.offsets import GroupProgress
from service.replay import read_articles
from service.settings import Settings
from service.topics import ensure_topics, external_topics, internal_topics

REPO = Path(__file__).resolve().parent.parent


async def run_once(broker: EmbeddedBroker, folder: Path, pace_s: float) -> None:
    suffix = uuid.uuid4().hex[:6]
    values = {
        "STORYWATCH_BROKER_URL": broker.url,
        "STORYWATCH_APP_ID": f"bench-{suffix}",
        "STORYWATCH_ARTICLES_TOPIC": f"articles-{suffix}",
        "STORYWATCH_ALERTS_TOPIC": f"alerts-{suffix}",
        "STORYWATCH_DLQ_TOPIC": f"dlq-{suffix}",
        "STORYWATCH_WEB_PORT": str(free_port()),
        "STORYWATCH_DATA_DIR": str(folder / suffix),
    }
    settings = Settings(**{k.removeprefix("STORYWATCH_").lower(): v for k, v in values.items()})
    await ensure_topics(settings, [*external_topics(settings), *internal_topics(settings)])
    worker = WorkerProcess({**os.environ, **values}, folder / f"worker-{suffix}.log")
    try:
        web = f"http://127.0.0.1:{settings.web_port}"
        await wait_ready(web)
        articles = read_articles([REPO / "seeds"])
        sent_at = await send(settings, articles, pace_s)
        await wait_idle(settings)
        alerts = await read_alert_records(settings)
        latencies = sorted(
            record.timestamp / 1000
            - sent_at[json.loads(record.value)["data"]["evidence"][0]["article_id"]]
            for record in alerts
        )
        label = "backlog (all at once)" if pace_s == 0 else f"paced, one every {pace_s} s"
        print(f"\n{label}: {len(articles)} articles, {len(alerts)} alerts")
        print(
            f"  alert latency on the broker: median {statistics.median(latencies):.2f} s, "
            f"p90 {latencies[int(0.9 * (len(latencies) - 1))]:.2f} s, max {latencies[-1]:.2f} s"
        )
        print_worker_metrics(web)
    finally:
        worker.stop()


async def send(settings: Settings, articles: list[dict], pace_s: float) -> dict[str, float]:
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers(), enable_idempotence=False, max_batch_size=1
    )
    await producer.start()
    sent_at = {}
    try:
        for article in articles:
            metadata = await producer.send_and_wait(
                settings.articles_topic,
                json.dumps(article).encode(),
                key=article["id"].encode(),
                partition=0,
            )
            sent_at[article["id"]] = metadata.timestamp / 1000
            if pace_s:
                await asyncio.sleep(pace_s)
    finally:
        await producer.stop()
    return sent_at


async def read_alert_records(settings: Settings) -> list[ConsumerRecord]:
    """Every record on the alerts topic, with its timestamp."""
    consumer = AIOKafkaConsumer(
        settings.alerts_topic,
        bootstrap_servers=settings.bootstrap_servers(),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        partitions = [
            TopicPartition(settings.alerts_topic, number)
            for number in consumer.partitions_for_topic(settings.alerts_topic) or ()
        ]
        ends = await consumer.end_offsets(partitions)
        records: list[ConsumerRecord] = []
        while len(records) < sum(ends.values()):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records += batch
        return records
    finally:
        await consumer.stop()


async def wait_ready(web: str, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{web}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        await asyncio.sleep(0.3)
    raise RuntimeError("the worker did not get ready")


async def wait_idle(settings: Settings, timeout_s: float = 300) -> None:
    progress = GroupProgress(settings.bootstrap_servers(), settings.app_id)
    await progress.start()
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if await progress.caught_up_with([settings.articles_topic, *internal_topics(settings)]):
                return
            await asyncio.sleep(0.5)
    finally:
        await progress.stop()
    raise RuntimeError("the worker did not get idle")


def print_worker_metrics(web: str) -> None:
    with urllib.request.urlopen(f"{web}/metrics", timeout=5) as response:
        text = response.read().decode()
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    for stage in ("decode", "analyse", "assign", "compare", "publish"):
        key = (("stage", stage),)
        count = samples.get(("storywatch_stage_seconds_count", key), 0)
        total = samples.get(("storywatch_stage_seconds_sum", key), 0)
        if count:
            print(f"  stage {stage:<8} {count:4.0f} times, mean {1000 * total / count:8.2f} ms")
    count = samples.get(("storywatch_alert_latency_seconds_count", ()), 0)
    total = samples.get(("storywatch_alert_latency_seconds_sum", ()), 0)
    if count:
        print(f"  worker's alert latency histogram: {count:.0f} alerts, mean {total / count:.2f} s")


async def main(pace_s: float) -> None:
    with (
        tempfile.TemporaryDirectory() as scratch,
        EmbeddedBroker(log_path=Path(scratch) / "broker.log") as broker,
    ):
        await run_once(broker, Path(scratch), 0.0)
        await run_once(broker, Path(scratch), pace_s)


if __name__ == "__main__":
    asyncio.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 0.5))
