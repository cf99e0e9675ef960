"""Status comes from the parse around the trigger: one behaviour per row."""

from __future__ import annotations

import pytest
from spacy.language import Language

from service.nlp.events import FoundEvent
from tests.unit.nlp.conftest import parse


def events_of(nlp: Language, text: str) -> list[FoundEvent]:
    return parse(nlp, text)._.events


@pytest.mark.parametrize(
    ("sentence", "event_type", "status"),
    [
        ("Varga is scheduled to meet Ferreira in Cairo on July 7.", "MEETING", "planned"),
        ("Varga will travel to Cairo on Monday.", "TRAVEL", "planned"),
        ("Varga plans to visit Cairo.", "TRAVEL", "planned"),
        ("Varga met Ferreira in Cairo on Monday.", "MEETING", "occurred"),
        ("Varga is expected to meet Ferreira.", "MEETING", "expected"),
        ("Norvania is seeking to broker a ceasefire.", "CEASEFIRE", "expected"),
        ("Both sides are pushing for a truce.", "CEASEFIRE", "expected"),
        ('"We think we\'re going to get a ceasefire," Varga said.', "CEASEFIRE", "expected"),
        ("Negotiations between Norvania and Marestia have stalled.", "NEGOTIATION", "stalled"),
        ("The ceasefire collapsed on Sunday.", "CEASEFIRE", "failed"),
        ("Marestia rejected the proposal.", "NEGOTIATION", "failed"),
        ("The summit was called off.", "MEETING", "cancelled"),
        ("The summit has been postponed.", "MEETING", "cancelled"),
        # a plan named on the noun yields to what the clause says became of it
        ("The leaders cancelled their upcoming summit.", "MEETING", "cancelled"),
        ("The planned talks were called off on Monday.", "MEETING", "cancelled"),
        ("The planned summit will take place in Cairo.", "MEETING", "planned"),
        ("Norvania denied reports that its troops had been deployed.", "MILITARY", "denied"),
        ("The two leaders did not meet.", "MEETING", "denied"),
        ("Marestia did not agree to the truce.", "CEASEFIRE", "failed"),
        ("The leaders will not meet next week.", "MEETING", "cancelled"),
        ("Negotiations are continuing in Doha.", "NEGOTIATION", "ongoing"),
        ("Egypt put forward a proposal for a truce.", "NEGOTIATION", "proposed"),
        ("Dockworkers ended their strike on Thursday.", "PROTEST", "occurred"),
        ("Norvania called up 20,000 reservists on Friday.", "MILITARY", "occurred"),
        ("Indirect talks between Iran and Oman have stalled.", "NEGOTIATION", "stalled"),
        ("A deal on the border was close.", "AGREEMENT", "expected"),
        ("Iran and the United States held indirect talks in Muscat.", "MEETING", "occurred"),
        ("Efforts to reach a ceasefire in Gaza have intensified.", "CEASEFIRE", "expected"),
        ("Hamas said Israel had torpedoed the agreement.", "AGREEMENT", "failed"),
        ("The ceasefire took effect at midnight.", "CEASEFIRE", "occurred"),
        ("The convoy was attacked by Crimson Front fighters.", "ATTACK", "occurred"),
        ("The group remained unable to reach a consensus.", "DECISION", "stalled"),
    ],
)
def test_status_is_read_from_the_clause(
    nlp: Language, sentence: str, event_type: str, status: str
) -> None:
    found = [(e.type, e.status) for e in events_of(nlp, sentence)]
    assert (event_type, status) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The capital is home to three million people.",
        "Analysts have long described the region as volatile.",
        "Netanyahu's visit is part of his efforts to address the conflict.",
        "The weather in Cairo was hot.",
        "No air strikes were reported in the town.",
        "Varga did not speak to reporters after the meeting.",
        "They were the first contacts since Norvania struck the border posts.",
        "",
    ],
)
def test_sentences_without_an_event_yield_none(nlp: Language, sentence: str) -> None:
    assert events_of(nlp, sentence) == []


def test_passive_voice_puts_the_agent_among_actors_and_the_subject_among_targets(
    nlp: Language,
) -> None:
    text = "Zorvath Quell met the press. Two aid trucks were attacked by Crimson Front fighters."
    [attack] = [e for e in events_of(nlp, text) if e.type == "ATTACK"]
    assert "Crimson Front" in attack.actors


def test_a_long_sentence_keeps_each_event_its_own_status(nlp: Language) -> None:
    text = (
        "Ilse Varga, who has led Norvania since a disputed election in 2019 and who survived "
        "two attempts to remove her from office, arrived in Cairo on Monday, and she is "
        "scheduled to meet Jonas Ferreira there on Friday to discuss the water dispute."
    )
    found = {(e.type, e.status, e.when) for e in events_of(nlp, text)}
    assert ("TRAVEL", "occurred", "2025-06-30") in found
    assert ("MEETING", "planned", "2025-07-04") in found


def test_a_purpose_or_topic_is_part_of_the_event_it_hangs_from(nlp: Language) -> None:
    text = "Marestia denied that a delegation would travel to Cairo for talks."
    assert [(e.type, e.status) for e in events_of(nlp, text)] == [("TRAVEL", "denied")]


def test_talks_keep_their_status_when_a_verb_at_them_is_negated(nlp: Language) -> None:
    text = "Iran would not give up enrichment at the talks in Oman next week."
    assert [e for e in events_of(nlp, text) if e.type in {"MEETING", "NEGOTIATION"}] == []


def test_a_strike_keeps_the_sense_the_article_once_gave_it(nlp: Language) -> None:
    text = "Dockworkers began an indefinite strike on Monday. The strike halted the port."
    assert {e.type for e in events_of(nlp, text)} == {"PROTEST"}
