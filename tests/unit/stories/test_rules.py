"""Test tables of the small rules that decide what is new (service/stories/rules.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.stories.rules import (
    best_match,
    is_background,
    is_repeated_quote,
    moves_forward,
    quote_words,
    tone_shift,
    updated_tone,
)
from service.stories.state import KnownEvent, KnownStatement, ToneBaseline
from tests.unit.analyses import make_event


@pytest.mark.parametrize(
    ("known", "reported", "forward"),
    [
        ("planned", "occurred", True),
        ("expected", "planned", True),
        ("ongoing", "stalled", True),
        ("occurred", "failed", True),
        ("planned", "cancelled", True),
        ("planned", "denied", True),
        ("occurred", "planned", False),
        ("occurred", "expected", False),
        ("failed", "occurred", False),
        ("stalled", "ongoing", False),
        ("occurred", "occurred", False),
    ],
)
def test_status_moves_forward_only(known: str, reported: str, forward: bool) -> None:
    assert moves_forward(known, reported) is forward


def known(type: str, participants: list[str], when: str | None = None) -> KnownEvent:
    return KnownEvent(type, participants, "planned", "2025-07-01T00:00:00Z", when=when)


MEETING = known("MEETING", ["Benjamin Netanyahu", "Donald Trump"], "2025-07-07")
TALKS = known("MEETING", ["Ron Dermer", "Marco Rubio"])
TRUCE = known("CEASEFIRE", ["Israel", "Hamas"])


@pytest.mark.parametrize(
    ("type", "actors", "when", "match"),
    [
        ("MEETING", ["Donald Trump"], None, MEETING),
        ("MEETING", ["Benjamin Netanyahu"], "2025-07-07", MEETING),
        ("MEETING", ["Benjamin Netanyahu"], "2025-06-30", None),
        ("MEETING", ["Marco Rubio"], None, TALKS),
        ("MEETING", ["Emmanuel Macron"], None, None),
        ("CEASEFIRE", [], None, TRUCE),
        ("CEASEFIRE", ["Hamas"], None, TRUCE),
        ("ATTACK", ["Israel"], None, None),
    ],
)
def test_a_report_matches_the_known_event_it_is_about(
    type: str, actors: list[str], when: str | None, match: KnownEvent | None
) -> None:
    event = make_event(type, "occurred", actors, when=when)
    assert best_match([MEETING, TALKS, TRUCE], event) is match


QUOTE = quote_words("“We think within the next week we're going to get a ceasefire,” he said.")


@pytest.mark.parametrize(
    ("text", "repeat"),
    [
        ("We think within the next week we're going to get a ceasefire", True),
        ("within the next week we're going to get a ceasefire", True),
        ("We think — within the next week — we are going to get a ceasefire!", True),
        ("The ceasefire will not hold beyond the next week", False),
        ("Hamas accepts the proposal put forward by Qatar and Egypt", False),
    ],
)
def test_a_quote_is_a_repeat_whoever_reports_it(text: str, repeat: bool) -> None:
    statements = [KnownStatement("Donald Trump", QUOTE, "2025-06-27T00:00:00Z")]
    assert is_repeated_quote(statements, quote_words(text), 0.6) is repeat


def test_tone_baseline_warms_up_then_flags_a_swing() -> None:
    baseline = ToneBaseline()
    for value in (0.1, 0.0, 0.05):
        assert not tone_shift(baseline, -0.5, 0.35, 3) or baseline.reports >= 3
        baseline = updated_tone(baseline, value, 0.3)
    assert baseline.reports == 3
    assert tone_shift(baseline, -0.5, 0.35, 3)
    assert not tone_shift(baseline, 0.2, 0.35, 3)


@pytest.mark.parametrize(
    ("when", "background"),
    [("2023-10-07", True), ("2025-06-20", True), ("2025-06-28", False), (None, False)],
)
def test_events_dated_well_before_the_report_are_background(
    when: str | None, background: bool
) -> None:
    event = make_event("ATTACK", "occurred", ["Hamas"], when=when)
    assert is_background(event, datetime(2025, 7, 1, tzinfo=UTC), 7) is background
