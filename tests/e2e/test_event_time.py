"""Same input, same stories: the broker path, with one worker or two, raises exactly the alert
ids that `storywatch backtest` raises in one process.

Story ids come from the report that opens a story, and alert ids from story ids, so equal ids
mean the reports were assigned in the same (event-time) order by every runner.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.replay import read_articles
from service.settings import Settings
from tests.e2e.conftest import Stack, probe, read_all_records

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
STREAMS = {
    "demo": REPO / "seeds",
    "heldout": REPO / "tests" / "e2e" / "heldout" / "stream.jsonl",
}


def backtest_alert_ids(stack: Stack, archive: Path, out: Path) -> list[str]:
    """The alert ids of `storywatch backtest` on the archive, with the stack's settings."""
    subprocess.run(
        [sys.executable, "-m", "service.cli", "backtest", str(archive), "--alerts-out", str(out)],
        env=stack.environment,
        check=True,
        timeout=600,
        capture_output=True,
    )
    return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]


async def broker_alert_ids(stack: Stack, archive: Path) -> list[str]:
    await stack.produce_articles(read_articles([archive]))
    await stack.wait_until_idle(timeout_s=300)
    records = await read_all_records(stack.bootstrap, stack.settings.alerts_topic)
    return [json.loads(record.value)["id"] for record in records]


async def wait_ready(url: str, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        answer = await probe(f"{url}/readyz")
        if answer is not None and answer[0] == 200:
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"{url} not ready after {timeout_s} s")


@pytest.mark.parametrize("stream", sorted(STREAMS))
async def test_one_worker_raises_the_alert_ids_of_the_backtest(
    worker_stack: Stack, tmp_path: Path, stream: str
) -> None:
    expected = backtest_alert_ids(worker_stack, STREAMS[stream], tmp_path / "backtest.jsonl")
    got = await broker_alert_ids(worker_stack, STREAMS[stream])
    assert expected, "the backtest raised no alert"
    assert len(got) == len(set(got)), "an alert id was published twice"
    assert sorted(got) == sorted(expected)


async def test_a_worker_killed_mid_stream_loses_no_alert_and_sends_none_twice(
    stack: Stack, tmp_path: Path
) -> None:
    """Two workers raise the backtest's alert ids, even when one of them is killed with SIGKILL
    as the stream arrives and started again: the other one takes its partitions over.
    `bench/robustness/kill_workers.py` kills three times with hundreds of articles in flight."""
    expected = backtest_alert_ids(stack, STREAMS["demo"], tmp_path / "backtest.jsonl")
    default_idle = str(Settings.model_fields["reorder_idle_s"].default)
    await stack.launch(STORYWATCH_REORDER_IDLE_S=default_idle)
    second = stack.start_second_worker()
    await stack.wait_until_ready()
    await wait_ready(stack.second_web)
    await stack.produce_articles(read_articles([STREAMS["demo"]]))
    second.send_signal(signal.SIGKILL)
    assert second.wait(timeout_s=30) == -signal.SIGKILL
    second.stop()  # closes its log
    restarted = stack.start_second_worker(log_name="worker-2-restarted.log")
    await wait_ready(stack.second_web)
    await stack.wait_until_idle(timeout_s=300)
    records = await read_all_records(stack.bootstrap, stack.settings.alerts_topic)
    got = [json.loads(record.value)["id"] for record in records]
    assert len(got) == len(set(got)), "an alert id was published twice"
    assert sorted(got) == sorted(expected)
    assert restarted.exit_code() is None


async def test_a_worker_that_parses_triaged_sentences_in_child_processes_raises_the_same_ids(
    stack: Stack, tmp_path: Path
) -> None:
    """Parse processes and triage (both off by default) change where and how much is parsed;
    the worker's alerts are still the backtest's, with the same settings."""
    stack.environment["STORYWATCH_TRIAGE"] = "1"
    expected = backtest_alert_ids(stack, STREAMS["demo"], tmp_path / "backtest.jsonl")
    await stack.launch(STORYWATCH_PARSE_PROCESSES="2")
    await stack.wait_until_ready()
    got = await broker_alert_ids(stack, STREAMS["demo"])
    assert len(got) == len(set(got)), "an alert id was published twice"
    assert sorted(got) == sorted(expected)
    assert stack.worker is not None
    log = stack.worker.log_path.read_text()
    assert "parsing triaged sentences in 2 parse processes" in log
