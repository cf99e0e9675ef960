"""Specification of story terms: content lemmas and canonical names, the title's weighted up."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from service.nlp.analysis import analyse_articles
from service.nlp.story_terms import MAX_TERMS
from service.schemas import Analysis, Article


def analysed(nlp: Language, text: str, title: str | None = None) -> Analysis:
    article = Article(
        id="t-1", published_at=datetime(2025, 7, 1, tzinfo=UTC), text=text, title=title
    )
    [analysis] = analyse_articles(nlp, [article])
    return analysis


def test_nouns_become_lemmas_and_names_canonical(nlp: Language) -> None:
    terms = analysed(
        nlp, "Rescuers pulled survivors from collapsed buildings after the earthquake in Turkey."
    ).terms
    assert {"w:rescuer", "w:survivor", "w:building", "w:earthquake"} <= terms.keys()
    assert "n:Turkey" in terms


def test_stop_words_verbs_and_numbers_are_not_terms(nlp: Language) -> None:
    terms = analysed(nlp, "They said that 40 of them would go there on Monday.").terms
    assert not {"w:they", "w:say", "w:40", "w:monday", "w:go"} & terms.keys()


def test_a_word_of_the_title_weighs_more_than_the_same_word_in_the_text_alone(
    nlp: Language,
) -> None:
    text = "The earthquake destroyed homes. The flood closed roads."
    terms = analysed(nlp, text, title="Earthquake destroys homes").terms
    assert terms["w:earthquake"] > terms["w:flood"]


def test_furniture_makes_no_term(nlp: Language) -> None:
    text = "Photo: Jane Doe/Northwind Pictures\nThe earthquake destroyed homes in Varnia."
    terms = analysed(nlp, text).terms
    assert not any("Northwind" in term or "Doe" in term for term in terms)
    assert "w:earthquake" in terms


def test_an_article_keeps_at_most_its_heaviest_terms(nlp: Language) -> None:
    words = " ".join(f"The {noun} mattered." for noun in ("alpha beta gamma delta " * 20).split())
    nouns = " ".join(f"word{n}x" for n in range(100))
    terms = analysed(nlp, words + " " + nouns).terms
    assert len(terms) <= MAX_TERMS
