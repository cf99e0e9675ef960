"""Specification of the tracking step: alerts before storing, sweeps by stream time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from service.stories.developments import TrackingRules
from service.stories.expiry import StreamClock
from service.stories.state import MAX_REPORTS
from service.stories.tracker import StoryTracker
from tests.unit.analyses import make_analysis, make_event

#: A first report that states a development of its own: its story opens with story.new.
MEETING = make_event()

RULES = TrackingRules()
NOW = datetime(2025, 7, 10, tzinfo=UTC)


def test_tracking_raises_alerts_and_stores_nothing_until_told() -> None:
    stories: dict[str, Any] = {}
    tracker = StoryTracker(stories, RULES, "storywatch", sweep_days=1.0)
    report = tracker.track(make_analysis(events=[MEETING]), NOW)
    assert report.opened and not report.copy
    assert [alert["type"] for alert in report.alerts] == ["storywatch.story.new"]
    assert stories == {}
    tracker.store(report)
    assert report.analysis.story_key in stories


def test_the_same_article_again_is_a_copy_and_raises_nothing() -> None:
    tracker = StoryTracker({}, RULES, "storywatch", sweep_days=1.0)
    tracker.store(tracker.track(make_analysis(events=[MEETING]), NOW))
    again = tracker.track(make_analysis(events=[MEETING]), NOW)
    assert again.copy and not again.opened and again.alerts == []


def test_a_sweep_drops_stories_idle_by_stream_time() -> None:
    stories: dict[str, Any] = {}
    tracker = StoryTracker(stories, replace(RULES, idle_days=1.0), "storywatch", sweep_days=1.0)
    old = make_analysis(article_id="old", story_key="story-old", events=[MEETING])
    tracker.store(tracker.track(old, NOW))
    late = make_analysis(article_id="late", story_key="story-late", events=[MEETING])
    late.published_at = old.published_at + timedelta(days=5)
    sweep = tracker.store(tracker.track(late, NOW))
    assert sweep is not None
    assert sweep.dropped == ["story-old"] and sweep.active == 1
    assert set(stories) == {"story-late"}


def test_a_stored_report_is_a_repeat_here_and_to_a_tracker_rebuilt_from_the_store() -> None:
    stories: dict[str, Any] = {}
    tracker = StoryTracker(stories, RULES, "storywatch", sweep_days=1.0)
    first = make_analysis(events=[MEETING])
    assert not tracker.has_report(first)
    tracker.store(tracker.track(first, NOW))
    assert tracker.has_report(make_analysis(events=[MEETING]))
    assert not tracker.has_report(make_analysis(text_sha256="text-2", events=[MEETING]))
    rebuilt = StoryTracker(stories, RULES, "storywatch", sweep_days=1.0)
    assert rebuilt.has_report(make_analysis(events=[MEETING]))


def test_a_report_its_story_let_go_is_no_longer_a_repeat() -> None:
    stories: dict[str, Any] = {}
    tracker = StoryTracker(stories, RULES, "storywatch", sweep_days=1.0)
    for number in range(MAX_REPORTS + 3):
        report = make_analysis(article_id=f"a-{number}", events=[MEETING])
        tracker.store(tracker.track(report, NOW))
    rebuilt = StoryTracker(stories, RULES, "storywatch", sweep_days=1.0)
    for number in (0, 2, 3, MAX_REPORTS + 2):
        analysis = make_analysis(article_id=f"a-{number}")
        assert tracker.has_report(analysis) == rebuilt.has_report(analysis) == (number >= 3)


def test_a_dropped_story_takes_its_reports_with_it() -> None:
    tracker = StoryTracker({}, replace(RULES, idle_days=1.0), "storywatch", sweep_days=1.0)
    old = make_analysis(article_id="old", story_key="story-old", events=[MEETING])
    tracker.store(tracker.track(old, NOW))
    late = make_analysis(article_id="late", story_key="story-late", events=[MEETING])
    late.published_at = old.published_at + timedelta(days=5)
    tracker.store(tracker.track(late, NOW))
    assert not tracker.has_report(old) and tracker.has_report(late)


def test_sweeps_fall_on_periods_of_stream_time_so_a_restarted_clock_sweeps_alike() -> None:
    day = datetime(2025, 7, 10, tzinfo=UTC)
    clock = StreamClock(sweep_days=1.0)
    clock.tick(day + timedelta(hours=5))
    assert clock.due() == day
    clock.tick(day + timedelta(hours=20))
    assert clock.due() is None
    clock.tick(day + timedelta(hours=30))
    assert clock.due() == day + timedelta(days=1)
    restarted = StreamClock(sweep_days=1.0)
    restarted.tick(day + timedelta(hours=40))
    assert restarted.due() == day + timedelta(days=1)
