"""The broker contenders of the speed benchmark: a peer process or storywatch workers, fed one
corpus on fresh topics and timed from the first produce to the last article done."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from bench.speed.corpus import peak_rss_bytes
from service.alert_reader import AlertReader
from service.broker import EmbeddedBroker, free_port
from service.local_run import WorkerProcess
from service.offsets import GroupProgress
from service.replay import produce_articles
from service.settings import Settings
from service.topics import ensure_topics, external_topics, internal_topics

ROOT = Path(__file__).resolve().parents[2]
#: What a run returns: articles done, seconds, start-up seconds, peak RSS per process, alerts,
#: and (storywatch) seconds per pipeline stage, summed over the workers.
RunFigures = tuple[int, float, float, list[int], int | None, dict[str, float]]


def warmup_article(suffix: str) -> dict[str, Any]:
    """One short article that goes through before the clock starts."""
    return {
        "id": f"warmup-{suffix}",
        "published_at": "2000-01-01T00:00:00Z",
        "title": "Council meets",
        "text": "The council met in Halden on Monday to discuss port fees.",
    }


async def peer_run(
    kind: str, broker: EmbeddedBroker, articles: list[dict[str, Any]], folder: Path
) -> RunFigures:
    suffix = uuid.uuid4().hex[:6]
    settings = Settings(broker_url=broker.url)
    source, sink = f"peer-in-{suffix}", f"peer-out-{suffix}"
    await ensure_topics(settings, [source, sink])
    log = (folder / "peer.log").open("wb")
    started = time.monotonic()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench/speed/peers.py"),
            kind,
            broker.bootstrap,
            source,
            sink,
            f"peer-{suffix}",
            str(folder / "state"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
        start_new_session=True,
    )
    consumer = AIOKafkaConsumer(
        sink,
        bootstrap_servers=broker.bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        await produce_articles(broker.bootstrap, source, [warmup_article(suffix)], False)
        await _read_outputs(consumer, 1, process)
        startup_s = time.monotonic() - started
        clock = time.monotonic()
        await produce_articles(broker.bootstrap, source, articles, False)
        await _read_outputs(consumer, len(articles), process)
        seconds = time.monotonic() - clock
        peak = peak_rss_bytes(process.pid)
    finally:
        await consumer.stop()
        process.terminate()
        process.wait(timeout=30)
        log.close()
    return len(articles), seconds, startup_s, [peak], None, {}


async def _read_outputs(
    consumer: AIOKafkaConsumer, count: int, process: subprocess.Popen[bytes]
) -> None:
    seen = 0
    while seen < count:
        if process.poll() is not None:
            raise RuntimeError(f"the peer exited with {process.returncode}")
        for records in (await consumer.getmany(timeout_ms=200)).values():
            seen += len(records)


async def storywatch_run(
    broker: EmbeddedBroker, articles: list[dict[str, Any]], folder: Path, workers: int = 1
) -> RunFigures:
    suffix = uuid.uuid4().hex[:6]
    values = {
        "STORYWATCH_BROKER_URL": broker.url,
        "STORYWATCH_APP_ID": f"speed-{suffix}",
        "STORYWATCH_ARTICLES_TOPIC": f"articles-{suffix}",
        "STORYWATCH_ALERTS_TOPIC": f"alerts-{suffix}",
        "STORYWATCH_DLQ_TOPIC": f"dlq-{suffix}",
    }
    settings = Settings(
        broker_url=broker.url,
        app_id=values["STORYWATCH_APP_ID"],
        articles_topic=values["STORYWATCH_ARTICLES_TOPIC"],
        alerts_topic=values["STORYWATCH_ALERTS_TOPIC"],
        dlq_topic=values["STORYWATCH_DLQ_TOPIC"],
    )
    await ensure_topics(settings, [*external_topics(settings), *internal_topics(settings)])
    started = time.monotonic()
    processes = []
    for number in range(workers):
        port = free_port()
        environment = {
            **os.environ,
            **values,
            "STORYWATCH_WEB_PORT": str(port),
            "STORYWATCH_DATA_DIR": str(folder / f"state-{number}"),
        }
        processes.append((WorkerProcess(environment, folder / f"worker-{number}.log"), port))
    progress = GroupProgress(broker.bootstrap, settings.app_id)
    await progress.start()
    try:
        for _, port in processes:
            await _wait_ready(f"http://127.0.0.1:{port}")
        await _feed_until_idle(broker, settings, progress, [warmup_article(suffix)])
        startup_s = time.monotonic() - started
        clock = time.monotonic()
        await _feed_until_idle(broker, settings, progress, articles)
        seconds = time.monotonic() - clock
        peaks = [peak_rss_bytes(worker.pid) for worker, _ in processes]
        stages = _stage_seconds([port for _, port in processes])
        alerts = await _alerts_on_topic(broker, settings.alerts_topic)
    finally:
        await progress.stop()
        for worker, _ in processes:
            worker.stop()
    return len(articles), seconds, startup_s, peaks, alerts, stages


def _stage_seconds(ports: list[int]) -> dict[str, float]:
    """Seconds per stage from the workers' own `storywatch_stage_seconds` (warm-up included)."""
    stages: dict[str, float] = {}
    for port in ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name == "storywatch_stage_seconds_sum":
                    stage = sample.labels["stage"]
                    stages[stage] = stages.get(stage, 0.0) + sample.value
    return stages


async def _feed_until_idle(
    broker: EmbeddedBroker,
    settings: Settings,
    progress: GroupProgress,
    articles: list[dict[str, Any]],
    timeout_s: float = 3600,
) -> None:
    replayed = await produce_articles(broker.bootstrap, settings.articles_topic, articles, False)
    targets = {
        TopicPartition(settings.articles_topic, partition): offset
        for partition, offset in replayed.end_offsets.items()
    }
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await progress.caught_up(targets) and await progress.caught_up_with(
            internal_topics(settings)
        ):
            return
        await asyncio.sleep(0.1)
    raise RuntimeError("storywatch did not get idle")


async def _wait_ready(web: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{web}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"the worker at {web} did not get ready")


async def _alerts_on_topic(broker: EmbeddedBroker, topic: str) -> int:
    """Every alert on the topic, read back and decoded as a consumer would."""
    reader = AlertReader(broker.bootstrap, topic)
    await reader.start(from_beginning=True)
    try:
        alerts = 0
        while not await reader.at_end():
            alerts += len(await reader.read(timeout_s=0.5))
        return alerts
    finally:
        await reader.stop()
