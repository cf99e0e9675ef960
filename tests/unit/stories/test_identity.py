"""Specification of story assignment: reports join the story whose rare words and names they
share, similarity fades with a story's silence, and candidates come from an inverted index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from service.schemas import Analysis
from service.stories.identity import (
    SCAN_ALL_BELOW,
    IdentityRules,
    StoryCard,
    StoryIndex,
    assign,
    story_id,
    time_decay,
)

RULES = IdentityRules(similarity=0.2, half_life_days=14.0, idle_days=30.0, name_weight=0.5)
START = datetime(2025, 7, 1, tzinfo=UTC)
T0 = "2025-07-01T00:00:00Z"


def report(article_id: str, terms: dict[str, float], day: float = 0) -> Analysis:
    return Analysis(
        article_id=article_id,
        published_at=START + timedelta(days=day),
        lead="",
        terms=terms,
    )


GAZA = {"n:Israel": 2.0, "n:Hamas": 2.0, "n:Gaza": 1.7, "w:ceasefire": 2.5, "w:hostage": 1.5}
GAZA_OTHER_OUTLET = {"n:Hamas": 1.7, "n:Gaza": 1.0, "w:ceasefire": 2.0, "w:truce": 1.0}
IRAN = {"n:Iran": 2.4, "n:Oman": 1.5, "w:nuclear": 2.2, "w:enrichment": 1.0, "n:Israel": 1.0}
NORVANIA = {"n:Norvania": 2.0, "n:Keldor": 1.7, "w:border": 1.5, "w:artillery": 1.2}
QUAKE = {"n:Varnia": 1.0, "w:earthquake": 2.5, "w:magnitude": 1.5, "w:rescue": 1.0}


def run(*reports: Analysis, rules: IdentityRules = RULES) -> list[str]:
    """The story id each report is assigned to, in order, with the stream's clock."""
    index = StoryIndex()
    joined = []
    stream_time: datetime | None = None
    for analysis in reports:
        stream_time = max(stream_time or analysis.published_at, analysis.published_at)
        joined.append(assign(index, analysis, rules, stream_time).card.story_id)
    return joined


def test_reports_of_one_story_in_other_words_join_it() -> None:
    first, second = run(report("a", GAZA), report("b", GAZA_OTHER_OUTLET, day=1))
    assert first == second == story_id("a")


def test_stories_sharing_one_actor_stay_apart() -> None:
    gaza, iran = run(report("a", GAZA), report("b", IRAN))
    assert gaza != iran


def test_a_shared_content_word_joins_reports_without_shared_names() -> None:
    other_words = {"w:earthquake": 2.0, "w:magnitude": 1.0, "w:aftershock": 1.0}
    first, second = run(report("a", QUAKE), report("b", other_words, day=0.5))
    assert first == second


def test_invented_names_work_like_real_ones() -> None:
    ids = run(report("a", NORVANIA), report("b", GAZA), report("c", NORVANIA, day=3))
    assert ids[0] == ids[2] != ids[1]


@pytest.mark.parametrize(
    ("gap_days", "joins"),
    [(1, True), (20, True), (80, False)],
)
def test_similarity_fades_with_silence_instead_of_a_hard_cut(gap_days: int, joins: bool) -> None:
    rules = IdentityRules(similarity=0.2, half_life_days=14.0, idle_days=365.0)
    first, later = run(report("a", GAZA), report("b", GAZA_OTHER_OUTLET, day=gap_days), rules=rules)
    assert (first == later) is joins


@pytest.mark.parametrize(
    ("gap_days", "decay"),
    [(-1.0, 1.0), (0.0, 1.0), (14.0, 0.5), (28.0, 0.25)],
)
def test_time_decay_halves_every_half_life(gap_days: float, decay: float) -> None:
    now = START + timedelta(days=gap_days)
    assert time_decay("2025-07-01T00:00:00Z", now, 14.0) == pytest.approx(decay)


def test_a_report_after_the_idle_time_opens_a_new_story() -> None:
    first, later = run(report("a", GAZA, day=0), report("b", GAZA, day=31))
    assert first != later


def test_a_late_older_report_does_not_join_a_story_the_stream_left_idle() -> None:
    ids = run(report("a", GAZA, day=0), report("b", NORVANIA, day=40), report("c", GAZA, day=1))
    assert ids[2] not in {ids[0], ids[1]}


def test_a_report_with_no_terms_is_a_story_alone() -> None:
    first, empty = run(report("a", GAZA), report("b", {}))
    assert first != empty


def test_a_term_held_by_every_story_weighs_least() -> None:
    index = StoryIndex(
        StoryCard(f"s{n}", T0, T0, {"w:zorvath": 1.0}, 1, {"w:zorvath": 1}) for n in range(10)
    )
    index.put(StoryCard("q", T0, T0, {"w:quellmir": 1.0}, 1, {"w:quellmir": 1}))
    assert index.idf("w:zorvath") < index.idf("w:quellmir") < index.idf("w:unseenword")


def test_a_common_english_word_weighs_less_than_a_rare_one_before_the_stream_says() -> None:
    index = StoryIndex()
    assert index.idf("w:people") < index.idf("w:earthquake") < index.idf("w:zorvath")


def test_candidates_past_the_scan_size_share_a_term_with_the_report() -> None:
    cards = [
        StoryCard(f"s{n:04d}", T0, T0, {f"w:t{n}": 1.0}, 1, {f"w:t{n}": 1})
        for n in range(SCAN_ALL_BELOW * 4)
    ]
    index = StoryIndex(cards)
    found = index.candidates(index.weighted({"w:t7": 1.0, "w:t9": 1.0, "w:nothing": 1.0}))
    assert {card.story_id for card in found} == {"s0007", "s0009"}


def test_the_index_forgets_terms_a_card_dropped_when_it_changed() -> None:
    card = StoryCard("s", T0, T0)
    card.add({"w:old": 1.0}, T0)
    index = StoryIndex([card])
    card.terms, card.counts = {"w:new": 1.0}, {"w:new": 1}
    index.put(card)
    assert index.postings == {"w:new": {"s"}}
    index.remove("s")
    assert index.postings == {}
    assert index.document_counts == {}
    assert index.documents == 0
    assert len(index) == 0


def test_the_returned_card_counts_the_report_and_the_index_holds_it() -> None:
    index = StoryIndex()
    first = assign(index, report("a", GAZA), RULES, None)
    second = assign(index, report("b", GAZA_OTHER_OUTLET, day=1), RULES, None)
    assert first.new and not second.new
    assert second.card.reports == 2
    assert index.cards[story_id("a")].terms["n:Hamas"] == pytest.approx(3.7)


def test_a_card_scores_the_same_after_a_reload_from_its_stored_json() -> None:
    index = StoryIndex()
    for number, terms in enumerate((GAZA, IRAN, GAZA_OTHER_OUTLET, NORVANIA, QUAKE)):
        assign(index, report(f"r{number}", terms, day=number), RULES, None)
    reloaded = StoryIndex(StoryCard.from_json(c.to_json()) for c in index.cards.values())
    probe, again = index.probe(GAZA), reloaded.probe(GAZA)
    for key, card in index.cards.items():
        assert reloaded.similarity(again, reloaded.cards[key], 0.5) == pytest.approx(
            index.similarity(probe, card, 0.5)
        )


def test_a_report_taken_again_after_a_crash_joins_its_story_without_adding_its_words_twice() -> (
    None
):
    index = StoryIndex()
    assign(index, report("g1", GAZA), RULES, START)
    assign(index, report("g2", GAZA_OTHER_OUTLET, day=0.5), RULES, START)
    [card] = index.cards.values()
    before = card.to_json()
    again = assign(index, report("g2", GAZA_OTHER_OUTLET, day=0.5), RULES, START)
    assert again.card is card and not again.new
    assert card.to_json() == before
    other_text = report("g2", GAZA_OTHER_OUTLET, day=0.5)
    other_text.text_sha256 = "another text"
    assign(index, other_text, RULES, START)
    assert card.reports == before["reports"] + 1
