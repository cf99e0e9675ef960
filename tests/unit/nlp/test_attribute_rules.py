"""The cached attribute ruler gives every token exactly what the model's AttributeRuler gives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from service.nlp.attribute_rules import CachedAttributeRuler, CachedAttributeRules
from service.nlp.model import load_pipeline

ASSIGNED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]

#: Words that meet the model's exceptions (two-token rules, regex rules, "there's" with its
#: expletive) among ordinary ones, and white space the tag map treats apart.
WORDS = [
    "gonna", "gotta", "let", "'s", "ai", "n't", "nothin'", "y'", "all", "c'm", "on", "there",
    "is", "was", "The", "minister", "said", "talks", "were", "held", "in", "Geneva", "on",
    "Monday", "he", "she", "they", "I", "me", "him", "them", "her", "it", "its", "'re", "be",
    "met", "ceasefire", "collapsed", ".", ",", '"', "\n\n", "  ", "3", "%", "$", "1.5bn",
]  # fmt: skip


@pytest.fixture(scope="module")
def model() -> Language:
    return load_pipeline("en_core_web_sm")


def parsed(model: Language, text: str) -> Doc:
    """`text` tagged and parsed, before any attribute rule."""
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return model(text)


def cached_copy(stock: AttributeRuler, model: Language) -> CachedAttributeRuler:
    ruler = CachedAttributeRuler(model.vocab)
    ruler.add_patterns(stock.patterns)
    return ruler


def both_ways(model: Language, text: str, ruler: CachedAttributeRuler) -> tuple[Any, Any]:
    stock: AttributeRuler = model.get_pipe("attribute_ruler")
    doc = parsed(model, text)
    return stock(doc.copy()).to_array(ASSIGNED), ruler(doc.copy()).to_array(ASSIGNED)


def test_the_model_rules_give_the_same_tokens_on_their_exceptions(model: Language) -> None:
    ruler = cached_copy(model.get_pipe("attribute_ruler"), model)
    text = (
        "I'm gonna go, we gotta talk. Let's see: we ain't done nothin'. Y'all c'mon!\n\n"
        "There's a ceasefire and there were talks.  The minister said it collapsed.\t3%"
    )
    for _ in range(2):  # the second pass answers from the remembered token kinds
        stock, cached = both_ways(model, text, ruler)
        assert (stock == cached).all()
    assert ruler._cached is not None and ruler._cached.kinds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_any_mix_of_words_gets_the_same_attributes(model: Language, words: list[str]) -> None:
    ruler = _shared_ruler(model)
    stock, cached = both_ways(model, " ".join(words), ruler)
    assert (stock == cached).all()


_RULERS: dict[int, CachedAttributeRuler] = {}


def _shared_ruler(model: Language) -> CachedAttributeRuler:
    """One cached ruler across examples, so that later examples meet remembered kinds."""
    key = id(model)
    if key not in _RULERS:
        _RULERS[key] = cached_copy(model.get_pipe("attribute_ruler"), model)
    return _RULERS[key]


def test_a_pattern_added_after_the_first_doc_takes_effect(model: Language) -> None:
    ruler = cached_copy(model.get_pipe("attribute_ruler"), model)
    text = "The ceasefire collapsed."
    ruler(parsed(model, text))
    ruler.add([[{"LOWER": "ceasefire"}]], {"LEMMA": "truce"})
    assert [token.lemma_ for token in ruler(parsed(model, text))][1] == "truce"


@pytest.mark.parametrize(
    "patterns",
    [
        pytest.param([[{"LOWER": "talks"}, {"OP": "*"}, {"LOWER": "held"}]], id="operator"),
        pytest.param([[{"LOWER": "the"}, {"LOWER": "minister"}]], id="two tokens"),
        pytest.param([[{"LOWER": {"REGEX": "^min"}}]], id="regex"),
    ],
)
def test_rules_of_any_length_give_the_stock_result(
    model: Language, patterns: list[list[dict[str, Any]]]
) -> None:
    stock = AttributeRuler(model.vocab)
    stock.add(patterns, {"LEMMA": "marked"}, index=-1)
    stock.add([[{"TAG": "NN"}]], {"POS": "PROPN"})
    ruler = cached_copy(stock, model)
    doc = parsed(model, "The minister said talks were held and the minister left.")
    expected = stock(doc.copy()).to_array(ASSIGNED)
    assert (ruler(doc.copy()).to_array(ASSIGNED) == expected).all()
    assert "marked" in [token.lemma_ for token in ruler(doc.copy())]


def test_a_rule_on_an_attribute_a_doc_cannot_give_as_an_array_is_matched_by_spacy(
    model: Language,
) -> None:
    stock = AttributeRuler(model.vocab)
    stock.add([[{"TEXT": "talks"}]], {"LEMMA": "marked"})
    ruler = cached_copy(stock, model)
    assert CachedAttributeRules.of(ruler) is None
    doc = ruler(parsed(model, "The talks were held."))
    assert [token.lemma_ for token in doc][1] == "marked"


def test_the_storywatch_pipeline_uses_the_cached_ruler(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), CachedAttributeRuler)
