"""Specification of `headlined`: does a report's headline tell of an event of its lead?"""

from __future__ import annotations

import pytest

from service.stories.headline import headlined, stem
from tests.unit.analyses import make_event


def event(kind: str, trigger: str) -> object:
    return make_event(kind, "occurred").derive(trigger=trigger)


@pytest.mark.parametrize(
    ("kind", "trigger", "title", "told"),
    [
        # the trigger itself, in another inflection
        ("HOSTAGE_RELEASE", "released", "Hamas releases two women held hostage", True),
        ("DECISION", "vetoed", "US vetoes UN resolution on Gaza", True),
        ("ATTACK", "strike", "Deadly strikes hit refugee camp", True),
        # another trigger word of the event's type, irregular past tenses included
        ("MEETING", "talks", "Netanyahu meets Trump at White House", True),
        ("ATTACK", "killed", "Israeli jets struck a camp overnight", True),
        ("AGREEMENT", "agreement", "Dockworkers end strike after deal on automation", True),
        # kindred types: "talks" are a meeting or negotiations
        ("NEGOTIATION", "negotiations", "Truce talks continue in Cairo", True),
        # a headline about something else
        ("ATTACK", "strike", "Gaza Strip hospitals run out of fuel", False),
        ("DECISION", "vote", "Parliament votes on budget", True),
        ("TRAVEL", "visit", "Israeli cabinet meets on budget", False),
        # no headline: the lead alone is read
        ("ATTACK", "strike", None, True),
    ],
)
def test_a_headline_tells_of_an_event_by_a_word_of_its_type(
    kind: str, trigger: str, title: str | None, told: bool
) -> None:
    assert headlined(event(kind, trigger), title) is told  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("released", "releas"),
        ("releases", "releas"),
        ("strip", "strip"),
        ("strikes", "strik"),
        ("met", "meet"),
        ("the", ""),
    ],
)
def test_stems_drop_inflections_and_short_words(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed
