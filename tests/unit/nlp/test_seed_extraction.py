"""The seed article (published Tuesday 2025-07-01 06:00 UTC) yields the events issue 3 lists."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.language import Language

from service.nlp.analysis import analyse_articles
from service.schemas import Analysis, Article, Event


@pytest.fixture(scope="module")
def seed_analysis(nlp: Language, seed_article: dict) -> Analysis:
    article = Article(
        id=seed_article["id"],
        published_at=datetime(2025, 7, 1, 6, tzinfo=UTC),
        text=seed_article["text"],
    )
    [analysis] = analyse_articles(nlp, [article])
    return analysis


def parties(event: Event) -> set[str]:
    return set(event.actors) | set(event.targets)


# type, status, names among actors or targets, location and date (None: not checked)
REQUIRED = [
    ("MEETING", "planned", {"Benjamin Netanyahu", "Donald Trump"}, "White House", "2025-07-07"),
    ("TRAVEL", "planned", {"Benjamin Netanyahu"}, "Washington", "2025-07-07"),
    ("TRAVEL", "occurred", {"Ron Dermer"}, "Washington", "2025-06-30"),
    ("CEASEFIRE", "expected", {"United States", "Israel", "Hamas"}, "Gaza", None),
    ("NEGOTIATION", "stalled", {"Israel", "Hamas"}, None, None),
    ("MEETING", "occurred", {"Benjamin Netanyahu"}, None, "2025-06-30"),
    ("DECISION", "stalled", set(), None, None),
]


@pytest.mark.parametrize(("type_", "status", "names", "location", "when"), REQUIRED)
def test_seed_article_yields_required_event(
    seed_analysis: Analysis,
    type_: str,
    status: str,
    names: set[str],
    location: str | None,
    when: str | None,
) -> None:
    matches = [
        event
        for event in seed_analysis.events
        if event.type == type_
        and event.status == status
        and names <= parties(event)
        and (location is None or event.location == location)
        and (when is None or event.when == when)
    ]
    assert matches, [
        (e.type, e.status, parties(e), e.location, e.when) for e in seed_analysis.events
    ]


def test_the_ceasefire_expectation_names_the_united_states_as_an_actor(
    seed_analysis: Analysis,
) -> None:
    ceasefires = [e for e in seed_analysis.events if e.type == "CEASEFIRE" and e.location == "Gaza"]
    assert any("United States" in e.actors for e in ceasefires)


def test_trumps_within_the_next_week_statement_is_dated_friday(seed_analysis: Analysis) -> None:
    [statement] = [
        e
        for e in seed_analysis.events
        if e.type == "STATEMENT" and "within the next week" in e.sentence
    ]
    assert statement.speaker == "Donald Trump"
    assert statement.when == "2025-06-27"


def test_leavitt_is_a_speaker(seed_analysis: Analysis) -> None:
    speakers = {e.speaker for e in seed_analysis.events if e.type == "STATEMENT"}
    assert "Karoline Leavitt" in speakers


def test_nothing_says_the_meeting_or_a_ceasefire_has_occurred(seed_analysis: Analysis) -> None:
    occurred = [e for e in seed_analysis.events if e.status == "occurred"]
    assert not [e for e in occurred if e.type == "CEASEFIRE"]
    assert not [
        e
        for e in occurred
        if e.type == "MEETING" and {"Benjamin Netanyahu", "Donald Trump"} <= parties(e)
    ]


def test_trumps_quote_is_about_the_ceasefire(seed_analysis: Analysis) -> None:
    [statement] = [s for s in seed_analysis.statements if "going to get a ceasefire" in s.text]
    assert statement.speaker == "Donald Trump"
    assert statement.topic == "CEASEFIRE"


def test_sentence_sentiment_reads_heartbreak_as_negative_and_optimism_as_positive(
    seed_analysis: Analysis,
) -> None:
    by_start = {s.text[:40]: s for s in seed_analysis.sentences}
    [heartbreak] = [s for key, s in by_start.items() if "heartbreaking" in key]
    [optimism] = [s for s in seed_analysis.sentences if "expressed optimism" in s.text]
    assert heartbreak.sentiment < 0
    assert heartbreak.speaker == "Karoline Leavitt"
    assert optimism.sentiment > 0
    assert -1 <= seed_analysis.sentiment <= 1


def test_every_event_uses_the_contract_vocabulary(seed_analysis: Analysis) -> None:
    from service.schemas import EVENT_STATUSES, EVENT_TYPES

    for event in seed_analysis.events:
        assert event.type in EVENT_TYPES
        assert event.status in EVENT_STATUSES
        assert 0 <= event.confidence <= 1
