"""Specification of the tracking step: alerts before storing, sweeps by stream time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from service.stories.developments import TrackingRules
from service.stories.tracker import StoryTracker
from tests.unit.analyses import make_analysis, make_event

#: A first report that states a development of its own: its story opens with story.new.
MEETING = make_event()

RULES = TrackingRules()
NOW = datetime(2025, 7, 10, tzinfo=UTC)


def test_tracking_raises_alerts_and_stores_nothing_until_told() -> None:
    stories: dict[str, Any] = {}
    tracker = StoryTracker(stories, RULES, "storywatch", sweep_every=100)
    report = tracker.track(make_analysis(events=[MEETING]), NOW)
    assert report.opened and not report.copy
    assert [alert["type"] for alert in report.alerts] == ["storywatch.story.new"]
    assert stories == {}
    tracker.store(report)
    assert report.analysis.story_key in stories


def test_the_same_article_again_is_a_copy_and_raises_nothing() -> None:
    tracker = StoryTracker({}, RULES, "storywatch", sweep_every=100)
    tracker.store(tracker.track(make_analysis(events=[MEETING]), NOW))
    again = tracker.track(make_analysis(events=[MEETING]), NOW)
    assert again.copy and not again.opened and again.alerts == []


def test_a_sweep_drops_stories_idle_by_stream_time() -> None:
    stories: dict[str, Any] = {}
    tracker = StoryTracker(stories, replace(RULES, idle_days=1.0), "storywatch", sweep_every=2)
    old = make_analysis(article_id="old", story_key="story-old", events=[MEETING])
    tracker.store(tracker.track(old, NOW))
    late = make_analysis(article_id="late", story_key="story-late", events=[MEETING])
    late.published_at = old.published_at + timedelta(days=5)
    sweep = tracker.store(tracker.track(late, NOW))
    assert sweep is not None
    assert sweep.dropped == ["story-old"] and sweep.active == 1
    assert set(stories) == {"story-late"}
