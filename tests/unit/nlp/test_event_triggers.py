"""Specification of trigger typing: what a trigger word is an event of, in its sentence."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.unit.nlp.conftest import parse


@pytest.mark.parametrize(
    ("sentence", "attack"),
    [
        ("An earthquake killed more than 2,000 people in Afghanistan on Saturday.", False),
        ("A plane crash killed all 12 people on board.", False),
        ("A powerful storm hit the coast on Tuesday.", False),
        ("Three people were killed in a road crash on the M1.", False),
        ("Four villagers were killed in a landslide.", False),
        ("Five soldiers were killed in an air strike on Monday.", True),
        ("An avalanche killed three skiers.", False),
        ("Militants killed 20 soldiers in an attack on Sunday.", True),
        ("Israeli strikes killed 30 people in Gaza on Monday.", True),
        ("Gunmen stormed the building and killed four guards.", True),
    ],
)
def test_a_disaster_or_an_accident_that_kills_is_not_an_attack(
    nlp: Language, sentence: str, attack: bool
) -> None:
    types = {event.type for event in parse(nlp, sentence)._.events}
    assert ("ATTACK" in types) is attack


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("The autoworkers strike has cost the US economy nearly $4 billion.", "PROTEST"),
        ("Hollywood actors' strike ends after 118 days.", "PROTEST"),
        ("Israeli air strikes hit Gaza overnight.", "ATTACK"),
        ("Strikes by French staff halted rail services on Monday.", "PROTEST"),
        ("The ministry condemned the strike by Israel on the camp.", "ATTACK"),
    ],
)
def test_a_strike_of_workers_is_a_protest_and_from_the_air_an_attack(
    nlp: Language, sentence: str, event_type: str
) -> None:
    assert event_type in {event.type for event in parse(nlp, sentence)._.events}
