"""Kafka over TLS, end to end: the worker, `storywatch replay` and `storywatch alerts` reach the
broker only through a TLS port that checks nothing but TLS, with the CA from the settings.

The embedded broker (Tansu 0.6.0) takes a certificate but its TLS listener did not complete a
handshake here, so Debian's stunnel4 terminates TLS in front of it, and the broker advertises
stunnel's port: every client is sent back through TLS.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError
from prometheus_client.parser import text_string_to_metric_families

from service.broker import LOOPBACK, EmbeddedBroker, free_port
from service.local_run import WorkerProcess
from tests.e2e.conftest import probe
from tests.e2e.test_cli import storywatch
from tests.e2e.test_event_time import wait_ready

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "seeds" / "010_demo_stream.jsonl"


@pytest.fixture()
def tls_port(certificate: Path, tmp_path: Path) -> Iterator[tuple[int, EmbeddedBroker]]:
    """A TLS port (stunnel) in front of a broker of its own that advertises that port."""
    outer, inner = free_port(), free_port()
    config = tmp_path / "stunnel.conf"
    config.write_text(
        "foreground = yes\npid =\n[kafka]\n"
        f"accept = {LOOPBACK}:{outer}\nconnect = {LOOPBACK}:{inner}\n"
        f"cert = {certificate}\nkey = {certificate.with_name('key.pem')}\n"
    )
    with EmbeddedBroker(inner, tmp_path / "broker.log", advertised=f"{LOOPBACK}:{outer}") as broker:
        with (tmp_path / "stunnel.log").open("wb") as log:
            tunnel = subprocess.Popen(["stunnel4", str(config)], stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 10
            while not listening(outer):
                assert tunnel.poll() is None and time.monotonic() < deadline, "stunnel4 failed"
                time.sleep(0.1)
            yield outer, broker
        finally:
            tunnel.terminate()
            tunnel.wait(timeout=10)


def listening(port: int) -> bool:
    with socket.socket() as probe_socket:
        return probe_socket.connect_ex((LOOPBACK, port)) == 0


async def test_the_worker_and_the_command_line_work_through_tls_and_plaintext_is_refused(
    tls_port: tuple[int, EmbeddedBroker], certificate: Path, tmp_path: Path
) -> None:
    port, _ = tls_port
    web_port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("STORYWATCH_")},
        "STORYWATCH_BROKER_URL": f"kafka://{LOOPBACK}:{port}",
        "STORYWATCH_KAFKA_SECURITY_PROTOCOL": "SSL",
        "STORYWATCH_KAFKA_SSL_CAFILE": str(certificate),
        "STORYWATCH_WEB_PORT": str(web_port),
        "STORYWATCH_DATA_DIR": str(tmp_path / "state"),
        "STORYWATCH_PARTITIONS": "2",
        "STORYWATCH_REORDER_IDLE_S": "2",
    }
    worker = WorkerProcess(environment, tmp_path / "worker.log")
    try:
        web = f"http://{LOOPBACK}:{web_port}"
        await wait_ready(web)
        replay = storywatch(["replay", str(DEMO)], environment)
        assert replay.returncode == 0, replay.stderr
        articles = sum(1 for line in DEMO.read_text().splitlines() if line.strip())
        published = await wait_for_alerts(web, articles, worker)
        printed = storywatch(["alerts", "--from-beginning", "--json"], environment)
        assert printed.returncode == 0, printed.stderr
        alerts = [json.loads(line) for line in printed.stdout.splitlines()]
        assert len(alerts) == published > 0
        answer = await probe(f"{web}/readyz")
        assert answer is not None and answer[0] == 200
        assert answer[1]["checks"]["broker_reachable"] is True
    finally:
        worker.stop()
    await assert_plaintext_refused(port)


async def wait_for_alerts(web: str, articles: int, worker: WorkerProcess) -> int:
    """Once the worker has counted every article: the alerts it says it published."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert worker.exit_code() is None, worker.log_tail(40)
        metrics = metric_sums(web)
        if metrics.get("storywatch_articles_total", 0) >= articles:
            return int(metrics.get("storywatch_alerts_total", 0))
        await asyncio.sleep(0.5)
    raise AssertionError(f"the worker did not count {articles} articles:\n{worker.log_tail(40)}")


def metric_sums(web: str) -> dict[str, float]:
    with urllib.request.urlopen(f"{web}/metrics", timeout=5) as response:
        text = response.read().decode()
    sums: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            sums[sample.name] = sums.get(sample.name, 0.0) + sample.value
    return sums


async def assert_plaintext_refused(port: int) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=f"{LOOPBACK}:{port}", enable_idempotence=False, request_timeout_ms=3000
    )
    try:
        with pytest.raises((KafkaConnectionError, asyncio.TimeoutError)):
            await asyncio.wait_for(producer.start(), 10)
    finally:
        await producer.stop()
