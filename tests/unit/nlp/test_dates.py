"""Specification of resolving date expressions against an article's publication day."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.nlp.dates import Tense, resolve_when

#: A Tuesday, 06:00 UTC.
PUBLISHED_AT = datetime(2025, 7, 1, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expression", "day"),
    [
        ("Monday", "2025-06-30"),
        ("on Monday", "2025-06-30"),
        ("Monday evening", "2025-06-30"),
        ("late Monday", "2025-06-30"),
        ("Monday's", "2025-06-30"),
        ("this Monday", "2025-06-30"),
        ("Friday", "2025-06-27"),
        ("on Sunday night", "2025-06-29"),
        ("last Monday", "2025-06-30"),
        ("yesterday", "2025-06-30"),
        ("last night", "2025-06-30"),
        ("two days ago", "2025-06-29"),
        ("the day before yesterday", "2025-06-29"),
        ("June 30", "2025-06-30"),
        ("July 7", "2024-07-07"),
    ],
)
def test_past_tense_reads_the_day_on_or_before_publication(expression: str, day: str) -> None:
    assert resolve_when(expression, PUBLISHED_AT, Tense.PAST) == day


@pytest.mark.parametrize(
    ("expression", "day"),
    [
        ("Monday", "2025-07-07"),
        ("on Monday", "2025-07-07"),
        ("Monday evening", "2025-07-07"),
        ("this Monday", "2025-07-07"),
        ("next Monday", "2025-07-07"),
        ("Friday", "2025-07-04"),
        ("July 7", "2025-07-07"),
        ("tomorrow", "2025-07-02"),
        ("June 30", "2026-06-30"),
        ("July 1", "2025-07-01"),
    ],
)
def test_future_tense_reads_the_day_on_or_after_publication(expression: str, day: str) -> None:
    assert resolve_when(expression, PUBLISHED_AT, Tense.FUTURE) == day


@pytest.mark.parametrize("tense", list(Tense))
@pytest.mark.parametrize(
    "expression",
    ["Tuesday", "on Tuesday", "Tuesday morning", "today", "tonight", "this morning"],
)
def test_publication_day_is_named_alike_in_every_tense(expression: str, tense: Tense) -> None:
    assert resolve_when(expression, PUBLISHED_AT, tense) == "2025-07-01"


@pytest.mark.parametrize("tense", list(Tense))
@pytest.mark.parametrize(
    "expression",
    ["7 July 2025", "2025-07-07", "July 7, 2025", "on July 7, 2025", "Monday, July 7, 2025"],
)
def test_date_with_year_resolves_whatever_the_tense(expression: str, tense: Tense) -> None:
    assert resolve_when(expression, PUBLISHED_AT, tense) == "2025-07-07"


@pytest.mark.parametrize("tense", list(Tense))
@pytest.mark.parametrize(
    "expression",
    [
        "next week",
        "last week",
        "this week",
        "within the next week",
        "the next week",
        "earlier this year",
        "this year",
        "next month",
        "in the coming days",
        "soon",
        "recently",
        "the 1990s",
        "since the 1990s",
        "30 years",
        "decades",
        "July",
        "2025",
        "noon",
        "1735689600",
        "",
        "   \n\t ",
        "☃︎ 𝔘ñí ∑ ✈",
        "the",
        "'s",
        "Monday " * 20,
    ],
)
def test_expression_naming_no_single_day_is_none(expression: str, tense: Tense) -> None:
    assert resolve_when(expression, PUBLISHED_AT, tense) is None


@pytest.mark.parametrize(
    ("expression", "day"),
    [
        ("July 7", "2025-07-07"),
        ("June 30", "2025-06-30"),
        ("Dec 25", "2025-12-25"),
        ("7 July 2025", "2025-07-07"),
        ("2025-07-07", "2025-07-07"),
        ("July 7, 2025", "2025-07-07"),
        ("Tuesday", "2025-07-01"),
        ("today", "2025-07-01"),
        ("Monday", None),
        ("on Monday", None),
        ("Friday", None),
        ("this Monday", None),
        ("last Monday", None),
        ("next Monday", None),
        ("yesterday", None),
        ("tomorrow", None),
        ("two days ago", None),
        ("last night", None),
    ],
)
def test_unknown_tense_resolves_only_what_the_tense_cannot_change(
    expression: str, day: str | None
) -> None:
    assert resolve_when(expression, PUBLISHED_AT, Tense.UNKNOWN) == day


@pytest.mark.parametrize(
    ("expression", "day"),
    [("July 7", "2025-07-07"), ("Tuesday", "2025-07-01"), ("Monday", None), ("yesterday", None)],
)
def test_present_tense_resolves_like_unknown_tense(expression: str, day: str | None) -> None:
    assert resolve_when(expression, PUBLISHED_AT, Tense.PRESENT) == day


@pytest.mark.parametrize(
    ("published_at", "day"),
    [
        (datetime(2025, 7, 1, 1, tzinfo=timezone(timedelta(hours=2))), "2025-06-30"),
        (datetime(2025, 6, 30, 23, tzinfo=timezone(timedelta(hours=-3))), "2025-07-01"),
        (datetime(2025, 7, 1, 6), "2025-07-01"),
    ],
)
def test_publication_day_is_the_utc_calendar_day(published_at: datetime, day: str) -> None:
    assert resolve_when("today", published_at, Tense.UNKNOWN) == day


@pytest.mark.parametrize("tense", list(Tense))
def test_ten_thousand_characters_of_random_unicode_is_none(tense: Tense) -> None:
    rng = random.Random(20250701)
    junk = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(10_000))
    assert resolve_when(junk, PUBLISHED_AT, tense) is None


#: Words dateparser acts on, so that generated phrases reach its grammar and not only its refusals.
DATE_WORDS = (
    "on",
    "the",
    "this",
    "last",
    "next",
    "ago",
    "in",
    "of",
    "since",
    "until",
    "by",
    "early",
    "late",
    "morning",
    "night",
    "tonight",
    "today",
    "yesterday",
    "tomorrow",
    "Monday",
    "Tue",
    "Sunday's",
    "July",
    "Dec",
    "week",
    "month",
    "year",
    "days",
    "7",
    "30",
    "1990s",
    "2025",
    "-07-",
    ",",
)


@settings(deadline=None)
@given(
    expression=st.text() | st.lists(st.sampled_from(DATE_WORDS), max_size=6).map(" ".join),
    published_at=st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    tense=st.sampled_from(Tense),
)
def test_any_text_gives_none_or_an_iso_day(
    expression: str, published_at: datetime, tense: Tense
) -> None:
    day = resolve_when(expression, published_at, tense)
    assert day is None or date.fromisoformat(day).isoformat() == day
