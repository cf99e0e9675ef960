"""A soak: one worker fed at a steady rate for many minutes; is anything growing that should not?

    python bench/speed/soak.py CORPUS.jsonl [CORPUS.jsonl ...] --rate 7.5 --minutes 10

The corpora's articles are sent one by one at `--rate` per second on fresh topics of one
embedded broker, each with a fresh id and a publication time `--event-minutes` after the one
before, so the stream's own clock moves on (30 minutes an article: at 7.5 articles a second,
about 9 days of news a minute) and stories go idle and expire (STORYWATCH_STORY_IDLE_DAYS, 30)
within the run, as on a live feed. Every `--every` seconds it prints the
articles counted, the consumer lag, the worker's RSS, the active stories, and the alert
latency (median and p99 of the alerts published in that interval). At the end: the totals,
the RSS at the middle and at the end and its growth per minute over the second half.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402

from bench.speed.broker_runs import Workers, _metric_sum, wait_counted, warmup_article  # noqa: E402
from bench.speed.corpus import corpus_articles  # noqa: E402
from service.broker import EmbeddedBroker  # noqa: E402

START = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class Sample:
    elapsed_s: float
    sent: int
    counted: float
    lag: float
    rss_mib: float
    stories: float
    latencies: list[float]


def stream(corpora: list[Path], count: int, event_minutes: float) -> list[dict[str, Any]]:
    """`count` articles from the corpora in turn (cycled when short), with fresh ids and times."""
    pool = [article for path in corpora for article in corpus_articles(path)]
    return [
        {
            **pool[number % len(pool)],
            "id": f"soak-{number}",
            "published_at": (START + timedelta(minutes=event_minutes * number)).isoformat(),
        }
        for number in range(count)
    ]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--rate", type=float, required=True, help="articles per second")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    parser.add_argument("--event-minutes", type=float, default=30.0)
    args = parser.parse_args()
    articles = stream(args.corpora, int(args.rate * args.minutes * 60), args.event_minutes)
    with (
        tempfile.TemporaryDirectory(prefix="storywatch-soak-") as scratch,
        EmbeddedBroker(log_path=Path(scratch) / "broker.log") as broker,
    ):
        workers = Workers(broker, Path(scratch))
        try:
            await workers.start()
            samples = await soak(broker, workers, articles, args.rate, args.every)
        finally:
            workers.stop()
    report(samples, args)


async def soak(
    broker: EmbeddedBroker,
    workers: Workers,
    articles: list[dict[str, Any]],
    rate: float,
    every_s: float,
) -> list[Sample]:
    settings = workers.settings
    [port] = workers.ports
    [(worker, _)] = workers.processes
    producer = AIOKafkaProducer(
        bootstrap_servers=broker.bootstrap, enable_idempotence=False, max_batch_size=1
    )
    alerts = AIOKafkaConsumer(settings.alerts_topic, bootstrap_servers=broker.bootstrap)
    await producer.start()
    await alerts.start()
    sent_at: dict[str, float] = {}
    samples: list[Sample] = []
    try:
        warmup = warmup_article(workers.suffix)
        await producer.send_and_wait(settings.articles_topic, json.dumps(warmup).encode())
        await wait_counted([port], 1)
        start = time.monotonic()
        next_sample = start + every_s
        latencies: list[float] = []
        for number, article in enumerate(articles):
            await asyncio.sleep(max(0.0, start + number / rate - time.monotonic()))
            value = json.dumps(article, ensure_ascii=False).encode()
            sent = await producer.send_and_wait(
                settings.articles_topic, value, key=article["id"].encode()
            )
            sent_at[article["id"]] = sent.timestamp / 1000
            latencies += await _new_latencies(alerts, sent_at)
            if time.monotonic() >= next_sample:
                samples.append(_sample(start, number + 1, port, worker.pid, latencies))
                latencies = []
                next_sample += every_s
        await wait_counted([port], 1 + len(articles))
        latencies += await _new_latencies(alerts, sent_at, timeout_ms=2000)
        samples.append(_sample(start, len(articles), port, worker.pid, latencies))
    finally:
        await alerts.stop()
        await producer.stop()
    return samples


async def _new_latencies(
    alerts: AIOKafkaConsumer, sent_at: dict[str, float], timeout_ms: int = 0
) -> list[float]:
    found = []
    for records in (await alerts.getmany(timeout_ms=timeout_ms)).values():
        for record in records:
            article_id = json.loads(record.value)["data"]["evidence"][0]["article_id"]
            if article_id in sent_at:
                found.append(record.timestamp / 1000 - sent_at[article_id])
    return found


def _sample(start: float, sent: int, port: int, pid: int, latencies: list[float]) -> Sample:
    return Sample(
        elapsed_s=time.monotonic() - start,
        sent=sent,
        counted=_metric_sum(port, "storywatch_articles_total") - 1,
        lag=_metric_sum(port, "storywatch_consumer_lag"),
        rss_mib=rss_mib(pid),
        stories=_metric_sum(port, "storywatch_stories_active"),
        latencies=sorted(latencies),
    )


def report(samples: list[Sample], args: argparse.Namespace) -> None:
    print(
        f"soak: {', '.join(p.name for p in args.corpora)} at {args.rate:g}/s for "
        f"{args.minutes:g} min, publication times {args.event_minutes:g} min apart"
    )
    print(
        f"{'t s':>6} {'sent':>6} {'done':>6} {'lag':>5} {'RSS MiB':>8} {'stories':>8} "
        f"{'alerts':>6} {'p50 s':>6} {'p99 s':>6}"
    )
    for sample in samples:
        found = sample.latencies
        p50 = f"{statistics.median(found):.2f}" if found else "-"
        p99 = f"{found[min(len(found) - 1, int(0.99 * len(found)))]:.2f}" if found else "-"
        print(
            f"{sample.elapsed_s:6.0f} {sample.sent:6d} {sample.counted:6.0f} {sample.lag:5.0f} "
            f"{sample.rss_mib:8.0f} {sample.stories:8.0f} {len(found):6d} {p50:>6} {p99:>6}"
        )
    every = sorted(latency for sample in samples for latency in sample.latencies)
    if every:
        print(
            f"alert latency over the run: median {statistics.median(every):.3f} s, "
            f"p99 {every[min(len(every) - 1, int(0.99 * len(every)))]:.3f} s, {len(every)} alerts"
        )
    middle, last = samples[len(samples) // 2], samples[-1]
    minutes = max(1e-9, (last.elapsed_s - middle.elapsed_s) / 60)
    print(
        f"RSS: {middle.rss_mib:.0f} MiB at {middle.elapsed_s:.0f} s, {last.rss_mib:.0f} MiB at "
        f"{last.elapsed_s:.0f} s: {(last.rss_mib - middle.rss_mib) / minutes:+.1f} MiB per "
        "minute over the second half"
    )


if __name__ == "__main__":
    asyncio.run(main())
