"""Specification of alerts: CloudEvents 1.0 per the contract, ids stable, never emitted twice."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from service.alerts import (
    alert_id,
    build_alert,
    describe_alert,
    encode_alert,
    unsent_alerts,
)
from service.stories.developments import TrackingRules
from service.stories.tracking import track
from tests.contract_validation import assert_valid_alert
from tests.unit.analyses import make_analysis, make_event

#: A first report that states a development of its own: its story opens with story.new.
MEETING = make_event()

RULES = TrackingRules()
DETECTED = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_story_new_alert_is_a_valid_cloudevent_per_the_contract() -> None:
    tracked = track(None, make_analysis(events=[MEETING]), RULES)
    alert = build_alert(tracked.developments[0], "storywatch", DETECTED)
    parsed = assert_valid_alert(encode_alert(alert))
    assert parsed["type"] == "storywatch.story.new"
    assert parsed["source"] == "/storywatch/storywatch"
    assert parsed["subject"] == "story-0000000000000001"
    assert parsed["time"] == "2025-07-01T06:00:00Z"
    assert parsed["data"]["story"]["sources"] == 1
    assert parsed["data"]["evidence"][0]["article_id"] == "a-1"
    assert parsed["data"]["detected_at"] == "2026-11-24T12:00:00Z"


def test_alert_id_depends_only_on_story_and_development() -> None:
    assert alert_id("story-1", "story") == alert_id("story-1", "story")
    assert alert_id("story-1", "story") != alert_id("story-2", "story")
    assert alert_id("story-1", "story") != alert_id("story-1", "event:MEETING")
    first = build_alert(
        track(None, make_analysis(events=[MEETING]), RULES).developments[0], "sw", DETECTED
    )
    later = build_alert(
        track(None, make_analysis(events=[MEETING]), RULES).developments[0], "sw", datetime.now(UTC)
    )
    assert first["id"] == later["id"]


def test_an_alert_id_the_story_already_emitted_is_not_emitted_again() -> None:
    tracked = track(None, make_analysis(events=[MEETING]), RULES)
    first = unsent_alerts(tracked.state, tracked.developments, "sw", DETECTED)
    second = unsent_alerts(tracked.state, tracked.developments, "sw", DETECTED)
    assert len(first) == 1
    assert second == []
    assert tracked.state.alert_ids == [first[0]["id"]]


def test_encoded_alert_is_compact_utf8_json() -> None:
    alert = build_alert(
        track(None, make_analysis(events=[MEETING]), RULES).developments[0], "sw", DETECTED
    )
    raw = encode_alert(alert)
    assert json.loads(raw.decode("utf-8")) == alert
    assert b"\n" not in raw


def test_described_alert_is_one_readable_line() -> None:
    alert = build_alert(
        track(None, make_analysis(events=[MEETING]), RULES).developments[0], "sw", DETECTED
    )
    line = describe_alert(alert)
    assert "\n" not in line
    assert "story.new" in line and "Gaza ceasefire talks resume" in line


def test_a_new_storys_alert_lists_its_first_reports_events_with_contract_fields() -> None:
    from service.schemas import Event

    analysis = make_analysis(events=[MEETING])
    analysis.events = [
        Event(
            type="NEGOTIATION",
            status="ongoing",
            trigger="talks",
            sentence="Talks on a Gaza ceasefire resumed in Doha.",
            actors=["Israel", "Hamas"],
            location="Doha",
            confidence=0.85,
            sentiment=0.1,
        )
    ]
    alert = assert_valid_alert(
        encode_alert(build_alert(track(None, analysis, RULES).developments[0], "sw", DETECTED))
    )
    [event] = alert["data"]["events"]
    assert event == {
        "type": "NEGOTIATION",
        "status": "ongoing",
        "actors": ["Israel", "Hamas"],
        "targets": [],
        "location": "Doha",
        "when": None,
        "trigger": "talks",
        "sentence": "Talks on a Gaza ceasefire resumed in Doha.",
        "speaker": None,
        "confidence": 0.85,
    }
