"""`storywatch run`: broker (embedded unless configured), worker, replay, alerts printed.

The worker runs as its own process, exactly as in production (`storywatch worker`); this
module only starts it, feeds it and watches what comes out.

Idle, for `--until-idle`, is read from Kafka itself: the worker's consumer group has
committed every offset of the articles replayed and of the analyses topic, and the alerts
topic has been read to its end after that. Agents await each send before acking, so a
committed offset implies the alerts it caused are on the broker.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from aiokafka import TopicPartition

from service.alert_reader import AlertReader
from service.alerts import describe_alert
from service.broker import EmbeddedBroker, port_is_free
from service.kafka_access import client_options
from service.offsets import GroupProgress
from service.replay import produce_articles, read_articles
from service.settings import Settings
from service.topics import ensure_topics, external_topics, internal_topics


class RunError(RuntimeError):
    """`storywatch run` cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class RunOptions:
    article_paths: Sequence[Path]
    until_idle: bool = False
    alerts_out: Path | None = None
    idle_timeout_s: float = 300.0


class WorkerProcess:
    """`storywatch worker` as a child process with its own settings and a log file."""

    def __init__(self, environment: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self._log_file = log_path.open("wb")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self._process.pid

    def exit_code(self) -> int | None:
        return self._process.poll()

    def send_signal(self, signum: int) -> None:
        self._process.send_signal(signum)

    def wait(self, timeout_s: float) -> int:
        """The exit code, once the process has exited (`subprocess.TimeoutExpired` if not)."""
        return self._process.wait(timeout=timeout_s)

    def log_tail(self, lines: int = 15) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, timeout_s: float = 20.0) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log_file.close()


def check_web_port(settings: Settings) -> None:
    """Fail with what to do when the worker's web port is already taken."""
    if not port_is_free(settings.web_port, settings.web_host):
        raise RunError(
            f"the web port {settings.web_host}:{settings.web_port} is in use; "
            "set STORYWATCH_WEB_PORT to a free port"
        )


def log_folder(settings: Settings) -> Path:
    """Where local runs keep the worker's and the embedded broker's logs (created if missing)."""
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_all_in_one(settings: Settings, options: RunOptions, out: IO[str] = sys.stdout) -> int:
    """Run the local stack until idle (with `until_idle`) or until interrupted; 0 on success."""
    articles = read_articles(options.article_paths)
    check_web_port(settings)
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="storywatch-")))
        logs = log_folder(settings)
        environment = dict(os.environ)
        if settings.broker_url is None:
            broker = stack.enter_context(EmbeddedBroker(log_path=logs / "broker.log"))
            environment["STORYWATCH_BROKER_URL"] = broker.url
            # The embedded broker keeps nothing across restarts, so neither may the tables.
            environment["STORYWATCH_DATA_DIR"] = str(scratch / "state")
            settings = settings.model_copy(update={"broker_url": broker.url})
            print(
                f"embedded broker: {broker.url} (topics in memory only: its articles, alerts "
                "and story state are gone when this run stops; set STORYWATCH_BROKER_URL to "
                "keep them)",
                file=out,
                flush=True,
            )
        asyncio.run(
            ensure_topics(settings, [*external_topics(settings), *internal_topics(settings)])
        )
        worker = WorkerProcess(environment, logs / "worker.log")
        stack.callback(worker.stop)
        base = f"http://{settings.web_host}:{settings.web_port}"
        print(f"worker log: {worker.log_path}", file=out, flush=True)
        print(
            f"live page: {base}/  metrics: {base}/metrics  ready: {base}/readyz",
            file=out,
            flush=True,
        )
        alert_sink = (
            stack.enter_context(options.alerts_out.open("w", encoding="utf-8"))
            if options.alerts_out
            else None
        )
        return asyncio.run(_replay_and_watch(settings, options, articles, worker, alert_sink, out))


async def _replay_and_watch(
    settings: Settings,
    options: RunOptions,
    articles: list[dict[str, Any]],
    worker: WorkerProcess,
    alert_sink: IO[str] | None,
    out: IO[str],
) -> int:
    bootstrap = settings.bootstrap_servers()
    security = client_options(settings)
    reader = AlertReader(bootstrap, settings.alerts_topic, security)
    await reader.start(from_beginning=False)
    progress = GroupProgress(bootstrap, settings.app_id, security)
    await progress.start()
    try:
        replayed = await produce_articles(
            bootstrap,
            settings.articles_topic,
            articles,
            progress=out.isatty(),
            security=security,
            batch_bytes=settings.producer_batch_bytes,
        )
        print(f"replayed {replayed.sent} articles; alerts:", file=out, flush=True)
        targets = {
            TopicPartition(settings.articles_topic, partition): offset
            for partition, offset in replayed.end_offsets.items()
        }
        deadline = time.monotonic() + options.idle_timeout_s
        next_check = 0.0
        while True:
            for alert in await reader.read(timeout_s=0.5):
                print(describe_alert(alert), file=out, flush=True)
                if alert_sink is not None:
                    alert_sink.write(json.dumps(alert, ensure_ascii=False) + "\n")
                    alert_sink.flush()
            if worker.exit_code() is not None:
                raise RunError(
                    f"the worker exited with code {worker.exit_code()}; last lines of its log "
                    f"({worker.log_path}):\n{worker.log_tail()}"
                )
            if not options.until_idle or time.monotonic() < next_check:
                continue
            next_check = time.monotonic() + 1.0
            if await _pipeline_idle(progress, settings, targets) and await reader.at_end():
                print("idle: every replayed article is processed.", file=out, flush=True)
                return 0
            if time.monotonic() > deadline:
                raise RunError(
                    f"the worker was not idle after {options.idle_timeout_s:.0f} s; "
                    f"see its log: {worker.log_path}"
                )
    finally:
        await progress.stop()
        await reader.stop()


async def _pipeline_idle(
    progress: GroupProgress, settings: Settings, replayed: dict[TopicPartition, int]
) -> bool:
    """The replayed articles, then everything on the internal topics, are committed."""
    return await progress.caught_up(replayed) and await progress.caught_up_with(
        internal_topics(settings)
    )
