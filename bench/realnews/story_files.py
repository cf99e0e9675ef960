"""Read what `storywatch backtest` writes (stories, alerts) and the builders' labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.realnews.article_records import read_jsonl


@dataclass(frozen=True)
class Placement:
    """One article's line of stories.jsonl: the story it was put in."""

    article_id: str
    story_id: str
    published_at: str
    title: str | None
    opened: bool


def read_stories(path: Path) -> list[Placement]:
    """Every line of a --stories-out file in file order; unknown keys are ignored. A page that
    joined no story (not news, and like no active story) is a story of its own here."""
    return [
        Placement(
            article_id=str(row["article_id"]),
            story_id=str(row["story_id"] or f"unassigned:{row['article_id']}"),
            published_at=str(row.get("published_at") or ""),
            title=row.get("title"),
            opened=bool(row.get("opened", False)),
        )
        for row in read_jsonl(path)
    ]


def read_labels(path: Path) -> dict[str, str]:
    """id → gold event from labels.jsonl; lines without an event are left out."""
    return {str(row["id"]): str(row["event"]) for row in read_jsonl(path) if row.get("event")}


def read_alerts(path: Path) -> list[dict[str, Any]]:
    """The CloudEvents of an --alerts-out file, one per line."""
    return list(read_jsonl(path))
