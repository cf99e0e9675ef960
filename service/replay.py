"""Read article files (JSONL or plain text) and produce them to the articles topic.

Files are read whole before anything is sent, so a malformed line stops a replay before its
first message, with the file and line in the error. What each object holds is the worker's
business: replay sends the objects as they are, and the worker validates them.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError
from tqdm import tqdm

from service.ingest import parse_timestamp
from service.kafka_access import PLAINTEXT
from service.schemas import utc_iso
from service.topics import BrokerUnreachable

ARTICLE_FILE_SUFFIXES = (".jsonl", ".txt")


class ArticleFileError(ValueError):
    """An article file that cannot be read, with where and why."""


@dataclass(frozen=True)
class ReplaySummary:
    """What a replay sent, where, in how long: per partition, the offset after the last
    message it produced."""

    sent: int
    end_offsets: dict[int, int]
    topic: str
    seconds: float

    def describe(self) -> str:
        """The closing line of a replay: how many, where to, how fast, up to which offsets."""
        rate = self.sent / self.seconds if self.seconds > 0 else 0.0
        ends = ", ".join(
            f"partition {p} to offset {o}" for p, o in sorted(self.end_offsets.items())
        )
        return (
            f"replayed {self.sent} articles to '{self.topic}' in {self.seconds:.2f} s "
            f"({rate:.0f} articles/s); {ends or 'nothing sent'}"
        )


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with folders expanded to their *.jsonl and *.txt files in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in ARTICLE_FILE_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise ArticleFileError(f"{path}: no such file or folder")
    return files


def read_articles(
    paths: Iterable[Path], published_at: datetime | None = None
) -> list[dict[str, Any]]:
    """Every article in the files: JSONL lines as objects, plain-text files as one article each.

    A plain-text file becomes an Article dated `published_at` (default: now), its id from the
    file name and a hash of its text, its title its first line.
    """
    articles: list[dict[str, Any]] = []
    for path in article_files(paths):
        if path.suffix == ".jsonl":
            articles += read_jsonl(path)
        else:
            articles.append(article_from_text(path, published_at or datetime.now(UTC)))
    return sorted(articles, key=event_time_order)


def event_time_order(document: dict[str, Any]) -> tuple[datetime, str]:
    """Publication time, then id: the order a replay sends in, so each partition is in event
    time (what the assignment step's watermark relies on). Objects whose time does not parse
    go first, as they are: the worker dead-letters them."""
    stamp = document.get("published_at")
    moment = parse_timestamp(stamp) if isinstance(stamp, str) else None
    return (moment or datetime.min.replace(tzinfo=UTC), str(document.get("id", "")))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file; blank lines are skipped."""
    objects = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(document, dict):
                raise ArticleFileError(f"{path}:{number}: a JSONL line must be a JSON object")
            objects.append(document)
    return objects


def article_from_text(path: Path, published_at: datetime) -> dict[str, Any]:
    """One Article object from a plain-text file."""
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return {
        "id": f"{path.stem}-{digest}",
        "published_at": utc_iso(published_at),
        "title": title[:200],
        "text": text,
    }


async def produce_articles(
    bootstrap: str,
    topic: str,
    articles: Sequence[dict[str, Any]],
    progress: bool = True,
    security: Mapping[str, Any] = PLAINTEXT,
    batch_bytes: int = 1,
) -> ReplaySummary:
    """Send each article keyed by its id and wait until the broker has them all.

    Articles are spread over the partitions by key, as live producers do; `read_articles` has
    put them in event-time order, so each partition holds them in that order, and the
    assignment step's reorder window restores one order across partitions. `batch_bytes`:
    the setting `producer_batch_bytes`.
    """
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=False,
        max_batch_size=batch_bytes,
        **security,
    )
    try:
        await producer.start()
    except KafkaConnectionError as exc:
        await producer.stop()
        raise BrokerUnreachable(f"no Kafka broker answered at {bootstrap}") from exc
    end_offsets: dict[int, int] = {}
    started = time.monotonic()
    try:
        with tqdm(total=len(articles), unit="article", disable=not progress, desc="replay") as bar:
            deliveries = []
            for article in articles:
                key = str(article.get("id", "")).encode() or None
                value = json.dumps(article, ensure_ascii=False).encode()
                deliveries.append(await producer.send(topic, value, key=key))
            for delivery in deliveries:
                metadata = await delivery
                end_offsets[metadata.partition] = max(
                    end_offsets.get(metadata.partition, 0), metadata.offset + 1
                )
                bar.update()
    finally:
        await producer.stop()
    return ReplaySummary(
        sent=len(articles),
        end_offsets=end_offsets,
        topic=topic,
        seconds=time.monotonic() - started,
    )
