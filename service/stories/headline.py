"""Does a report's headline tell of an event of its lead?

An outlet's headline names the development its report is about. A later report's event that
its headline does not tell of ("Israeli cabinet meets on budget"; lead: "... a week after the
strike on ...") is context, a recap or a side remark: it neither joins nor moves the story.
The headline tells of an event when it has a word of the event's type, in any inflection:
the trigger words of `service/nlp/data/event_triggers.json` ("Netanyahu meets Trump" for a
MEETING whose lead reads "held talks"), the event's own trigger, and the words that name
kindred types (`KINDRED_TYPES`: "talks" are a meeting or negotiations).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from service.nlp.lexicon import read_data
from service.schemas import Event
from service.stories.rules import KINDRED_TYPES

#: Inflections taken off a word before comparing, longest first.
SUFFIXES = ("ing", "ed", "es", "s", "e")
#: The shortest word compared: shorter words are function words or initials.
MIN_WORD = 4
#: Past tenses that no suffix rule reaches, as the trigger word they inflect.
IRREGULAR = {"struck": "strike", "met": "meet", "shot": "shoot", "flew": "fly", "fled": "flee"}
_WORD = re.compile(r"[^\W\d_]+")


def headlined(event: Event, title: str | None) -> bool:
    """True when the title has a word of the event's type or trigger; True with no title
    (a report without a headline is read from its lead alone)."""
    if title is None:
        return True
    wanted = type_stems().get(event.type, frozenset()) | {
        stem(word) for word in _WORD.findall(event.trigger.lower())
    } - {""}
    return not wanted.isdisjoint(title_stems(title))


@lru_cache(maxsize=256)
def title_stems(title: str) -> frozenset[str]:
    """The stems of a title's words, once per title however many events it is asked about."""
    return frozenset(stem(word) for word in _WORD.findall(title.lower()))


@cache
def type_stems() -> dict[str, frozenset[str]]:
    """Every event type's trigger words (verbs and nouns), as stems."""
    raw = read_data("event_triggers.json")
    stems: dict[str, set[str]] = {}
    for table in ("verbs", "nouns"):
        for kind, words in raw[table].items():
            stems.setdefault(kind, set()).update(stem(word) for word in words)
    for word, kinds in KINDRED_TYPES.items():
        for kind in kinds:
            stems.setdefault(kind, set()).add(stem(word))
    return {kind: frozenset(words - {""}) for kind, words in stems.items()}


def stem(word: str) -> str:
    """The word without its inflection ("released", "releases" -> "releas"); "" if short."""
    word = IRREGULAR.get(word, word)
    if len(word) < MIN_WORD:
        return ""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_WORD - 1:
            return word[: -len(suffix)]
    return word
