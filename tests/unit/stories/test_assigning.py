"""Specification of the assignment step: cards in a store, an index in memory, idle sweeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from service.schemas import Analysis
from service.stories.assigning import StoryAssigner
from service.stories.identity import IdentityRules

RULES = IdentityRules(similarity=0.2, half_life_days=14.0, idle_days=3.0, name_weight=0.5)
START = datetime(2025, 7, 1, tzinfo=UTC)
GAZA = {"n:Gaza": 2.0, "n:Hamas": 1.5, "w:ceasefire": 2.0}
QUAKE = {"n:Varnia": 1.0, "w:earthquake": 2.5, "w:magnitude": 1.5}


def report(article_id: str, terms: dict[str, float], day: float) -> Analysis:
    return Analysis(
        article_id=article_id, published_at=START + timedelta(days=day), lead="", terms=terms
    )


def test_each_report_writes_its_story_card_and_gets_its_story_key() -> None:
    store: dict[str, Any] = {}
    assigner = StoryAssigner(store, {}, RULES, sweep_days=1.0)
    first, second = report("a", GAZA, 0), report("b", GAZA, 0.5)
    assigner.assign(first)
    assigner.assign(second)
    assert first.story_key == second.story_key
    assert store[first.story_key]["reports"] == 2


def test_a_restarted_assigner_decides_as_the_one_before_it() -> None:
    stream = [report(f"r{n}", GAZA if n % 2 else QUAKE, n / 4) for n in range(8)]
    store: dict[str, Any] = {}
    uninterrupted = StoryAssigner({}, {}, RULES, sweep_days=1.0)
    first_half = StoryAssigner(store, {}, RULES, sweep_days=1.0)
    for analysis in stream[:4]:
        first_half.assign(analysis)
    restarted = StoryAssigner(store, {}, RULES, sweep_days=1.0)
    expected = [uninterrupted.assign(a.derive()).card.story_id for a in stream]
    got = [a.story_key for a in stream[:4]]
    got += [restarted.assign(a.derive()).card.story_id for a in stream[4:]]
    assert got == expected


def test_idle_cards_leave_the_store_and_the_index_at_a_sweep() -> None:
    store: dict[str, Any] = {}
    assigner = StoryAssigner(store, {}, RULES, sweep_days=1.0)
    assigner.assign(report("a", GAZA, 0))
    assigner.assign(report("b", QUAKE, 10))
    assigner.assign(report("c", QUAKE, 10.1))
    assert set(store) == {assigner.index.cards[k].story_id for k in assigner.index.cards}
    assert len(store) == 1


def test_a_page_that_joined_no_story_is_remembered_until_it_would_have_gone_idle() -> None:
    passed_over: dict[str, Any] = {}
    assigner = StoryAssigner({}, passed_over, RULES, sweep_days=1.0)
    opinion = report("op", GAZA, 0)
    opinion.genre = "opinion"
    assert assigner.assign(opinion).card is None
    assert set(passed_over) == {"op"} and assigner.passed_over_before(opinion)
    assigner.assign(report("b", QUAKE, 2.5))
    assert assigner.passed_over_before(opinion)  # not idle for 3 days yet
    assigner.assign(report("c", QUAKE, 4.1))
    assert passed_over == {} and not assigner.passed_over_before(opinion)
