"""Specification of story tracking: what is new, what is a repeat, and that state stays bounded."""

from __future__ import annotations

from datetime import UTC, datetime

from service.stories.tracking import (
    MAX_ALERT_IDS,
    MAX_ARTICLE_IDS,
    STORY_NEW,
    StoryState,
    track,
)
from tests.unit.analyses import make_analysis


def test_first_article_of_a_story_yields_exactly_one_story_new() -> None:
    tracked = track(None, make_analysis())
    assert [d.kind for d in tracked.developments] == [STORY_NEW]
    assert tracked.state.sources == 1
    assert tracked.state.actors == ["Israel", "Hamas"]
    assert tracked.state.first_seen == "2025-07-01T06:00:00Z"
    assert not tracked.repeat


def test_the_same_article_delivered_again_changes_nothing() -> None:
    first = track(None, make_analysis())
    again = track(first.state, make_analysis())
    assert again.repeat
    assert again.developments == []
    assert again.state == first.state


def test_a_copy_under_another_id_raises_nothing_and_counts_one_more_source() -> None:
    first = track(None, make_analysis(article_id="wire-1"))
    copy = track(first.state, make_analysis(article_id="outlet-7"))
    assert copy.repeat
    assert copy.developments == []
    assert copy.state.sources == 2
    again = track(copy.state, make_analysis(article_id="outlet-7"))
    assert again.state == copy.state


def test_an_edited_article_under_its_own_id_is_not_another_source() -> None:
    first = track(None, make_analysis(article_id="a-1", text_sha256="v1"))
    edited = track(first.state, make_analysis(article_id="a-1", text_sha256="v2"))
    assert not edited.repeat
    assert edited.state.sources == 1
    assert edited.state.article_ids == ["a-1"]


def test_another_report_of_a_known_story_counts_a_source_and_raises_nothing() -> None:
    first = track(None, make_analysis())
    second = track(first.state, make_analysis(article_id="a-2", text_sha256="text-2"))
    assert not second.repeat
    assert second.developments == []
    assert second.state.sources == 2
    assert second.state.article_ids == ["a-1", "a-2"]


def test_an_older_report_moves_first_seen_back_and_last_seen_stays() -> None:
    first = track(None, make_analysis(published_at=datetime(2025, 7, 2, tzinfo=UTC)))
    older = track(
        first.state,
        make_analysis(
            article_id="a-0", text_sha256="t0", published_at=datetime(2025, 6, 30, tzinfo=UTC)
        ),
    )
    assert older.state.first_seen == "2025-06-30T00:00:00Z"
    assert older.state.last_seen == "2025-07-02T00:00:00Z"


def test_state_survives_a_round_trip_through_json() -> None:
    state = track(None, make_analysis()).state
    state.remember_alert("abc")
    assert StoryState.from_json(state.to_json()) == state


def test_state_stored_by_a_newer_version_still_loads() -> None:
    stored = {**track(None, make_analysis()).state.to_json(), "field_from_the_future": [1]}
    assert StoryState.from_json(stored).story_id == "story-0000000000000001"


def test_story_state_lists_are_capped() -> None:
    state = track(None, make_analysis()).state
    for number in range(MAX_ARTICLE_IDS + 50):
        state = track(state, make_analysis(article_id=f"a{number}", text_sha256=f"t{number}")).state
        state.remember_alert(f"alert-{number}")
    assert len(state.article_ids) == MAX_ARTICLE_IDS
    assert len(state.text_hashes) == MAX_ARTICLE_IDS
    assert len(state.alert_ids) == MAX_ALERT_IDS
    assert state.article_ids[-1] == f"a{MAX_ARTICLE_IDS + 49}"
