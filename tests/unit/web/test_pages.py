"""The page's JSON built from the feed and the story's stored state."""

from __future__ import annotations

import json

from service.web.live import LiveFeed
from service.web.pages import server_event, story_page
from tests.unit.web.test_live import alert

STORED = {
    "title": "Stored title",
    "first_seen": "2025-07-01T00:00:00Z",
    "last_seen": "2025-07-05T00:00:00Z",
    "sources": 6,
    "outlets": ["Wire"],
    "tone_history": [["2025-07-01T00:00:00Z", -0.1, None], ["2025-07-05T00:00:00Z", -0.5, -0.1]],
    "events": [
        {
            "type": "MEETING",
            "status": "occurred",
            "actors": ["A", "B"],
            "history": [["planned", "2025-07-01T00:00:00Z", "a-1"], ["occurred", "x", "a-2"]],
        }
    ],
}


def test_a_story_unknown_to_feed_and_state_has_no_page() -> None:
    assert story_page(LiveFeed(), "story-x", None) is None


def test_the_stored_state_gives_the_tone_of_every_report_and_the_event_history() -> None:
    feed = LiveFeed()
    feed.add(alert(1, sentiment=0.3))
    page = story_page(feed, "story-a", STORED)
    assert page is not None
    assert page["story"]["title"] == "Stored title"
    assert page["story"]["sources"] == 6 and page["story"]["outlets"] == ["Wire"]
    assert [p["article"] for p in page["sentiment"]] == [-0.1, -0.5]
    assert page["sentiment"][1]["baseline"] == -0.1
    [meeting] = page["events"]
    assert [h["status"] for h in meeting["history"]] == ["planned", "occurred"]
    assert [d["id"] for d in page["developments"]] == ["id-1"]


def test_without_stored_state_the_alerts_give_the_tone() -> None:
    feed = LiveFeed()
    feed.add(alert(1, sentiment=0.3))
    page = story_page(feed, "story-a", None)
    assert page is not None
    assert [p["article"] for p in page["sentiment"]] == [0.3]
    assert page["events"] == []


def test_a_server_event_is_one_data_line_even_when_the_text_has_newlines() -> None:
    payload = {"summary": "line one\nline two </script>"}
    event = server_event("alert", payload).decode()
    name, data, end, _ = event.split("\n", 3)
    assert name == "event: alert"
    assert json.loads(data.removeprefix("data: ")) == payload
    assert end == "" and event.endswith("\n\n")
