"""A real Prometheus server (Debian's `prometheus`) scrapes a real worker on the embedded
broker, with the alert rules of deploy/prometheus loaded; everything is read back through
Prometheus's HTTP API."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.broker import free_port
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
RULES = ROOT / "deploy" / "prometheus" / "storywatch-rules.yml"
SEED_FILE = ROOT / "seeds" / "000_gaza_ceasefire_talks.jsonl"


class PrometheusServer:
    """`prometheus` as a child process scraping one worker every second."""

    def __init__(self, folder: Path, worker_port: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = folder / "prometheus.yml"
        config.write_text(
            json.dumps(  # JSON is YAML
                {
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                    "rule_files": [str(RULES)],
                    "scrape_configs": [
                        {
                            "job_name": "storywatch",
                            "static_configs": [{"targets": [f"127.0.0.1:{worker_port}"]}],
                        }
                    ],
                }
            )
        )
        self.log_path = folder / "prometheus.log"
        self._log = self.log_path.open("wb")
        self._process = subprocess.Popen(
            [
                "prometheus",
                f"--config.file={config}",
                f"--storage.tsdb.path={folder / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def get(self, path: str, **query: str) -> Any:
        url = f"{self.url}{path}?{urllib.parse.urlencode(query)}"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())

    def value(self, expression: str) -> float | None:
        """The one value an instant query gives, or None when it gives no series."""
        result = self.get("/api/v1/query", query=expression)["data"]["result"]
        return float(result[0]["value"][1]) if result else None

    async def wait_for(self, expression: str, holds: Any, timeout_s: float = 60) -> float:
        """Poll an instant query until `holds(value)`; its last value."""
        deadline = time.monotonic() + timeout_s
        value = None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise AssertionError(f"prometheus exited; log: {self.log_path}")
            try:
                value = self.value(expression)
            except OSError:
                value = None  # not listening yet
            if value is not None and holds(value):
                return value
            await asyncio.sleep(0.5)
        raise AssertionError(f"{expression} was {value} after {timeout_s} s")

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()


@pytest.fixture()
def prometheus(worker_stack: Stack) -> Iterator[PrometheusServer]:
    server = PrometheusServer(worker_stack.folder, worker_stack.settings.web_port)
    yield server
    server.stop()


async def test_prometheus_scrapes_the_worker_and_sees_articles_and_alerts_rise(
    worker_stack: Stack, prometheus: PrometheusServer
) -> None:
    assert await prometheus.wait_for('up{job="storywatch"}', lambda up: up == 1) == 1
    articles_before = await prometheus.wait_for("sum(storywatch_articles_total)", lambda n: n >= 0)
    alerts_before = await prometheus.wait_for("sum(storywatch_alerts_total)", lambda n: n >= 0)

    subprocess.run(
        [sys.executable, "-m", "service.cli", "replay", str(SEED_FILE)],
        env=worker_stack.environment,
        check=True,
        capture_output=True,
    )
    await worker_stack.wait_until_idle()

    articles_after = await prometheus.wait_for(
        "sum(storywatch_articles_total)", lambda n: n > articles_before
    )
    alerts_after = await prometheus.wait_for(
        "sum(storywatch_alerts_total)", lambda n: n > alerts_before
    )
    assert (articles_before, articles_after) == (0, 1)
    assert (alerts_before, alerts_after) == (0, 1)
    assert prometheus.value('storywatch_alerts_total{type="storywatch.story.new"}') == 1

    [target] = prometheus.get("/api/v1/targets")["data"]["activeTargets"]
    assert (target["labels"]["job"], target["health"]) == ("storywatch", "up")
    groups = prometheus.get("/api/v1/rules")["data"]["groups"]
    loaded = {rule["name"]: rule["health"] for group in groups for rule in group["rules"]}
    assert loaded and set(loaded.values()) == {"ok"}, loaded
    assert "StorywatchWorkerDown" in loaded
