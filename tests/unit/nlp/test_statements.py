"""Statements: who said it, what, when, and whether the speaker is a principal."""

from __future__ import annotations

from spacy.language import Language

from service.nlp.statements import FoundStatement
from tests.unit.nlp.conftest import parse


def statements(nlp: Language, text: str) -> list[FoundStatement]:
    return parse(nlp, text)._.statements


def test_a_named_speaker_after_a_quote_is_a_principal(nlp: Language) -> None:
    [found] = statements(nlp, 'Karoline Leavitt spoke. "He wants to save lives," Leavitt said.')
    assert (found.speaker, found.principal) == ("Karoline Leavitt", True)
    assert found.content == "He wants to save lives"


def test_a_participle_takes_the_subject_of_its_clause_and_its_date(nlp: Language) -> None:
    text = (
        "Ilse Varga has expressed optimism, telling reporters Friday that "
        '"we think we are going to get a truce."'
    )
    found = [s for s in statements(nlp, text) if s.when is not None]
    assert [(s.speaker, s.when) for s in found] == [("Ilse Varga", "2025-06-27")]


def test_according_to_an_unnamed_official_is_a_statement_but_not_a_principals(
    nlp: Language,
) -> None:
    text = "According to an official in Varga's office, the talks will resume on Monday."
    [found] = statements(nlp, text)
    assert found.principal is False
    assert "official" in found.speaker
    assert "talks will resume" in found.content


def test_an_unnamed_national_official_is_not_a_principal(nlp: Language) -> None:
    [found] = statements(nlp, "The talks will resume on Monday, a Qatari official said.")
    assert found.principal is False


def test_a_quote_continues_into_the_next_sentence(nlp: Language) -> None:
    text = '"Qatar is the key," Jonas Ferreira said. "We are hoping for a breakthrough."'
    found = statements(nlp, text)
    assert [s.speaker for s in found] == ["Jonas Ferreira", "Jonas Ferreira"]


def test_a_negated_reporting_verb_is_no_statement(nlp: Language) -> None:
    assert statements(nlp, "The Norvanian army did not respond to a request for comment.") == []
