"""Items of chosen English news feeds from RSS-Link-Database-2023 as articles.jsonl.

python bench/realnews/build_rss.py /work/.mirror/rumca-js+RSS-Link-Database-2023/repo \
    /work/realnews-data/rss-october-world --from 2023-10-01 --to 2023-10-31 --topic world

Only daily folders inside 2023-10-01..2023-10-31 or 2023-12-06..2023-12-31 are ever opened; a
range touching the reserved window 2023-11-15..2023-12-05 is refused with exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.article_records import write_articles  # noqa: E402
from bench.realnews.gitsource import BlobReader, list_folder  # noqa: E402
from bench.realnews.rss_items import (  # noqa: E402
    Feed,
    RangeRefused,
    Topic,
    check_range,
    day_folders,
    select_items,
)

HERE = Path(__file__).resolve().parent
COMMIT = "08b89dd9bdbd20633c994bb4a74411f204225b0f"


def load_feeds(path: Path) -> list[Feed]:
    """The chosen feeds of rss_feeds.json."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return [Feed(entry["outlet"], tuple(entry["urls"])) for entry in document["feeds"]]


def load_topic(path: Path, name: str) -> Topic:
    """The named topic of rss_topics.json; SystemExit naming the known topics if it is absent."""
    topics: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if name not in topics:
        raise SystemExit(f"unknown topic {name!r}; known: {', '.join(sorted(topics))}")
    return Topic(name, tuple(topics[name].get("keywords", ())))


def read_items(git_dir: Path, commit: str, folders: list[str]) -> Iterator[dict[str, Any]]:
    """Every item of every *_entries.json in the given daily folders, folder by folder."""
    with BlobReader(git_dir, commit) as reader:
        for folder in folders:
            for path in list_folder(git_dir, commit, folder):
                if path.endswith("_entries.json"):
                    items = json.loads(reader.read(path))
                    yield from (item for item in items if isinstance(item, dict))


def parse_day(value: str) -> date:
    """A date from YYYY-MM-DD (argparse type)."""
    return date.fromisoformat(value)


def main(argv: list[str] | None = None) -> int:
    """Build articles.jsonl and print counts by outlet and day; 2 if the range is refused.

    The range is checked before the git directory or the output folder is touched.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "git_dir", type=Path, help="bare git dir of rumca-js/RSS-Link-Database-2023"
    )
    parser.add_argument("out_dir", type=Path, help="folder for articles.jsonl")
    parser.add_argument("--from", dest="first", type=parse_day, required=True)
    parser.add_argument("--to", dest="last", type=parse_day, required=True)
    parser.add_argument("--topic", default="world", help="a key of rss_topics.json")
    parser.add_argument("--commit", default=COMMIT)
    parser.add_argument("--feeds", type=Path, default=HERE / "rss_feeds.json")
    parser.add_argument("--topics", type=Path, default=HERE / "rss_topics.json")
    arguments = parser.parse_args(argv)
    try:
        check_range(arguments.first, arguments.last)
    except RangeRefused as refusal:
        print(f"refused: {refusal}", file=sys.stderr)
        return 2
    feeds = load_feeds(arguments.feeds)
    topic = load_topic(arguments.topics, arguments.topic)
    folders = day_folders(arguments.first, arguments.last)
    items = read_items(arguments.git_dir, arguments.commit, folders)
    records, dropped = select_items(items, feeds, topic, arguments.first, arguments.last)
    count = write_articles(arguments.out_dir / "articles.jsonl", records)
    print(f"{count} articles from {len(folders)} daily folders, topic {topic.name!r}")
    print("dropped: " + ", ".join(f"{reason} {n}" for reason, n in dropped.items()))
    by_outlet = Counter(record["source"] for record in records)
    print(
        f"outlets ({len(by_outlet)}): " + ", ".join(f"{o} {n}" for o, n in by_outlet.most_common())
    )
    by_day = Counter(record["published_at"][:10] for record in records)
    if by_day:
        print(
            f"days {min(by_day)}..{max(by_day)} ({len(by_day)} with items); per day "
            f"min {min(by_day.values())}, median {sorted(by_day.values())[len(by_day) // 2]}, "
            f"max {max(by_day.values())}"
        )
    print(f"wrote {arguments.out_dir / 'articles.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
