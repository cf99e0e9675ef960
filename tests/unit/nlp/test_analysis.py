"""Specification of the analysis stage on real spaCy parses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.ingest import Rejection
from service.nlp.analysis import analyse_articles, analyse_or_reject, without_dateline
from service.nlp.names import clean_surface
from service.nlp.pipeline import build_pipeline
from service.schemas import Article


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, published_at=datetime(2025, 7, 1, 6, tzinfo=UTC), text=text)


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("the White House", "White House"),
        ("Netanyahu's", "Netanyahu"),
        ("Hamas'", "Hamas"),
        ("  Donald \n Trump ", "Donald Trump"),
        ("Israel", "Israel"),
    ],
)
def test_entity_surface_is_cleaned_to_a_name(surface: str, canonical: str) -> None:
    assert clean_surface(surface) == canonical


def test_seed_article_names_its_principals_and_keeps_its_lead(
    nlp: Language, seed_article: dict
) -> None:
    [analysis] = analyse_articles(nlp, [article(seed_article["id"], seed_article["text"])])
    names = {entity.canonical for entity in analysis.entities}
    assert {"Benjamin Netanyahu", "Donald Trump", "Gaza", "Hamas", "Israel"} <= names
    assert "Netanyahu" not in names
    assert analysis.lead.startswith("Israeli Prime Minister Benjamin Netanyahu is scheduled")
    assert analysis.story_key == ""  # assignment sets it (service/stories/desk.py)
    assert len(analysis.text_sha256) == 64
    assert len(analysis.fingerprint) == 64


def test_a_batch_keeps_input_order_and_one_analysis_per_article(nlp: Language) -> None:
    texts = [
        "Kenya's parliament voted on the budget in Nairobi.",
        "Zorvath Quell met Mirela Danovic in Valtoria on Monday.",
        "It rained.",
    ]
    analyses = analyse_articles(nlp, [article(f"a{i}", t) for i, t in enumerate(texts)])
    assert [a.article_id for a in analyses] == ["a0", "a1", "a2"]
    assert analyses[2].entities == []


@Language.component("fails_on_marker")
def fails_on_marker(doc: Doc) -> Doc:
    """A pipeline step that breaks on one input, as a model bug would."""
    if "KABOOM" in doc.text:
        raise ValueError("cannot parse this")
    return doc


def test_an_article_spacy_fails_on_is_rejected_and_the_rest_of_its_batch_is_analysed() -> None:
    nlp = build_pipeline("en_core_web_sm")
    nlp.add_pipe("fails_on_marker", first=True)
    texts = ["Kenya's parliament met in Nairobi.", "KABOOM in Valtoria.", "Chile's senate voted."]
    results = analyse_or_reject(nlp, [article(f"a{i}", t) for i, t in enumerate(texts)])
    assert [type(r).__name__ for r in results] == ["Analysis", "Rejection", "Analysis"]
    rejection = results[1]
    assert isinstance(rejection, Rejection)
    assert rejection.kind == "analysis_failed"
    assert "ValueError: cannot parse this" in rejection.detail


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("KHARTOUM, Sept 2 — Sudan's army said on Tuesday.", "Sudan's army said on Tuesday."),
        ("GAZA CITY (Reuters) - Hamas said on Friday.", "Hamas said on Friday."),
        ("KYIV, Ukraine — Talks resumed.", "Talks resumed."),
        ('TEHRAN, July 4 (AP) — "We will not," he said.', '"We will not," he said.'),
        ("Hamas said - again - it accepts.", "Hamas said - again - it accepts."),
        ("NATO - the alliance said so.", "NATO - the alliance said so."),
    ],
)
def test_a_wire_dateline_is_not_read_as_part_of_the_lead(text: str, lead: str) -> None:
    assert without_dateline(text) == lead
