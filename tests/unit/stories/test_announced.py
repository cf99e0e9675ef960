"""Specification of one development, one alert, across stories."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.stories.announced import AnnouncedIndex
from service.stories.developments import EVENT_NEW, STATEMENT_NEW, TrackingRules
from service.stories.tracking import track
from tests.unit.analyses import make_analysis, make_event, make_statement

RULES = TrackingRules(repeat_days=3.0)
JULY = [datetime(2025, 7, day, 12, tzinfo=UTC) for day in range(1, 32)]
AGREED = make_event("CEASEFIRE", "occurred", actors=("Israel", "Hamas"))


def announce(index: AnnouncedIndex, story_key: str, day: int, **fields: object) -> list[str]:
    """Open (or follow) a story with one report and index it; the kinds it raised."""
    analysis = make_analysis(
        article_id=f"{story_key}-{day}",
        text_sha256=f"{story_key}-{day}",
        story_key=story_key,
        published_at=JULY[day],
        **fields,  # type: ignore[arg-type]
    )
    tracked = track(None, analysis, RULES, index)
    index.index_story(tracked.state)
    return [d.kind for d in tracked.developments]


@pytest.mark.parametrize(
    ("event", "day", "repeated"),
    [
        (AGREED, 2, True),  # the same ceasefire, a day later, in another story
        (make_event("CEASEFIRE", "failed", actors=("Israel", "Hamas")), 2, False),  # it moved on
        (make_event("CEASEFIRE", "occurred", actors=("Russia", "Ukraine")), 2, False),  # others
        (AGREED, 9, False),  # a week later: another agreement
    ],
)
def test_a_development_another_story_announced_is_not_announced_again(
    event: object, day: int, repeated: bool
) -> None:
    index = AnnouncedIndex(RULES.repeat_days, RULES.quote_repeat_overlap)
    announce(index, "story-a", 1, events=[AGREED])
    later = make_analysis(
        article_id="b-1", text_sha256="b-1", story_key="story-b", published_at=JULY[day]
    )
    state = track(None, later, RULES, index).state
    follow = make_analysis(
        article_id="b-2",
        text_sha256="b-2",
        story_key="story-b",
        published_at=JULY[day],
        events=[event],  # type: ignore[list-item]
    )
    kinds = [d.kind for d in track(state, follow, RULES, index).developments]
    assert kinds == ([] if repeated else [EVENT_NEW])


def test_a_quote_another_story_has_is_not_a_new_statement() -> None:
    index = AnnouncedIndex(RULES.repeat_days, RULES.quote_repeat_overlap)
    words = "We will not rest until every hostage is home"
    quote = make_statement("Benjamin Netanyahu", words, f'"{words}," Netanyahu said.', True)
    announce(index, "story-a", 1, events=[AGREED], statements=[quote])
    state = track(None, make_analysis(story_key="story-b", published_at=JULY[2]), RULES, index)
    again = make_analysis(
        article_id="b-2",
        text_sha256="b-2",
        story_key="story-b",
        published_at=JULY[3],
        statements=[quote],
    )
    assert STATEMENT_NEW not in [
        d.kind for d in track(state.state, again, RULES, index).developments
    ]


def test_a_removed_story_announces_nothing_any_more() -> None:
    index = AnnouncedIndex(RULES.repeat_days, RULES.quote_repeat_overlap)
    announce(index, "story-a", 1, events=[AGREED])
    index.remove_story("story-a")
    assert not index.event_announced(AGREED, "occurred", "2025-07-02T12:00:00Z", "story-b")
