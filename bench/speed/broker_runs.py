"""The broker contenders of the speed benchmark: a peer process or storywatch workers, fed one
corpus on fresh topics and timed from the first produce to the last article done."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer
from prometheus_client.parser import text_string_to_metric_families

from bench.pipeline_latency import wait_ready
from bench.speed.corpus import cpu_seconds, peak_rss_bytes, tree_cpu_seconds, tree_peak_rss_bytes
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


@dataclass
class Workers:
    """storywatch workers of one app on fresh topics, ready once `start` returns."""

    broker: EmbeddedBroker
    folder: Path
    count: int = 1
    parse_processes: int = 0
    triage: bool = False
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:6])
    processes: list[tuple[WorkerProcess, int]] = field(default_factory=list)
    environments: list[dict[str, str]] = field(default_factory=list)

    @property
    def settings(self) -> Settings:
        return Settings(
            broker_url=self.broker.url,
            app_id=f"speed-{self.suffix}",
            articles_topic=f"articles-{self.suffix}",
            alerts_topic=f"alerts-{self.suffix}",
            dlq_topic=f"dlq-{self.suffix}",
        )

    @property
    def ports(self) -> list[int]:
        return [port for _, port in self.processes]

    async def start(self) -> None:
        settings = self.settings
        await ensure_topics(settings, [*external_topics(settings), *internal_topics(settings)])
        for number in range(self.count):
            port = free_port()
            environment = {
                **os.environ,
                "STORYWATCH_BROKER_URL": self.broker.url,
                "STORYWATCH_APP_ID": settings.app_id,
                "STORYWATCH_ARTICLES_TOPIC": settings.articles_topic,
                "STORYWATCH_ALERTS_TOPIC": settings.alerts_topic,
                "STORYWATCH_DLQ_TOPIC": settings.dlq_topic,
                "STORYWATCH_WEB_PORT": str(port),
                "STORYWATCH_DATA_DIR": str(self.folder / f"state-{number}"),
                "STORYWATCH_PARSE_PROCESSES": str(self.parse_processes),
                "STORYWATCH_TRIAGE": "1" if self.triage else "0",
            }
            log = self.folder / f"worker-{number}.log"
            self.environments.append(environment)
            self.processes.append((WorkerProcess(environment, log), port))
        for _, port in self.processes:
            await wait_ready(f"http://127.0.0.1:{port}")

    def kill(self, number: int) -> None:
        """SIGKILL worker `number` (no goodbye to the group, nothing flushed)."""
        worker, _ = self.processes[number]
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
        worker.stop()  # closes its log

    async def restart(self, number: int, attempt: int) -> None:
        """Start worker `number` again, with its settings and its local state; ready on return."""
        _, port = self.processes[number]
        log = self.folder / f"worker-{number}.{attempt}.log"
        self.processes[number] = (WorkerProcess(self.environments[number], log), port)
        await wait_ready(f"http://127.0.0.1:{port}")

    def stop(self) -> None:
        for worker, _ in self.processes:
            worker.stop()

    def peak_rss(self) -> list[int]:
        return [tree_peak_rss_bytes(worker.pid) for worker, _ in self.processes]

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds so far of each worker (with its parse processes), the broker, and this
        benchmark process (producer and readers)."""
        used = {
            f"worker {number}": tree_cpu_seconds(worker.pid)
            for number, (worker, _) in enumerate(self.processes, 1)
        }
        if self.broker.pid is not None:
            used["broker"] = cpu_seconds(self.broker.pid)
        used["bench"] = cpu_seconds()
        return used


def print_cpu_split(before: dict[str, float], after: dict[str, float], seconds: float) -> None:
    """Where the CPU went in the timed part, in cores busy on average."""
    busy = ", ".join(
        f"{name} {(after[name] - before.get(name, 0.0)) / seconds:.2f}" for name in after
    )
    print(f"    cores busy in the timed part: {busy}", flush=True)


async def storywatch_run(
    broker: EmbeddedBroker,
    articles: list[dict[str, Any]],
    folder: Path,
    workers: int = 1,
    parse_processes: int = 0,
    triage: bool = False,
) -> RunFigures:
    started = time.monotonic()
    stack = Workers(broker, folder, workers, parse_processes, triage)
    settings = stack.settings
    progress = GroupProgress(broker.bootstrap, settings.app_id)
    try:
        await stack.start()
        # Started after the topics exist: aiokafka reads a consumer's metadata at start and
        # refreshes it only every few minutes.
        await progress.start()
        await produce_articles(
            broker.bootstrap, settings.articles_topic, [warmup_article(stack.suffix)], False
        )
        await _wait_committed(settings, progress)
        startup_s = time.monotonic() - started
        clock = time.monotonic()
        cpu_before = stack.cpu_seconds()
        await produce_articles(broker.bootstrap, settings.articles_topic, articles, False)
        await wait_counted(stack.ports, 1 + len(articles))
        seconds = time.monotonic() - clock
        print_cpu_split(cpu_before, stack.cpu_seconds(), seconds)
        await _wait_committed(settings, progress)
        peaks = stack.peak_rss()
        stages = _stage_seconds(stack.ports)
        alerts = await _alerts_on_topic(broker, settings.alerts_topic)
    finally:
        await progress.stop()
        stack.stop()
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


async def _wait_committed(
    settings: Settings, progress: GroupProgress, timeout_s: float = 3600
) -> None:
    """Until the worker group has committed everything on `articles` and the analyses."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await progress.caught_up_with([settings.articles_topic, *internal_topics(settings)]):
            return
        await asyncio.sleep(0.1)
    raise RuntimeError("storywatch did not get idle")


#: Articles left to count when `wait_counted` starts polling often: about two batches.
FINAL_STRETCH = 64


async def wait_counted(ports: list[int], count: int, timeout_s: float = 3600) -> None:
    """Until the workers' `storywatch_articles_total` (every outcome) adds up to `count`:
    each article is counted once the desk is done with it (or it is dead-lettered).

    Polled every half second until the last few articles, then every 50 ms: rendering and
    reading `/metrics` costs the workers CPU, which a 50 ms poll all along took from the parse."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        counted = sum(_metric_sum(port, "storywatch_articles_total") for port in ports)
        if counted >= count:
            return
        await asyncio.sleep(0.05 if count - counted <= FINAL_STRETCH else 0.5)
    raise RuntimeError("storywatch did not count every article")


def _metric_sum(port: int, name: str) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    )


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
