"""Specification of the desk's screening: a re-delivery changes nothing, an update goes on,
another article under a taken id is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from service.ingest import Rejection
from service.settings import Settings
from service.stories.desk import DeskReport, StoryDesk
from tests.unit.analyses import make_analysis, make_event

NOW = datetime(2025, 7, 10, tzinfo=UTC)
FIRST = (
    "Ministers from Norvania and Kestavia met in Doha on Monday to agree a ceasefire along the "
    "northern border, and said monitors would arrive within a week to oversee the withdrawal."
)
UPDATED = FIRST + " Later on Monday both sides confirmed the first prisoners had been freed."
UNRELATED = (
    "The central bank raised its main interest rate by half a point to curb inflation, which "
    "reached its highest level in a decade as fuel and food prices climbed through the summer."
)


def desk() -> tuple[StoryDesk, dict[str, Any], dict[str, Any]]:
    cards: dict[str, Any] = {}
    stories: dict[str, Any] = {}
    return StoryDesk(cards, stories, {}, Settings()), cards, stories


def taken(
    the_desk: StoryDesk, text: str, sha: str, hours: int = 0
) -> DeskReport | Rejection | None:
    analysis = make_analysis(text=text, text_sha256=sha, events=[make_event()])
    analysis.published_at += timedelta(hours=hours)
    report = the_desk.take(analysis, NOW)
    if isinstance(report, DeskReport):
        the_desk.keep(report)
    return report


def test_the_same_article_again_is_a_repeat_and_changes_nothing() -> None:
    the_desk, cards, stories = desk()
    assert isinstance(taken(the_desk, FIRST, "sha-first"), DeskReport)
    before = (dict(cards), dict(stories))
    assert taken(the_desk, FIRST, "sha-first", hours=1) is None
    assert (cards, stories) == before


def test_an_article_again_with_a_paragraph_more_is_an_update() -> None:
    the_desk, _, _ = desk()
    taken(the_desk, FIRST, "sha-first")
    assert isinstance(taken(the_desk, UPDATED, "sha-updated", hours=1), DeskReport)


def test_another_text_under_a_taken_id_is_refused_and_stores_nothing() -> None:
    the_desk, cards, stories = desk()
    taken(the_desk, FIRST, "sha-first")
    before = (dict(cards), dict(stories))
    refused = taken(the_desk, UNRELATED, "sha-other", hours=1)
    assert isinstance(refused, Rejection) and refused.kind == "id_conflict"
    assert "'a-1'" in refused.detail
    assert (cards, stories) == before
    assert isinstance(taken(the_desk, UPDATED, "sha-updated", hours=2), DeskReport)


def test_a_page_that_joined_no_story_is_a_repeat_when_it_comes_again_even_after_a_restart() -> None:
    """Re-assigned after a crash, it could join a story opened since: a story the
    uninterrupted run never gave it."""
    cards: dict[str, Any] = {}
    stories: dict[str, Any] = {}
    passed_over: dict[str, Any] = {}
    the_desk = StoryDesk(cards, stories, passed_over, Settings())
    opinion = make_analysis(article_id="op-1", text=FIRST, text_sha256="sha-op", genre="opinion")
    report = the_desk.take(opinion, NOW)
    assert isinstance(report, DeskReport) and report.joined.card is None
    assert taken(the_desk, FIRST, "sha-first", hours=1) is not None  # its story opens later
    restarted = StoryDesk(cards, stories, passed_over, Settings())
    for desk_now in (the_desk, restarted):
        assert desk_now.take(opinion.derive(), NOW) is None
    edited = opinion.derive()
    edited.text_sha256 = "sha-op-edited"
    assert isinstance(restarted.take(edited, NOW), DeskReport)  # an update is news again
