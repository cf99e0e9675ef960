"""Specification of the subscribers' alert filters (`storywatch alerts --kind ...`)."""

from __future__ import annotations

from typing import Any

import pytest

from service.subscription import AlertFilter


def alert(
    kind: str = "storywatch.event.new",
    severity: str = "medium",
    story: str = "story-1",
    event: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    story_actors: tuple[str, ...] = ("Norvania",),
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "severity": severity,
        "story": {"actors": list(story_actors)},
        "event": event,
    }
    if events is not None:
        data["events"] = events
    return {"type": kind, "subject": story, "data": data}


CEASEFIRE = {"type": "CEASEFIRE", "actors": ["Kestavia"], "targets": [], "speaker": None}
STATEMENT = {"type": "STATEMENT", "actors": [], "targets": [], "speaker": "Ana Lind"}


def test_no_filter_wants_everything() -> None:
    assert AlertFilter.of().wants(alert())


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (AlertFilter.of(kinds=["event.new"]), True),
        (AlertFilter.of(kinds=["storywatch.event.new", "story.new"]), True),
        (AlertFilter.of(kinds=["sentiment.shift"]), False),
        (AlertFilter.of(min_severity="medium"), True),
        (AlertFilter.of(min_severity="high"), False),
        (AlertFilter.of(stories=["story-1"]), True),
        (AlertFilter.of(stories=["story-2"]), False),
        (AlertFilter.of(event_types=["ceasefire"]), True),
        (AlertFilter.of(event_types=["ATTACK"]), False),
        (AlertFilter.of(actors=["kestavia"]), True),  # the event's actor
        (AlertFilter.of(actors=["Norvania"]), True),  # the story's actor
        (AlertFilter.of(actors=["Valdor"]), False),
        (AlertFilter.of(kinds=["event.new"], min_severity="high"), False),  # all must match
    ],
)
def test_each_filter_must_match(wanted: AlertFilter, expected: bool) -> None:
    assert wanted.wants(alert(event=CEASEFIRE)) is expected


def test_a_new_story_is_matched_by_the_events_of_its_first_report() -> None:
    new_story = alert(kind="storywatch.story.new", severity="info", events=[STATEMENT, CEASEFIRE])
    assert AlertFilter.of(event_types=["STATEMENT"]).wants(new_story)
    assert AlertFilter.of(actors=["ana lind"]).wants(new_story)
    assert not AlertFilter.of(min_severity="low").wants(new_story)


def test_an_unknown_severity_is_refused() -> None:
    with pytest.raises(ValueError, match="severity 'urgent'"):
        AlertFilter.of(min_severity="urgent")
