"""Article records as storywatch reads them: one JSON object per line, UTC times, stable ids."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

#: The Article contract's limit on `text` (service.ingest.MAX_TEXT_CHARS).
MAX_TEXT_CHARS = 200_000


class ArticleRecord(TypedDict):
    """One line of articles.jsonl (docs/CONTRACT.md, "Article")."""

    id: str
    published_at: str
    title: str
    text: str
    source: str
    url: str
    language: str


def utc_stamp(moment: datetime) -> str:
    """`YYYY-MM-DDTHH:MM:SSZ` in UTC; a naive time is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def url_id(prefix: str, url: str) -> str:
    """`prefix` + the first 16 hex digits of sha256(url): the same url always gives the same id."""
    return prefix + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def make_record(
    article_id: str, published: datetime, title: str, text: str, source: str, url: str
) -> ArticleRecord:
    """An ArticleRecord in English whose text is cut to the contract's limit."""
    return ArticleRecord(
        id=article_id,
        published_at=utc_stamp(published),
        title=title,
        text=text[:MAX_TEXT_CHARS],
        source=source,
        url=url,
        language="en",
    )


def write_jsonl(path: Path, rows: Iterable[Any]) -> int:
    """Write one compact JSON object per line (UTF-8, creating folders); returns the line count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_articles(path: Path, records: Iterable[ArticleRecord]) -> int:
    """Write the records sorted by (published_at, id), so a rebuild gives the same file."""
    return write_jsonl(path, sorted(records, key=lambda r: (r["published_at"], r["id"])))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file, skipping blank lines."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: a JSON object was expected")
            yield row
