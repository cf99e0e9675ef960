"""The small rules that decide what is new: each a pure function with a test table beside it.

- `moves_forward`: may a known event go from one status to another?
- `best_match`: which known event, if any, is a found event a report of?
- `is_repeated_quote`: has this statement (in any outlet's wording of the quote) been reported?
- `tone_shift` / `updated_tone`: has the story's tone swung against its recent baseline?
- `is_background`: is an event history rather than news of this report?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import pairwise

from service.schemas import Event
from service.stories.state import KnownEvent, KnownStatement, ToneBaseline

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


def moves_forward(known: str, reported: str) -> bool:
    """True when `reported` is a later stage of the event's life than `known`."""
    return STATUS_RANK.get(reported, -1) > STATUS_RANK.get(known, -1)


def furthest(statuses: Sequence[str]) -> str:
    """The most advanced of the statuses one report gives for one event."""
    return max(statuses, key=lambda status: STATUS_RANK.get(status, -1))


def participants(event: Event) -> list[str]:
    """Everyone the event involves, actors first, each once."""
    return list(dict.fromkeys([*event.actors, *event.targets]))


#: A story has one ceasefire and one exchange of captives at a time: whoever a report names as
#: their parties ("Hamas released", "Israel freed"), it is the story's one of that type.
ONE_PER_STORY_TYPES = frozenset({"CEASEFIRE", "HOSTAGE_RELEASE"})


def best_match(known: Sequence[KnownEvent], event: Event) -> KnownEvent | None:
    """The known event this one reports, or None when it is a different event.

    Same type, no two different dates, and the participants overlap (any participants for the
    ONE_PER_STORY_TYPES); an event whose report names nobody ("the ceasefire took effect") is
    the story's latest event of its type. Among
    several, the one sharing the most participants, then the most recent.
    """
    found = set(participants(event))
    best: KnownEvent | None = None
    best_overlap = -1
    for candidate in known:
        if candidate.type != event.type:
            continue
        if event.when and candidate.when and event.when != candidate.when:
            continue
        overlap = len(found & set(candidate.participants))
        singular = event.type in ONE_PER_STORY_TYPES
        if found and candidate.participants and not overlap and not singular:
            continue
        if overlap >= best_overlap:
            best, best_overlap = candidate, overlap
    return best


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


def tone_shift(baseline: ToneBaseline, sentiment: float, threshold: float, warmup: int) -> bool:
    """True when a report's tone differs from the story's baseline by at least `threshold`.

    Only once the baseline has `warmup` reports behind it: two articles are not a trend.
    """
    return baseline.reports >= warmup and abs(sentiment - baseline.mean) >= threshold


def updated_tone(baseline: ToneBaseline, sentiment: float, alpha: float) -> ToneBaseline:
    """The baseline with one more report folded in (exponentially weighted, weight `alpha`).

    The first report sets the mean; after that the newest report counts `alpha`, so the
    baseline follows the story's recent tone rather than its whole history.
    """
    if baseline.reports == 0:
        return ToneBaseline(mean=sentiment, variance=0.0, reports=1)
    delta = sentiment - baseline.mean
    mean = baseline.mean + alpha * delta
    variance = (1 - alpha) * (baseline.variance + alpha * delta * delta)
    return replace(baseline, mean=mean, variance=variance, reports=baseline.reports + 1)


def is_background(event: Event, published_at: datetime, days: float) -> bool:
    """True for an event dated more than `days` before the report: history, not news."""
    if not event.when:
        return False
    try:
        when = datetime.fromisoformat(event.when)
    except ValueError:
        return False
    return when.date() < (published_at - timedelta(days=days)).date()
