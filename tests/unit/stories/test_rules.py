"""Test tables of the small rules that decide what is new (service/stories/rules.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.schemas import Event
from service.stories.rules import (
    best_match,
    is_background,
    is_news_move,
    is_repeated_quote,
    moves_forward,
    quote_words,
)
from service.stories.state import KnownEvent, KnownStatement
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


def test_talks_that_took_place_can_stall_and_a_ceasefire_cannot() -> None:
    assert moves_forward("occurred", "stalled", "MEETING")
    assert moves_forward("occurred", "stalled", "NEGOTIATION")
    assert not moves_forward("occurred", "stalled", "CEASEFIRE")


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
        ("MEETING", ["Benjamin Netanyahu"], "2025-07-06", MEETING),
        ("MEETING", [], None, None),
        ("CEASEFIRE", [], None, TRUCE),
        ("CEASEFIRE", ["Hamas"], None, TRUCE),
        ("CEASEFIRE", ["Donald Trump"], None, TRUCE),
        ("ATTACK", ["Israel"], None, None),
    ],
)
def test_a_report_matches_the_known_event_it_is_about(
    type: str, actors: list[str], when: str | None, match: KnownEvent | None
) -> None:
    event = make_event(type, "occurred", actors, when=when)
    assert best_match([MEETING, TALKS, TRUCE], event) is match


def test_talks_are_the_storys_meeting_or_negotiation_whichever_a_report_reads() -> None:
    held = Event(
        type="NEGOTIATION", status="stalled", trigger="talks", sentence="", actors=["Donald Trump"]
    )
    assert best_match([MEETING, TRUCE], held) is MEETING
    summit = Event(
        type="NEGOTIATION", status="stalled", trigger="summit", sentence="", actors=["Donald Trump"]
    )
    assert best_match([MEETING, TRUCE], summit) is None


def test_a_nameless_mention_is_the_storys_only_event_of_its_type() -> None:
    assert best_match([MEETING, TRUCE], make_event("MEETING", "occurred", [])) is MEETING


def test_a_plan_dated_after_the_known_event_ended_is_another_event() -> None:
    trip = KnownEvent("TRAVEL", ["Joe Biden"], "cancelled", "2025-07-01T09:00:00Z")
    later = make_event("TRAVEL", "planned", ["Joe Biden"], when="2025-07-03")
    undated = make_event("TRAVEL", "planned", ["Joe Biden"])
    same_day = make_event("TRAVEL", "planned", ["Joe Biden"], when="2025-07-01")
    assert best_match([trip], later) is None
    assert best_match([trip], undated) is trip
    assert best_match([trip], same_day) is trip


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


@pytest.mark.parametrize(
    ("when", "background"),
    [("2023-10-07", True), ("2025-06-20", True), ("2025-06-28", False), (None, False)],
)
def test_events_dated_well_before_the_report_are_background(
    when: str | None, background: bool
) -> None:
    event = make_event("ATTACK", "occurred", ["Hamas"], when=when)
    assert is_background(event, datetime(2025, 7, 1, tzinfo=UTC), 7) is background


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("Israel struck Iranian nuclear sites in June.", True),
        ("The two countries fought a brief war in 2009.", True),
        ("A truce collapsed last December.", True),
        ("The ceasefire ended on June 24 after 12 days.", True),
        ("Israel struck Iranian nuclear sites on Thursday.", False),
        ("The talks are due in July.", False),
        ("The truce agreed in June took effect on July 10.", False),
    ],
)
def test_an_undated_event_is_history_when_its_sentence_names_only_earlier_periods(
    sentence: str, background: bool
) -> None:
    event = make_event("ATTACK", "occurred", ["Israel"], sentence=sentence)
    assert is_background(event, datetime(2025, 7, 10, tzinfo=UTC), 7) is background


@pytest.mark.parametrize(
    ("sentence", "trigger", "background"),
    [
        ("Israel has bombed Gaza since the attack by Hamas.", "attack", True),
        ("Aid trickles in amid the siege of the city.", "siege", True),
        ("Mourners gathered on the anniversary of the massacre.", "massacre", True),
        ("Hamas attacked Israel on Saturday.", "attacked", False),
        ("Ministers met after talks in Cairo.", "talks", False),
    ],
)
def test_events_named_after_a_background_cue_are_background(
    sentence: str, trigger: str, background: bool
) -> None:
    made = make_event("ATTACK", "occurred", sentence=sentence)
    event = Event(**{**made.asdict(), "trigger": trigger})
    assert is_background(event, datetime(2025, 7, 1, tzinfo=UTC), 7) is background


@pytest.mark.parametrize(
    ("known", "reported", "event_type", "news"),
    [
        ("planned", "occurred", "MEETING", True),  # the meeting took place
        ("planned", "cancelled", "MEETING", True),  # it was called off
        ("expected", "occurred", "CEASEFIRE", True),
        ("occurred", "failed", "CEASEFIRE", True),  # the ceasefire collapsed
        ("ongoing", "stalled", "NEGOTIATION", True),
        ("ongoing", "occurred", "ATTACK", False),  # the same strike in another tense
        ("occurred", "cancelled", "ATTACK", False),
        ("occurred", "failed", "HOSTAGE_RELEASE", True),
        ("occurred", "denied", "MILITARY", False),
    ],
)
def test_only_moves_that_settle_a_plan_or_break_a_process_are_news(
    known: str, reported: str, event_type: str, news: bool
) -> None:
    assert is_news_move(known, reported, event_type) is news
