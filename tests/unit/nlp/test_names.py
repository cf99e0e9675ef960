"""Canonical names: aliases, demonyms, surnames, titles, and invented names alike."""

from __future__ import annotations

import pytest
from spacy.language import Language

from service.nlp.events import FoundEvent
from service.nlp.names import NameIndex
from tests.unit.nlp.conftest import parse


def canonical_names(nlp: Language, text: str) -> set[str]:
    doc = parse(nlp, text)
    index: NameIndex = doc._.names
    return {mention.canonical for mention in index.by_token.values()}


def parties(nlp: Language, text: str, event_type: str) -> set[str]:
    events: list[FoundEvent] = parse(nlp, text)._.events
    return {name for e in events if e.type == event_type for name in e.actors + e.targets}


@pytest.mark.parametrize(
    ("text", "name", "absent"),
    [
        ("Israeli troops moved north.", "Israel", "Israeli"),
        ("Israel's cabinet met on Sunday.", "Israel", "Israel's"),
        ("The U.S. sent an envoy.", "United States", "U.S."),
        ("American diplomats arrived.", "United States", "American"),
        (
            "Prime Minister Benjamin Netanyahu spoke. Later Netanyahu left.",
            "Benjamin Netanyahu",
            "Netanyahu",
        ),
        ("Norvania's army moved. Norvanian troops crossed the river.", "Norvania", "Norvanian"),
        ("President Ilse Varga of Norvania spoke. Varga then left.", "Ilse Varga", "Varga"),
    ],
)
def test_every_way_of_naming_resolves_to_one_canonical_name(
    nlp: Language, text: str, name: str, absent: str
) -> None:
    names = canonical_names(nlp, text)
    assert name in names
    assert absent not in names


def test_the_title_names_the_holder_the_article_introduced(nlp: Language) -> None:
    text = (
        "U.S. President Donald Trump spoke on Monday. The president will travel to Cairo on Friday."
    )
    assert "Donald Trump" in parties(nlp, text, "TRAVEL")


def test_an_indefinite_title_names_nobody(nlp: Language) -> None:
    text = "U.S. President Donald Trump spoke. A president will travel to Cairo on Friday."
    assert "Donald Trump" not in parties(nlp, text, "TRAVEL")


def test_washington_acting_is_the_united_states_but_as_a_destination_stays_a_city(
    nlp: Language,
) -> None:
    acting = parse(nlp, "Washington imposed sanctions on Kestavia.")._.events
    assert any("United States" in e.actors for e in acting if e.type == "SANCTION")
    travel = parse(nlp, "Ilse Varga will travel to Washington on Monday.")._.events
    assert [e.location for e in travel if e.type == "TRAVEL"] == ["Washington"]


def test_coordinated_and_between_arguments_are_all_parties(nlp: Language) -> None:
    text = "Talks between Norvania and the Crimson Front resumed in Doha."
    assert {"Norvania", "Crimson Front"} <= parties(nlp, text, "NEGOTIATION")
