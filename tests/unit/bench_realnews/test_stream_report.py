"""The stream report's figures on an invented stream."""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.realnews.story_files import Placement
from bench.realnews.stream_report import alert_day, alert_lines, stream_lines, week_lines


def placed(article: str, story: str, published: str, opened: bool = False) -> Placement:
    """An invented stories.jsonl line."""
    return Placement(article, story, published, f"Invented title {article}", opened)


STREAM = [
    # ISO week 41 (9..15 October 2023): story s1 has 3 of 4 items.
    placed("a1", "s1", "2023-10-09T08:00:00Z", opened=True),
    placed("a2", "s1", "2023-10-10T08:00:00Z"),
    placed("a3", "s1", "2023-10-11T08:00:00Z"),
    placed("a4", "s2", "2023-10-12T08:00:00Z", opened=True),
    # ISO week 42: s1 has 1 of 2 items.
    placed("a5", "s1", "2023-10-16T08:00:00Z"),
    placed("a6", "s3", "2023-10-17T08:00:00Z", opened=True),
]


def test_weeks_and_the_largest_story_share_over_full_weeks() -> None:
    lines = stream_lines(STREAM, full_week=3)
    assert lines[0].startswith("items 6, stories 3 (opened flags 3), one-article stories 66.7%")
    assert any(line.startswith("2023-W41") and line.endswith("75.0%") for line in lines)
    assert any(line.startswith("2023-W42") and line.endswith("50.0%") for line in lines)
    assert lines[-1].endswith("max over weeks of >= 3 items: 75.0%")
    # With a threshold above every week, no week counts.
    assert stream_lines(STREAM, full_week=5)[-1].endswith("0.0%")


def test_alerts_by_kind_and_day_prefer_the_published_time() -> None:
    alerts: list[dict[str, Any]] = [
        {"type": "storywatch.story.new", "time": "2023-10-09T08:00:01Z"},
        {
            "type": "storywatch.story.new",
            "time": "2024-01-01T00:00:00Z",
            "data": {"published_at": "2023-10-10T08:00:00Z"},
        },
        {"type": "storywatch.event.new", "time": "2023-10-10T09:00:00+00:00"},
    ]
    assert alert_day(alerts[1]) == "2023-10-10"
    lines = alert_lines(alerts, items=6)
    assert lines[0] == "alerts 3, per 100 items 50.00"
    assert any("storywatch.story.new" in line and line.endswith("2") for line in lines)
    assert any(line.strip() == "2023-10-10        2" for line in lines)


def test_the_week_lists_stories_by_their_size_in_that_week() -> None:
    lines = week_lines(STREAM, date(2023, 10, 10), top=2)
    assert lines[0] == "week 2023-10-10..2023-10-16: 4 items, 2 stories"
    assert lines[1].startswith("    3 this week (4 in all)  story s1")
