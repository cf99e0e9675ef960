"""Two workers, one killed with SIGKILL at random moments and started again: is anything lost?

    python bench/robustness/kill_workers.py ARTICLES.jsonl [--count 1000] [--kills 3] [--seed 1]

The first `count` articles of the file (in event-time order) go through `storywatch backtest`
in one process: the uninterrupted run. Then an embedded broker, two workers of one app, and
every article produced at once. A drawn 1 to 6 seconds after the start, and after each
restart, a worker drawn at random is killed with SIGKILL, and the articles not yet committed by
analysis are printed (a lower bound of those in flight: the desk is further behind). The other
worker is watched until its consumer-lag series cover every input partition (it took them
over), and the killed one is started again on its own local state.
At the end the alerts on the topic are read back and compared with the uninterrupted run's,
and each worker's `storywatch_articles_total` is added up (scraped just before each kill, and
at the end).

Prints the figures; exits 1 when an alert id is missing, extra or published twice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from bench.speed.broker_runs import Workers  # noqa: E402
from service.alert_reader import AlertReader  # noqa: E402
from service.broker import EmbeddedBroker  # noqa: E402
from service.offsets import GroupProgress  # noqa: E402
from service.replay import produce_articles, read_articles  # noqa: E402
from service.topics import internal_topics  # noqa: E402

OUTCOMES = ("processed", "duplicate", "invalid")


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the worker's /metrics, by name and labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def articles_counted(port: int) -> Counter[str]:
    """The worker's `storywatch_articles_total` by outcome."""
    counted: Counter[str] = Counter()
    for (name, labels), value in scrape(port).items():
        if name == "storywatch_articles_total":
            counted[dict(labels)["outcome"]] += int(value)
    return counted


def lag_partitions(port: int, topic: str) -> set[int]:
    """The input partitions the worker reports consumer lag for: the ones assigned to it."""
    return {
        int(dict(labels)["partition"])
        for (name, labels) in scrape(port)
        if name == "storywatch_consumer_lag" and dict(labels).get("topic") == topic
    }


def uninterrupted_alerts(
    archive: Path, environment: dict[str, str], folder: Path
) -> list[dict[str, Any]]:
    out = folder / "backtest-alerts.jsonl"
    subprocess.run(
        [sys.executable, "-m", "service.cli", "backtest", str(archive), "--alerts-out", str(out)],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=3600,
    )
    return [json.loads(line) for line in out.read_text().splitlines()]


async def committed_share(progress: GroupProgress, topic: str, total: int) -> float:
    ends = await progress.end_offsets(topic)
    lag = await progress.lag(list(ends))
    return 1 - sum(lag.values()) / max(1, total)


async def wait_takeover(port: int, topic: str, partitions: int, timeout_s: float = 120) -> float:
    """Seconds until the worker on `port` reports every input partition as its own."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if len(lag_partitions(port, topic)) == partitions:
            return time.monotonic() - started
        await asyncio.sleep(0.5)
    return float("nan")


async def wait_idle(progress: GroupProgress, topics: list[str], timeout_s: float = 3600) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await progress.caught_up_with(topics):
            return
        await asyncio.sleep(0.5)
    raise RuntimeError("the workers did not get idle")


async def alerts_on_topic(bootstrap: str, topic: str) -> list[dict[str, Any]]:
    reader = AlertReader(bootstrap, topic)
    await reader.start(from_beginning=True)
    try:
        alerts: list[dict[str, Any]] = []
        while not await reader.at_end():
            alerts += await reader.read(timeout_s=0.5)
        return alerts
    finally:
        await reader.stop()


async def run(args: argparse.Namespace, folder: Path) -> bool:
    articles = read_articles([args.articles])[: args.count]
    archive = folder / "articles.jsonl"
    archive.write_text("".join(json.dumps(a) + "\n" for a in articles))
    rng = random.Random(args.seed)
    with EmbeddedBroker(log_path=folder / "broker.log") as broker:
        workers = Workers(broker, folder, count=2)
        settings = workers.settings
        environment = {**os.environ, "STORYWATCH_APP_ID": settings.app_id}
        clock = time.monotonic()
        expected = uninterrupted_alerts(archive, environment, folder)
        print(
            f"uninterrupted (backtest): {len(expected)} alerts in {time.monotonic() - clock:.0f} s"
        )
        await workers.start()
        progress = GroupProgress(broker.bootstrap, settings.app_id)
        await progress.start()
        counted: Counter[str] = Counter()
        try:
            clock = time.monotonic()
            await produce_articles(broker.bootstrap, settings.articles_topic, articles, False)
            for attempt in range(1, args.kills + 1):
                await asyncio.sleep(rng.uniform(1.0, 6.0))
                done = await committed_share(progress, settings.articles_topic, len(articles))
                victim = rng.randrange(2)
                survivor_port = workers.ports[1 - victim]
                counted += articles_counted(workers.ports[victim])
                workers.kill(victim)
                in_flight = round((1 - done) * len(articles))
                took = await wait_takeover(
                    survivor_port, settings.articles_topic, settings.partitions
                )
                print(
                    f"kill {attempt}: worker {victim} at {done:.0%} committed ({in_flight} "
                    f"articles "
                    f"in flight); the survivor held all {settings.partitions} partitions after "
                    f"{took:.1f} s"
                )
                await workers.restart(victim, attempt)
            await wait_idle(progress, [settings.articles_topic, *internal_topics(settings)])
            seconds = time.monotonic() - clock
            for port in workers.ports:
                counted += articles_counted(port)
            lag = await progress.lag(list(await progress.end_offsets(settings.articles_topic)))
            got = await alerts_on_topic(broker.bootstrap, settings.alerts_topic)
        finally:
            await progress.stop()
            workers.stop()
    twice = [i for i, n in Counter(a["id"] for a in got).items() if n > 1]
    missing = {a["id"] for a in expected} - {a["id"] for a in got}
    extra = {a["id"] for a in got} - {a["id"] for a in expected}
    total = sum(counted[o] for o in OUTCOMES)
    print(f"interrupted: {len(got)} alerts in {seconds:.0f} s, {len(twice)} ids published twice")
    print(f"  against the uninterrupted run: {len(missing)} missing, {len(extra)} extra")
    print(
        f"  articles counted by the workers: {total} for {len(articles)} produced "
        f"({', '.join(f'{o} {counted[o]}' for o in OUTCOMES)}); consumer lag at the end "
        f"{sum(lag.values())} over {len(lag)} partitions"
    )
    for label, ids, alerts in (("missing", missing, expected), ("extra", extra, got)):
        for alert in alerts:
            if alert["id"] in ids:
                print(f"    {label}: {describe(alert)}")
    return not (twice or missing or extra) and total >= len(articles)


def describe(alert: dict[str, Any]) -> str:
    """Type, story and the article that raised it: enough to find it in the logs."""
    evidence = alert.get("data", {}).get("evidence") or [{}]
    return f"{alert['type']} {alert.get('subject')} from {evidence[0].get('article_id')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="a JSONL file of Articles")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the logs folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="storywatch-kill-"))
    print(
        f"{args.articles.name}: first {args.count} articles, {args.kills} kills, seed {args.seed}"
    )
    ok = asyncio.run(run(args, folder))
    print(f"logs: {folder}" if args.keep else "")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
