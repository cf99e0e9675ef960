"""Fixtures that run storywatch for real: the embedded broker (one per session) and workers.

Each test gets its own app id, topics, web port and state folder, so tests share the broker
but nothing else.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from service.broker import EmbeddedBroker, free_port
from service.local_run import WorkerProcess
from service.offsets import GroupProgress
from service.settings import Settings
from service.topics import internal_topics


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    log = tmp_path_factory.mktemp("broker") / "broker.log"
    with EmbeddedBroker(log_path=log) as running:
        yield running


@dataclass
class Stack:
    """One worker's settings, environment and (once started) process."""

    settings: Settings
    environment: dict[str, str]
    folder: Path
    worker: WorkerProcess | None = None
    second_worker: WorkerProcess | None = None
    second_web: str = ""

    @property
    def bootstrap(self) -> str:
        return self.settings.bootstrap_servers()

    @property
    def web(self) -> str:
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

    async def launch(self, **environment: str) -> WorkerProcess:
        """Create the external topics and start the worker, with these variables added."""
        from service.topics import ensure_topics, external_topics

        self.environment.update(environment)
        await ensure_topics(self.settings, external_topics(self.settings))
        return self.start_worker()

    def start_worker(self) -> WorkerProcess:
        self.worker = WorkerProcess(self.environment, self.folder / "worker.log")
        return self.worker

    def start_second_worker(self, log_name: str = "worker-2.log") -> WorkerProcess:
        """Another worker of the same app (same group, tables and topics), its own web port
        and state folder (the same one each time)."""
        port = free_port()
        environment = {
            **self.environment,
            "STORYWATCH_WEB_PORT": str(port),
            "STORYWATCH_DATA_DIR": str(self.folder / "state-2"),
        }
        self.second_web = f"http://{self.settings.web_host}:{port}"
        self.second_worker = WorkerProcess(environment, self.folder / log_name)
        return self.second_worker

    def stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        if self.second_worker is not None:
            self.second_worker.stop()
            self.second_worker = None

    def articles_done(self) -> float:
        """Articles the worker has counted, whatever their outcome."""
        return sum(
            self.metric("storywatch_articles_total", outcome=outcome)
            for outcome in ("processed", "duplicate", "invalid")
        )

    def scrape(self) -> str:
        """The worker's /metrics text."""
        with urllib.request.urlopen(f"{self.web}/metrics", timeout=5) as response:
            return str(response.read().decode())

    def metric(self, sample: str, **labels: str) -> float:
        """One sample of the worker's metrics (0 when absent), e.g.
        `metric("storywatch_articles_total", outcome="invalid")`."""
        return sum(
            found.value
            for family in text_string_to_metric_families(self.scrape())
            for found in family.samples
            if found.name == sample and all(found.labels.get(k) == v for k, v in labels.items())
        )

    async def produce(
        self, messages: list[tuple[bytes | None, bytes | None]], max_request_size: int = 1048576
    ) -> None:
        """Send raw (key, value) pairs to the articles topic, in order, and wait for the acks.

        Spread over the partitions by key, as `storywatch replay` and live producers do.
        """
        producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap,
            enable_idempotence=False,
            max_request_size=max_request_size,
        )
        await producer.start()
        try:
            for key, value in messages:
                await producer.send_and_wait(self.settings.articles_topic, value, key=key)
        finally:
            await producer.stop()

    async def produce_articles(self, articles: list[dict[str, Any]]) -> None:
        await self.produce([(a["id"].encode(), json.dumps(a).encode()) for a in articles])

    async def wait_until_idle(self, timeout_s: float = 90.0) -> None:
        """Until the worker's group has committed everything on its input and internal topics.

        A fresh client each round: the worker creates its internal topics after it starts,
        and a client's metadata would not show them.
        """
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self._check_worker_alive()
            if await self._idle():
                return
            await asyncio.sleep(0.5)
        raise AssertionError(
            f"worker not idle after {timeout_s} s; log: {self.folder / 'worker.log'}"
        )

    async def wait_until_ready(self, timeout_s: float = 90.0) -> None:
        """Until the worker's /readyz answers 200."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self._check_worker_alive()
            answer = await probe(f"{self.web}/readyz")
            if answer is not None and answer[0] == 200:
                return
            await asyncio.sleep(0.3)
        raise AssertionError(f"worker not ready after {timeout_s} s; log: {self.folder}")

    async def _idle(self) -> bool:
        progress = GroupProgress(self.bootstrap, self.settings.app_id)
        await progress.start()
        try:
            return await progress.caught_up_with(
                [self.settings.articles_topic, *internal_topics(self.settings)]
            )
        finally:
            await progress.stop()

    def _check_worker_alive(self) -> None:
        for worker in (self.worker, self.second_worker):
            if worker is not None and worker.exit_code() is not None:
                raise AssertionError(f"worker exited:\n{worker.log_tail(40)}")


async def probe(url: str) -> tuple[int, dict[str, Any]] | None:
    """The status and JSON body at `url`, or None while nothing listens there."""
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(url, timeout=aiohttp.ClientTimeout(total=5)) as response,
        ):
            return response.status, await response.json()
    except aiohttp.ClientConnectionError:
        return None


async def read_records(
    bootstrap: str, topic: str, count: int, timeout_s: float = 60.0
) -> list[ConsumerRecord]:
    """The first `count` records of `topic` (all partitions), read by a plain aiokafka consumer."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    records: list[ConsumerRecord] = []
    try:
        deadline = time.monotonic() + timeout_s
        while len(records) < count and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for batch in batches.values():
                records += batch
    finally:
        await consumer.stop()
    return records


async def read_all_records(bootstrap: str, topic: str) -> list[ConsumerRecord]:
    """Every record in `topic` right now."""
    progress = GroupProgress(bootstrap, group=f"reader-{uuid.uuid4().hex[:8]}")
    await progress.start()
    try:
        ends = await progress.end_offsets(topic)
    finally:
        await progress.stop()
    return await read_records(bootstrap, topic, sum(ends.values()), timeout_s=20)


@pytest.fixture()
def stack(broker: EmbeddedBroker, tmp_path: Path) -> Iterator[Stack]:
    """Settings for one isolated storywatch on the shared broker; the worker is not started."""
    suffix = uuid.uuid4().hex[:8]
    values = {
        "STORYWATCH_BROKER_URL": broker.url,
        "STORYWATCH_APP_ID": f"sw-{suffix}",
        "STORYWATCH_ARTICLES_TOPIC": f"articles-{suffix}",
        "STORYWATCH_ALERTS_TOPIC": f"alerts-{suffix}",
        "STORYWATCH_DLQ_TOPIC": f"articles-dlq-{suffix}",
        "STORYWATCH_WEB_PORT": str(free_port()),
        "STORYWATCH_DATA_DIR": str(tmp_path / "state"),
        "STORYWATCH_TABLE_STORE": "rocksdb://",
        "STORYWATCH_PARTITIONS": "2",
        "STORYWATCH_LAG_INTERVAL_S": "1",
        # One worker analyses every partition in the same batches, so its watermark never
        # waits on a quiet partition; a short idle time only ends each burst sooner.
        # tests/e2e/test_event_time.py runs two workers with the default.
        "STORYWATCH_REORDER_IDLE_S": "2",
    }
    environment = {**os.environ, **values}
    settings = Settings(**{k.removeprefix("STORYWATCH_").lower(): v for k, v in values.items()})
    running = Stack(settings=settings, environment=environment, folder=tmp_path)
    yield running
    running.stop_worker()


@pytest.fixture()
async def worker_stack(stack: Stack) -> AsyncIterator[Stack]:
    """A Stack with its worker running."""
    await stack.launch()
    yield stack


@pytest.fixture()
def partitions_of() -> Any:
    return lambda records: {TopicPartition(r.topic, r.partition) for r in records}
