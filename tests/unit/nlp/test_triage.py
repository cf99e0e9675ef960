"""Specification of triage: which sentences of a text the expensive parse sees, and that what
it finds in them is what the full parse finds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.language import Language

from service.nlp.analysis import analyse_articles
from service.nlp.pipeline import build_pipeline
from service.nlp.triage import LEDE_SENTENCES, NewsTriage, cue_forms, cue_lemmas, inflections
from service.schemas import Article
from service.settings import Settings

MODEL = Settings.model_fields["spacy_model"].default

LEDE = [
    "The foreign ministers of Korvath and Elbonia met in Halden on Monday.",
    "The talks lasted four hours.",
    "Both delegations arrived by train.",
]
BACKGROUND = [
    "Halden is a river port of some 80,000 people.",
    "Its old town dates from the twelfth century.",
]
NEWS = [
    "On Tuesday the Elbonian army attacked a border post near Tarsk.",
    "\u201cThis changes everything,\u201d Mirela Davosh told reporters.",
    "According to the ministry, the border is closed.",
]


@pytest.fixture(scope="module")
def triaged() -> Language:
    return build_pipeline(MODEL, triage=True)


def article(text: str) -> Article:
    published = datetime(2026, 1, 5, 9, tzinfo=UTC)
    return Article(id="t-1", published_at=published, title="Talks in Halden", text=text)


def test_the_lede_quotes_and_sentences_with_cue_words_are_kept(triaged: Language) -> None:
    text = " ".join(LEDE + BACKGROUND[:1] + NEWS + BACKGROUND[1:])
    kept = triaged.make_doc(text).text
    for sentence in LEDE + NEWS:
        assert sentence in kept
    for sentence in BACKGROUND:
        assert sentence not in kept


def test_a_text_no_longer_than_the_lede_is_kept_whole(triaged: Language) -> None:
    text = "\n".join(BACKGROUND + BACKGROUND[:1])
    assert len(BACKGROUND) + 1 == LEDE_SENTENCES
    assert triaged.make_doc(text).text == text


def test_the_parse_of_kept_sentences_finds_what_the_full_parse_finds(
    nlp: Language, triaged: Language
) -> None:
    text = "\n".join(LEDE + BACKGROUND + NEWS)
    [full] = analyse_articles(nlp, [article(text)])
    [triage] = analyse_articles(triaged, [article(text)])
    assert [(e.type, e.status, e.trigger) for e in triage.events] == [
        (e.type, e.status, e.trigger) for e in full.events
    ]
    assert [(s.speaker, s.text) for s in triage.statements] == [
        (s.speaker, s.text) for s in full.statements
    ]
    assert triage.fingerprint == full.fingerprint
    assert len(triage.sentences) == len(full.sentences) - len(BACKGROUND)


def test_cue_forms_include_regular_and_irregular_forms(nlp: Language) -> None:
    forms = cue_forms(nlp, cue_lemmas())
    assert {"met", "meeting", "attacked", "said", "says", "told", "according"} <= forms
    assert "ceasefires" in forms
    assert not {"port", "town", "century"} & forms


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [("plan", {"planned", "planning", "plans"}), ("agree", {"agreed", "agreeing"})],
)
def test_inflections_cover_doubling_and_silent_e(lemma: str, expected: set[str]) -> None:
    assert expected <= inflections(lemma)


def test_triage_keeps_the_tokenizers_special_cases(triaged: Language) -> None:
    assert isinstance(triaged.tokenizer, NewsTriage)
    doc = triaged.make_doc("The cease-fire held.")
    assert "cease-fire" in [token.text for token in doc]
