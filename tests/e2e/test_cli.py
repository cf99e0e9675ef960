"""The `storywatch` command as a user runs it: real processes, real broker, exit codes, messages."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from service.broker import LOOPBACK, EmbeddedBroker, free_port
from tests.conftest import REPO, SEED_FILE
from tests.contract_validation import assert_valid_alert
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e


def storywatch(
    arguments: Sequence[str], environment: dict[str, str] | None = None, timeout_s: float = 180
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYWATCH_")}
    env.update(environment or {})
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *arguments],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )


def assert_one_clear_error(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("storywatch: error: ")
    for phrase in phrases:
        assert phrase in lines[0]


def test_run_until_idle_writes_valid_cloudevents_for_the_seed_article(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = storywatch(
        ["run", "--until-idle", "--articles", str(SEED_FILE), "--alerts-out", str(out)],
        {"STORYWATCH_WEB_PORT": str(free_port()), "STORYWATCH_DATA_DIR": str(tmp_path / "state")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    alerts = [assert_valid_alert(line) for line in out.read_text().splitlines()]
    assert [alert["type"] for alert in alerts] == ["storywatch.story.new"]
    assert "story.new" in result.stdout
    assert re.search(r"metrics: http://127\.0\.0\.1:\d+/metrics", result.stdout)


def test_replay_and_alerts_commands_round_trip_through_a_worker(
    worker_stack: Stack, tmp_path: Path
) -> None:
    environment = {k: v for k, v in worker_stack.environment.items() if k.startswith("STORYWATCH_")}
    text = tmp_path / "report.txt"
    text.write_text(
        "Kenya's parliament in Nairobi passed the finance bill on Tuesday.\n", encoding="utf-8"
    )
    replayed = storywatch(
        ["replay", str(SEED_FILE), str(text), "--published-at", "2025-07-02T08:00:00Z"], environment
    )
    assert replayed.returncode == 0, replayed.stderr
    assert "replayed 2 articles" in replayed.stderr
    asyncio.run(worker_stack.wait_until_idle())
    printed = storywatch(["alerts", "--from-beginning", "--json"], environment)
    assert printed.returncode == 0, printed.stderr
    alerts = [assert_valid_alert(line) for line in printed.stdout.splitlines()]
    assert {alert["data"]["evidence"][0]["article_id"].split("-")[0] for alert in alerts} == {
        "seed",
        "report",
    }
    readable = storywatch(["alerts", "--from-beginning"], environment)
    assert len(readable.stdout.splitlines()) == 2 and "story.new" in readable.stdout


def test_broker_command_prints_its_url_first_and_serves_kafka() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "broker"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        match = re.fullmatch(r"kafka://127\.0\.0\.1:(\d+)", first_line)
        assert match, first_line
        with socket.create_connection((LOOPBACK, int(match.group(1))), timeout=5):
            pass
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        process.stdout.close() if process.stdout else None
        process.stderr.close() if process.stderr else None


def test_analyze_prints_the_analysis_of_one_article_as_json() -> None:
    result = storywatch(["analyze", str(SEED_FILE)])
    assert result.returncode == 0, result.stderr
    analysis: dict[str, Any] = json.loads(result.stdout)
    assert analysis["article_id"] == "seed-000-53d8d85bb65e8af8"
    assert analysis["published_at"] == "2025-07-01T06:00:00Z"
    assert {"Benjamin Netanyahu", "Donald Trump"} <= {e["canonical"] for e in analysis["entities"]}
    assert {"events", "statements", "sentences", "sentiment"} <= set(analysis)
    assert ("MEETING", "planned", "2025-07-07") in {
        (e["type"], e["status"], e["when"]) for e in analysis["events"]
    }
    assert any(s["speaker"] == "Karoline Leavitt" for s in analysis["statements"])


def test_analyze_dates_plain_text_with_published_at(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Protesters rallied in Valtoria on Saturday.", encoding="utf-8")
    result = storywatch(["analyze", str(path), "--published-at", "2025-07-06T10:00:00+02:00"])
    assert result.returncode == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["published_at"] == "2025-07-06T08:00:00Z"
    [protest] = analysis["events"]
    assert (protest["type"], protest["status"], protest["when"]) == (
        "PROTEST",
        "occurred",
        "2025-07-05",
    )


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    assert_one_clear_error(storywatch(["analyze", str(tmp_path / "none.json")]), "none.json")
    assert_one_clear_error(
        storywatch(["run", "--articles", str(tmp_path / "none.jsonl")]), "no such file"
    )


def test_a_malformed_jsonl_line_is_one_clear_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{"id": \n', encoding="utf-8")
    result = storywatch(["replay", str(path)], {"STORYWATCH_BROKER_URL": "kafka://127.0.0.1:1"})
    assert_one_clear_error(result, "bad.jsonl:2", "not valid JSON")


def test_an_unreachable_broker_is_one_clear_error() -> None:
    unreachable = {"STORYWATCH_BROKER_URL": f"kafka://127.0.0.1:{free_port()}"}
    assert_one_clear_error(
        storywatch(["replay", str(SEED_FILE)], unreachable), "no Kafka broker answered"
    )
    assert_one_clear_error(
        storywatch(
            ["worker"],
            {
                **unreachable,
                "STORYWATCH_WEB_PORT": str(free_port()),
                "STORYWATCH_BROKER_WAIT_S": "0",
            },
        ),
        "no Kafka broker answered",
    )


def test_a_worker_waits_for_its_broker_with_back_off_saying_so_once(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("STORYWATCH_")},
        "STORYWATCH_BROKER_URL": f"kafka://{LOOPBACK}:{port}",
        "STORYWATCH_WEB_PORT": str(free_port()),
        "STORYWATCH_DATA_DIR": str(tmp_path / "state"),
        "STORYWATCH_BROKER_WAIT_S": "60",
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as sink:
        worker = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"],
            env=environment,
            cwd=REPO,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 30
            while "trying again with back-off" not in log.read_text() and worker.poll() is None:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            time.sleep(2)  # a few tries while nothing answers
            with EmbeddedBroker(port=port, log_path=tmp_path / "broker.log"):
                while "Ready" not in log.read_text():
                    assert worker.poll() is None, log.read_text()
                    assert time.monotonic() < deadline + 60, log.read_text()
                    time.sleep(0.3)
                worker.terminate()
                assert worker.wait(timeout=30) == 0
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    text = log.read_text()
    assert text.count("no Kafka broker answered") == 1
    assert "Traceback" not in text


def test_a_worker_without_a_broker_url_says_how_to_get_one() -> None:
    assert_one_clear_error(storywatch(["worker"]), "STORYWATCH_BROKER_URL")


def test_a_taken_port_is_one_clear_error(broker: EmbeddedBroker) -> None:
    assert broker.port is not None
    assert_one_clear_error(storywatch(["broker", "--port", str(broker.port)]), "already in use")
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert_one_clear_error(
            storywatch(["run", "--articles", str(SEED_FILE)], {"STORYWATCH_WEB_PORT": str(port)}),
            f"{port} is in use",
        )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_run_stops_its_worker_and_broker_when_interrupted(tmp_path: Path, signum: int) -> None:
    web_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYWATCH_")}
    env.update({"STORYWATCH_WEB_PORT": str(web_port), "STORYWATCH_DATA_DIR": str(tmp_path)})
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "run", "--articles", str(SEED_FILE)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line)
        if "story.new" in line:
            break
    broker_url = re.search(r"kafka://127\.0\.0\.1:(\d+)", "".join(lines))
    assert broker_url, "".join(lines)
    broker_port = int(broker_url.group(1))
    process.send_signal(signum)
    assert process.wait(timeout=60) == 130, "".join(lines) + process.stdout.read()
    process.stdout.close()
    for port in (broker_port, web_port):
        with pytest.raises(OSError), socket.create_connection((LOOPBACK, port), timeout=2):
            pass


def test_run_uses_the_configured_broker_when_a_url_is_set(
    worker_stack: Stack, tmp_path: Path
) -> None:
    worker_stack.stop_worker()  # `run` starts its own worker, in the same consumer group
    environment = {k: v for k, v in worker_stack.environment.items() if k.startswith("STORYWATCH_")}
    out = tmp_path / "out.jsonl"
    result = storywatch(
        ["run", "--until-idle", "--articles", str(SEED_FILE), "--alerts-out", str(out)], environment
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "embedded broker" not in result.stdout
    [alert] = [assert_valid_alert(line) for line in out.read_text().splitlines()]
    assert alert["source"] == f"/storywatch/{worker_stack.settings.app_id}"
