"""The small rules that decide what is new: each a pure function with a test table beside it.

- `moves_forward`: may a known event go from one status to another?
- `is_news_move`: is that move news worth an alert, or only the state's update?
- `best_match`: which known event, if any, is a found event a report of?
- `is_repeated_quote`: has this statement (in any outlet's wording of the quote) been reported?
- `is_background`: is an event history rather than news of this report?
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise

from service.schemas import Event
from service.stories.state import KnownEvent, KnownStatement

#: Where each status stands in an event's life. A status moves forward only to a higher rank:
#: an expectation or proposal can be planned, a plan can start, stall, happen or be called
#: off, something that happened can fail. "stalled" ranks above "ongoing", so talks that
#: stall alert once and a later "talks continue" in background prose does not flap back.
STATUS_RANK = {
    "expected": 0,
    "proposed": 1,
    "planned": 2,
    "ongoing": 3,
    "stalled": 4,
    "occurred": 5,
    "failed": 6,
    "cancelled": 6,
    "denied": 6,
}
_WORD = re.compile(r"[^\W_]+")


#: Processes that can stall after a round took place ("the talks were held ... have stalled").
STALL_AFTER_OCCURRED_TYPES = frozenset({"MEETING", "NEGOTIATION"})


def moves_forward(known: str, reported: str, event_type: str = "") -> bool:
    """True when `reported` is a later stage of the event's life than `known`."""
    if (known, reported) == ("occurred", "stalled"):
        return event_type in STALL_AFTER_OCCURRED_TYPES
    return STATUS_RANK.get(reported, -1) > STATUS_RANK.get(known, -1)


@dataclass(frozen=True)
class NewsMoves:
    """The status moves that alert (`data/status_moves.json`)."""

    looking_ahead: frozenset[str]
    outcomes: frozenset[str]
    breakdown_types: frozenset[str]
    breakdown_from: frozenset[str]
    breakdown_to: frozenset[str]


@cache
def news_moves() -> NewsMoves:
    """The table of `service/stories/data/status_moves.json`, read once."""
    text = resources.files("service.stories").joinpath("data/status_moves.json").read_text()
    raw = json.loads(text)
    return NewsMoves(
        looking_ahead=frozenset(raw["looking_ahead"]),
        outcomes=frozenset(raw["outcomes"]),
        breakdown_types=frozenset(raw["breakdowns"]["types"]),
        breakdown_from=frozenset(raw["breakdowns"]["from"]),
        breakdown_to=frozenset(raw["breakdowns"]["to"]),
    )


def is_news_move(known: str, reported: str, event_type: str) -> bool:
    """True for a move that settles what was looked ahead to (a planned meeting took place, or
    was called off), or that breaks a running process (a ceasefire collapsed, talks stalled).
    "An attack: ongoing, now occurred" is the same news told in another tense."""
    moves = news_moves()
    if known in moves.looking_ahead:
        return reported in moves.outcomes
    return (
        event_type in moves.breakdown_types
        and known in moves.breakdown_from
        and reported in moves.breakdown_to
    )


def participants(event: Event) -> list[str]:
    """Everyone the event involves, actors first, each once."""
    return list(dict.fromkeys([*event.actors, *event.targets]))


#: Event types that are news without named participants ("the ceasefire took effect").
SELF_STANDING_TYPES = frozenset(
    {"CEASEFIRE", "HOSTAGE_RELEASE", "HUMANITARIAN", "ATTACK", "PROTEST", "AGREEMENT"}
)
#: Triggers that name either of two types: "talks" held are a meeting, "talks" that stall
#: are negotiations, and the story's talks are one event whichever a report reads.
KINDRED_TYPES = {
    "talks": frozenset({"MEETING", "NEGOTIATION"}),
    "talk": frozenset({"MEETING", "NEGOTIATION"}),
}
#: Two dates this close are one event's ("flies to Washington on Sunday" for Monday's visit).
SAME_EVENT_DAYS = 1
_MONTHS = [
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
]
_MONTH = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\b"
    r"(?:\s+(\d{1,2})\b)?(?:,?\s+(\d{4}))?"
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
#: A story has one ceasefire and one exchange of captives at a time: whoever a report names as
#: their parties ("Hamas released", "Israel freed"), it is the story's one of that type.
ONE_PER_STORY_TYPES = frozenset({"CEASEFIRE", "HOSTAGE_RELEASE"})


def same_day(one: str | None, other: str | None) -> bool:
    """True unless both dates are known and more than SAME_EVENT_DAYS apart."""
    if not one or not other or one == other:
        return True
    try:
        apart = abs(date.fromisoformat(one[:10]) - date.fromisoformat(other[:10]))
    except ValueError:
        return False
    return apart.days <= SAME_EVENT_DAYS


def best_match(known: Sequence[KnownEvent], event: Event) -> KnownEvent | None:
    """The known event this one reports, or None when it is a different event.

    Same type, no two dates more than a day apart, and the participants overlap (any
    participants for the ONE_PER_STORY_TYPES). An event whose report names nobody ("the
    ceasefire took effect") is the story's latest event of its type if its type is news without
    names (SELF_STANDING_TYPES), and otherwise only if the story has one event of its type.
    "talks" may be the story's MEETING or NEGOTIATION (KINDRED_TYPES). Among several, the one
    sharing the most participants, then of the same type, then the most recent.
    """
    found = set(participants(event))
    kin = KINDRED_TYPES.get(event.trigger.lower(), frozenset()) | {event.type}
    related = [candidate for candidate in known if candidate.type in kin]
    if not found and event.type not in SELF_STANDING_TYPES and len(related) > 1:
        return None
    ranked: list[tuple[int, bool, int, KnownEvent]] = []
    for position, candidate in enumerate(related):
        if not same_day(event.when, candidate.when) or is_plan_after_end(event, candidate):
            continue
        overlap = len(found & set(candidate.participants))
        singular = event.type in ONE_PER_STORY_TYPES
        if found and candidate.participants and not overlap and not singular:
            continue
        ranked.append((overlap, candidate.type == event.type, position, candidate))
    return max(ranked, key=lambda rank: rank[:3])[3] if ranked else None


#: Statuses that end an event's life: a plan reported after one is a plan for another time.
ENDED = frozenset(status for status, rank in STATUS_RANK.items() if rank >= STATUS_RANK["occurred"])


def is_plan_after_end(event: Event, known: KnownEvent) -> bool:
    """A plan dated after the known event ended ("Biden will travel on Wednesday" after his
    trip was called off on Monday) is another trip, not a report of the ended one."""
    return (
        known.status in ENDED
        and event.status in news_moves().looking_ahead
        and bool(event.when)
        and str(event.when)[:10] > max(known.status_at[:10], (known.when or "")[:10])
    )


def quote_words(text: str) -> str:
    """A quote normalised for comparison: lower case words, single spaces, no punctuation."""
    return " ".join(_WORD.findall(text.lower()))


def is_repeated_quote(known: Sequence[KnownStatement], words: str, threshold: float) -> bool:
    """True when most of this quote's word pairs are in a statement the story already has.

    Measured on the shorter of the two, so an outlet that quotes half of a sentence, or adds
    a clause around it, still repeats it. Any speaker: outlets attribute the same words to
    "Netanyahu" or to "Netanyahu's office".
    """
    pairs = _word_pairs(words)
    if not pairs:
        return True
    for statement in known:
        theirs = _word_pairs(statement.words)
        if theirs and len(pairs & theirs) / min(len(pairs), len(theirs)) >= threshold:
            return True
    return False


def _word_pairs(words: str) -> set[str]:
    tokens = words.split()
    if len(tokens) < 2:
        return set(tokens)
    return {f"{a} {b}" for a, b in pairwise(tokens)}


#: Words that, just before an event's trigger, tell it as what came before the news: "since
#: the attack", "after the October raid", "a year ago".
BACKGROUND_CUES = frozenset({"since", "amid", "anniversary", "aftermath", "wake"})
#: How many words before the trigger a background cue may stand ("since Hamas's attack").
BACKGROUND_CUE_REACH = 3


def is_background(event: Event, published_at: datetime, days: float) -> bool:
    """True for an event told as history rather than as news of this report.

    History is an event dated more than `days` before the report; with no day of its own, a
    sentence that names only months or years before the report's month ("strikes on Iranian
    sites in June", "the 2009 war"); or an event named just after a background cue ("since
    the attack", "amid the siege": `BACKGROUND_CUES`).
    """
    if _told_after_a_cue(event):
        return True
    if not event.when:
        return _names_only_earlier_periods(event.sentence, published_at)
    try:
        when = datetime.fromisoformat(event.when)
    except ValueError:
        return False
    return when.date() < (published_at - timedelta(days=days)).date()


def _told_after_a_cue(event: Event) -> bool:
    words = _WORD.findall(event.sentence.lower())
    trigger = event.trigger.lower().split()
    if not trigger or trigger[0] not in words:
        return False
    at = words.index(trigger[0])
    return bool(BACKGROUND_CUES.intersection(words[max(0, at - BACKGROUND_CUE_REACH) : at]))


def _names_only_earlier_periods(sentence: str, published_at: datetime) -> bool:
    report_month = (published_at.year, published_at.month)
    named: list[tuple[int, int]] = []
    for month_name, _day, year in _MONTH.findall(sentence):
        month = _MONTHS.index(month_name.lower()) + 1
        in_year = int(year) if year else published_at.year
        if not year and month > published_at.month:
            in_year -= 1  # "in November", read in July, is last November
        named.append((in_year, month))
    named += [(int(year), 12) for year in _YEAR.findall(_MONTH.sub(" ", sentence))]
    return bool(named) and all(period < report_month for period in named)
