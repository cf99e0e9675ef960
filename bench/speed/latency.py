"""Alert latency of one storywatch worker fed at a steady rate (half its capacity, say).

    python bench/speed/latency.py CORPUS.jsonl --rate 6 [--count 600] [--parse-processes 0]

Articles are sent one by one at `--rate` per second on fresh topics of one embedded broker.
An alert's latency is its record's timestamp minus the timestamp of the article record that
revealed it (both stamped on send by this machine's clock). Prints the median, p90, p99 and
the largest, and the worker's peak RSS (children included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiokafka import AIOKafkaProducer  # noqa: E402

from bench.pipeline_latency import read_alert_records  # noqa: E402
from bench.speed.broker_runs import Workers, wait_counted, warmup_article  # noqa: E402
from bench.speed.corpus import corpus_articles  # noqa: E402
from service.broker import EmbeddedBroker  # noqa: E402


async def send_paced(
    bootstrap: str, topic: str, articles: list[dict[str, Any]], rate: float
) -> dict[str, float]:
    """Send each article at its slot on a steady clock; returns the broker timestamps."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, enable_idempotence=False, max_batch_size=1
    )
    await producer.start()
    sent_at: dict[str, float] = {}
    try:
        start = time.monotonic()
        for number, article in enumerate(articles):
            await asyncio.sleep(max(0.0, start + number / rate - time.monotonic()))
            value = json.dumps(article, ensure_ascii=False).encode()
            metadata = await producer.send_and_wait(topic, value, key=article["id"].encode())
            sent_at[article["id"]] = metadata.timestamp / 1000
    finally:
        await producer.stop()
    return sent_at


def quantile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rate", type=float, required=True, help="articles per second")
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--parse-processes", type=int, default=0)
    args = parser.parse_args()
    articles = corpus_articles(args.corpus, args.count)
    with (
        tempfile.TemporaryDirectory(prefix="storywatch-latency-") as scratch,
        EmbeddedBroker(log_path=Path(scratch) / "broker.log") as broker,
    ):
        stack = Workers(broker, Path(scratch), parse_processes=args.parse_processes)
        try:
            await stack.start()
            topic = stack.settings.articles_topic
            await send_paced(broker.bootstrap, topic, [warmup_article(stack.suffix)], 1)
            await wait_counted(stack.ports, 1)
            sent_at = await send_paced(broker.bootstrap, topic, articles, args.rate)
            await wait_counted(stack.ports, 1 + len(articles))
            peak = max(stack.peak_rss())
            records = await read_alert_records(stack.settings)
        finally:
            stack.stop()
    latencies = sorted(
        record.timestamp / 1000 - sent_at[article_id]
        for record in records
        if (article_id := json.loads(record.value)["data"]["evidence"][0]["article_id"]) in sent_at
    )
    print(
        f"{args.corpus.name}: {len(articles)} articles at {args.rate:g}/s, "
        f"{args.parse_processes} parse processes; {len(latencies)} alerts"
    )
    print(
        f"alert latency: median {statistics.median(latencies):.3f} s, "
        f"p90 {quantile(latencies, 0.9):.3f} s, p99 {quantile(latencies, 0.99):.3f} s, "
        f"max {latencies[-1]:.3f} s; worker peak RSS {peak / 2**20:.0f} MiB"
    )


if __name__ == "__main__":
    asyncio.run(main())
