"""Resolving the date expressions of news sentences to calendar days.

An article says "on Monday" and means the Monday before it was published if the clause is in the
past tense, and the Monday after it if the clause is in the future tense. `resolve_when` turns such
an expression into the ISO calendar day it names, relative to the article's publication, or into
None when it names no single day. The date grammar is dateparser's; this module only cleans the
expression, picks dateparser's preference from the tense, and keeps the answers that are one day.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Final

from dateparser.date import DateDataParser


class Tense(enum.StrEnum):
    """The tense of the clause a date expression sits in."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


#: Longer expressions are not a date phrase; refusing them keeps dateparser fast.
MAX_EXPRESSION_CHARS: Final = 60
#: Words an extractor leaves in front of a date phrase ("on Monday", "since the 1990s").
LEADING_WORDS: Final = ("on", "by", "since", "until", "from", "the")
#: Words that narrow a day to part of it; the day is what we keep ("Monday evening" is Monday).
PART_OF_DAY_WORDS: Final = ("early", "late", "morning", "afternoon", "evening", "night")
#: Words that, before a part of the day, are the day ("this morning", "last night").
DAY_BEFORE_PART_OF_DAY: Final = ("this", "last")
WEEKDAY_NUMBERS: Final[Mapping[str, int]] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
#: dateparser periods that pin one day; "time" is left out because dateparser reads junk such
#: as "1990s" or a lone "noon" as a time of some day that is not the one meant.
DAY_PERIODS: Final = frozenset({"day", "part_of_day"})
#: How far the publication day is moved to test that a reading does not depend on it.
INVARIANCE_SHIFT: Final = timedelta(days=14)
DATEPARSER_PREFERENCE: Final[Mapping[Tense, str]] = {
    Tense.PAST: "past",
    Tense.FUTURE: "future",
    Tense.PRESENT: "current_period",
    Tense.UNKNOWN: "current_period",
}
#: A ten-digit number in a news sentence is not a Unix timestamp, so only these parsers run.
DATEPARSER_PARSERS: Final = ("relative-time", "absolute-time")

_WHITESPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"^['’]s\b|['’]s$", re.IGNORECASE)
_LEADING_WORDS = re.compile(rf"^(?:(?:{'|'.join(LEADING_WORDS)})\s+)+", re.IGNORECASE)
_PART_OF_DAY = re.compile(
    "".join(rf"(?<!\b{word} )" for word in DAY_BEFORE_PART_OF_DAY)
    + rf"\b(?:{'|'.join(PART_OF_DAY_WORDS)})\b",
    re.IGNORECASE,
)
_THIS_WEEKDAY = re.compile(r"^this\s+", re.IGNORECASE)
_EDGE_PUNCTUATION = " .,;:!?\"'’“”()[]"


def resolve_when(expression: str, published_at: datetime, tense: Tense) -> str | None:
    """The calendar day (YYYY-MM-DD) the expression names, or None when it names no single day.

    Relative expressions count from the UTC calendar day of `published_at` (a naive datetime is
    taken as UTC). A bare weekday is the one before publication in the past tense and the one
    after it in the future tense; the publication weekday is the publication day in every tense.
    In the present or an unknown tense only what does not hang on the tense resolves: explicit
    dates (a year-less one in the publication year) and the publication day itself. Never raises.
    """
    phrase = _cleaned_expression(expression)
    if not phrase or len(phrase) > MAX_EXPRESSION_CHARS:
        return None
    day = _resolve_day(phrase, _publication_day(published_at), tense)
    return None if day is None else day.isoformat()


def _cleaned_expression(expression: str) -> str:
    """The expression with whitespace collapsed and the words around the date taken away.

    Removes a leading "on", "by", "since", "until", "from" or "the", a possessive "'s", and the
    words for part of a day ("Monday evening" becomes "Monday"), but keeps "this morning" and
    "last night", which are themselves days.
    """
    phrase = _WHITESPACE.sub(" ", expression).strip(_EDGE_PUNCTUATION)
    phrase = _POSSESSIVE.sub("", phrase).strip(_EDGE_PUNCTUATION)
    phrase = _LEADING_WORDS.sub("", phrase)
    phrase = _PART_OF_DAY.sub("", phrase)
    return _WHITESPACE.sub(" ", phrase).strip(_EDGE_PUNCTUATION)


def _publication_day(published_at: datetime) -> date:
    if published_at.tzinfo is None:
        return published_at.date()
    return published_at.astimezone(UTC).date()


@lru_cache(maxsize=8192)
def _resolve_day(phrase: str, published_on: date, tense: Tense) -> date | None:
    # Memoised because an article stream repeats the same few phrases on the same days.
    weekday = WEEKDAY_NUMBERS.get(_THIS_WEEKDAY.sub("", phrase).lower())
    if weekday is not None:
        if weekday == published_on.weekday():
            return published_on
        if tense not in (Tense.PAST, Tense.FUTURE):
            return None
        # "this Monday" is ambiguous in English; the tense, not dateparser, decides which one.
        phrase = _THIS_WEEKDAY.sub("", phrase)

    reading = _read_day(phrase, published_on, DATEPARSER_PREFERENCE[tense])
    if reading is None:
        return None
    day, names_year = reading
    if not names_year and (day.month, day.day) == (published_on.month, published_on.day):
        # dateparser puts "July 1" in a future clause of a July 1 article a year on.
        return published_on
    if tense in (Tense.PAST, Tense.FUTURE) or day == published_on:
        return day
    # Without a tense, keep a reading only if it does not move when the publication day does:
    # "July 7" stays put, "yesterday" or "last Monday" would move and might be the wrong day.
    # The shift stays within the publication year so a year-less date keeps its year.
    shift = INVARIANCE_SHIFT if published_on.month <= 6 else -INVARIANCE_SHIFT
    shifted = _read_day(phrase, published_on + shift, DATEPARSER_PREFERENCE[tense])
    return day if shifted is not None and shifted[0] == day else None


def _read_day(phrase: str, base: date, preference: str) -> tuple[date, bool] | None:
    """The day dateparser reads, and whether the phrase gave its year; None if not one day."""
    try:
        data = _parser(base, preference).get_date_data(phrase)
    except Exception:
        # dateparser raises on odd inputs (out-of-range years, unusual scripts); none is a day.
        return None
    if data.date_obj is None or data.period not in DAY_PERIODS:
        return None
    return data.date_obj.date(), "year" in getattr(data, "parts", ("year",))


@lru_cache(maxsize=256)
def _parser(base: date, preference: str) -> DateDataParser:
    # dateparser fixes RELATIVE_BASE when a parser is built, so there is one per day and tense.
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(base, time()),
            "PREFER_DATES_FROM": preference,
            "RETURN_TIME_AS_PERIOD": True,
            "TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PARSERS": list(DATEPARSER_PARSERS),
        },
    )
