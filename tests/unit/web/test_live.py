"""The live page's feed: newest first, de-duplicated, filtered, grouped into stories, capped."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from service.web import live
from service.web.live import LiveFeed


def alert(
    number: int,
    story: str = "story-a",
    kind: str = "storywatch.event.new",
    severity: str = "low",
    sentiment: float | None = None,
    sources: int = 1,
) -> dict[str, Any]:
    return {
        "id": f"id-{number}",
        "type": kind,
        "subject": story,
        "time": f"2025-07-{number:02d}T00:00:00Z",
        "data": {
            "story": {
                "id": story,
                "title": f"title {story}",
                "actors": ["Israel"],
                "sources": sources,
            },
            "summary": f"summary {number}",
            "severity": severity,
            "sentiment": {"article": sentiment, "story_baseline": None},
        },
    }


def test_alerts_come_newest_first() -> None:
    feed = LiveFeed()
    for number in (1, 2, 3):
        feed.add(alert(number))
    assert [a["id"] for a in feed.alerts()] == ["id-3", "id-2", "id-1"]


def test_an_alert_delivered_twice_is_held_once() -> None:
    feed = LiveFeed()
    assert feed.add(alert(1)) is True
    assert feed.add(alert(1)) is False
    assert len(feed.alerts()) == 1
    assert feed.counts()["alerts"] == 1


@pytest.mark.parametrize(
    ("kind", "severity", "expected"),
    [
        (None, None, ["id-3", "id-2", "id-1"]),
        ("storywatch.story.new", None, ["id-1"]),
        (None, "high", ["id-3", "id-2"]),
        ("storywatch.event.new", "high", ["id-2"]),
        ("storywatch.sentiment.shift", None, []),
    ],
)
def test_alerts_filter_by_type_and_severity(
    kind: str | None, severity: str | None, expected: list[str]
) -> None:
    feed = LiveFeed()
    feed.add(alert(1, kind="storywatch.story.new", severity="info"))
    feed.add(alert(2, severity="high"))
    feed.add(alert(3, kind="storywatch.statement.new", severity="high"))
    assert [a["id"] for a in feed.alerts(kind=kind, severity=severity)] == expected


def test_stories_list_the_most_recently_active_first_with_their_latest_development() -> None:
    feed = LiveFeed()
    feed.add(alert(1, story="story-a"))
    feed.add(alert(2, story="story-b"))
    feed.add(alert(3, story="story-a", sources=4))
    stories = feed.stories()
    assert [s["id"] for s in stories] == ["story-a", "story-b"]
    assert stories[0]["alerts"] == 2
    assert stories[0]["sources"] == 4
    assert stories[0]["first_seen"] == "2025-07-01T00:00:00Z"
    assert stories[0]["last_seen"] == "2025-07-03T00:00:00Z"
    assert stories[0]["latest"]["summary"] == "summary 3"


def test_a_storys_sentiment_points_are_its_developments_with_a_tone() -> None:
    feed = LiveFeed()
    feed.add(alert(1, sentiment=-0.2))
    feed.add(alert(2))
    feed.add(alert(3, sentiment=0.4))
    digest = feed.story("story-a")
    assert digest is not None
    assert [(p["at"][:10], p["article"]) for p in digest.sentiment()] == [
        ("2025-07-01", -0.2),
        ("2025-07-03", 0.4),
    ]


def test_the_feed_and_the_story_list_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "MAX_RECENT_ALERTS", 3)
    monkeypatch.setattr(live, "MAX_STORIES", 2)
    feed = LiveFeed()
    for number in range(1, 6):
        feed.add(alert(number, story=f"story-{number}"))
    assert [a["id"] for a in feed.alerts()] == ["id-5", "id-4", "id-3"]
    assert [s["id"] for s in feed.stories()] == ["story-5", "story-4"]


def test_an_alert_with_missing_fields_is_held_not_refused() -> None:
    feed = LiveFeed()
    assert feed.add({"id": "bare", "data": None}) is True
    assert feed.stories()[0]["latest"]["summary"] is None


async def test_subscribers_get_each_new_alert_until_they_unsubscribe() -> None:
    feed = LiveFeed()
    page = feed.subscribe()
    feed.add(alert(1))
    feed.add(alert(1))  # a repeat is not pushed
    assert (await asyncio.wait_for(page.get(), 1))["id"] == "id-1"
    assert page.empty()
    feed.unsubscribe(page)
    feed.add(alert(2))
    assert page.empty()


def test_a_page_that_stops_reading_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "MAX_QUEUED_PER_PAGE", 2)
    feed = LiveFeed()
    page = feed.subscribe()
    for number in (1, 2, 3):
        feed.add(alert(number))
    assert not feed.is_subscribed(page)
    assert page.qsize() == 2
