"""Specification of story assignment: reports join the story whose names they share."""

from __future__ import annotations

from datetime import UTC, datetime

from service.schemas import Analysis, Entity
from service.stories.identity import StoryCard, assign, cosine, story_id

SIMILARITY, IDLE_DAYS = 0.45, 7.0


def report(article_id: str, names: dict[str, int], day: int = 1) -> Analysis:
    return Analysis(
        article_id=article_id,
        published_at=datetime(2025, 7, day, tzinfo=UTC),
        lead="",
        entities=[Entity(text=n, label="GPE", canonical=n, mentions=m) for n, m in names.items()],
    )


GAZA = {"Israel": 6, "Hamas": 5, "Gaza": 4, "Qatar": 2, "Benjamin Netanyahu": 2}
IRAN = {"Iran": 7, "Oman": 3, "United States": 3, "Israel": 2, "Abbas Araghchi": 2}
NORVANIA = {"Norvania": 6, "Keldor": 4, "Ilse Marrow": 2, "Sarnow Valley": 1}


def run(*reports: Analysis) -> list[str]:
    """The story id each report is assigned to, in order, with the stream's clock."""
    cards: dict[str, StoryCard] = {}
    joined = []
    stream_time: datetime | None = None
    for analysis in reports:
        stream_time = max(stream_time or analysis.published_at, analysis.published_at)
        assignment = assign(cards.values(), analysis, SIMILARITY, IDLE_DAYS, stream_time)
        cards[assignment.card.story_id] = assignment.card
        joined.append(assignment.card.story_id)
    return joined


def test_reports_of_one_story_in_other_words_and_order_join_it() -> None:
    other_outlet = {"Hamas": 4, "Israel": 3, "Gaza": 2, "Egypt": 1, "Donald Trump": 2}
    first, second = run(report("a", GAZA), report("b", other_outlet, day=2))
    assert first == second == story_id("a")


def test_stories_sharing_one_actor_stay_apart() -> None:
    gaza, iran = run(report("a", GAZA), report("b", IRAN))
    assert gaza != iran


def test_invented_names_work_like_real_ones() -> None:
    ids = run(report("a", NORVANIA), report("b", GAZA), report("c", NORVANIA, day=3))
    assert ids[0] == ids[2] != ids[1]


def test_a_report_after_the_idle_time_opens_a_new_story() -> None:
    first, later = run(report("a", GAZA, day=1), report("b", GAZA, day=20))
    assert first != later


def test_a_late_older_report_does_not_join_a_story_the_stream_left_idle() -> None:
    ids = run(report("a", GAZA, day=1), report("b", NORVANIA, day=20), report("c", GAZA, day=2))
    assert ids[2] not in {ids[0], ids[1]}


def test_a_report_naming_nothing_is_a_story_alone() -> None:
    first, empty = run(report("a", GAZA), report("b", {}))
    assert first != empty


def test_cosine_of_name_vectors() -> None:
    assert cosine({"a": 1.0}, {"a": 2.0}) == 1.0
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert cosine({}, {"a": 1.0}) == 0.0
