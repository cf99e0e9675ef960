"""The whole pipeline never raises, whatever text it is given."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.nlp.analysis import analyse_articles
from service.schemas import EVENT_STATUSES, EVENT_TYPES, Analysis, Article

PUBLISHED = datetime(2025, 7, 1, 6, tzinfo=UTC)


def analyse(nlp: Language, text: str) -> Analysis:
    [analysis] = analyse_articles(nlp, [Article(id="p", published_at=PUBLISHED, text=text)])
    return analysis


def assert_well_formed(analysis: Analysis) -> None:
    for event in analysis.events:
        assert event.type in EVENT_TYPES
        assert event.status in EVENT_STATUSES
    assert analysis.sentiment is None or -1 <= analysis.sentiment <= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400))
def test_arbitrary_unicode_never_raises(nlp: Language, text: str) -> None:
    assert_well_formed(analyse(nlp, text))


WORDS = st.sampled_from(
    [
        "Varga",
        "met",
        "will",
        "not",
        "meet",
        "ceasefire",
        "the",
        "Norvanian",
        "said",
        '"',
        "on",
        "Monday",
        ",",
        ".",
        "talks",
        "stalled",
        "\n",
        "according",
        "to",
        "Hamas",
        "'s",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(WORDS, max_size=60))
def test_news_shaped_word_salad_never_raises(nlp: Language, words: list[str]) -> None:
    assert_well_formed(analyse(nlp, " ".join(words)))


def test_empty_text_gives_an_empty_analysis(nlp: Language) -> None:
    analysis = analyse(nlp, "")
    assert analysis.events == [] and analysis.statements == [] and analysis.sentiment is None


def test_a_200000_character_article_is_analysed(nlp: Language, seed_article: dict) -> None:
    text = (seed_article["text"] + "\n") * (200_000 // len(seed_article["text"]) + 1)
    text = text[:200_000]
    assert len(text) == 200_000
    analysis = analyse(nlp, text)
    assert_well_formed(analysis)
    assert analysis.events
