"""The word lists extraction relies on, read once from the JSON files in `service/nlp/data/`.

Code never names a word the lists could hold: what signals an event, a status, a speaker or a
country lives in the data files, so a new trigger or alias is a one-line data change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def normalise(word: str) -> str:
    """The lookup key of a word: lower case, hyphens removed ("Cease-fire" -> "ceasefire")."""
    return word.lower().replace("-", "").replace("‐", "")


def read_data(name: str) -> dict[str, Any]:
    """One JSON file of `service/nlp/data/`, parsed."""
    text = resources.files("service.nlp").joinpath("data", name).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    """{"planned": ["will"]} -> {"will": "planned"}; the first group listing a word keeps it."""
    inverted: dict[str, str] = {}
    for group, words in groups.items():
        for word in words:
            inverted.setdefault(normalise(word), group)
    return inverted


@dataclass(frozen=True)
class NameTables:
    """Aliases, demonyms, seats of government, office titles and group nouns (names.json)."""

    aliases: dict[str, str]
    demonyms: dict[str, str]
    seats_of_government: dict[str, str]
    titles: frozenset[str]
    group_nouns: frozenset[str]
    unnamed_speakers: frozenset[str]


@dataclass(frozen=True)
class TriggerTables:
    """Which lemmas signal which event type, and the refinements of event_triggers.json."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    modified_nouns: dict[str, dict[str, Any]]
    context_required: dict[str, frozenset[str]]
    support_verbs: frozenset[str]
    hyphenated: tuple[str, ...]
    symmetric: frozenset[str]
    partitive_nouns: frozenset[str]
    #: Type -> lemmas that, as the trigger's subject, agent or compound, rule the type out.
    not_by: dict[str, frozenset[str]]


@dataclass(frozen=True)
class StatusTables:
    """Status cues by part of speech, negation outcomes and speech words (status_cues.json)."""

    verbs: dict[str, str]
    weak_occurred: frozenset[str]
    particles: dict[str, dict[str, str]]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    modals: dict[str, str]
    inherent_noun_status: dict[str, str]
    negatable_outcomes: frozenset[str]
    speech_verbs: frozenset[str]
    report_nouns: frozenset[str]


@cache
def name_tables() -> NameTables:
    raw = read_data("names.json")
    return NameTables(
        aliases=dict(raw["aliases"]),
        demonyms=dict(raw["demonyms"]),
        seats_of_government=dict(raw["seats_of_government"]),
        titles=frozenset(title.lower() for title in raw["titles"]),
        group_nouns=frozenset(noun.lower() for noun in raw["group_nouns"]),
        unnamed_speakers=frozenset(noun.lower() for noun in raw["unnamed_speakers"]),
    )


@cache
def trigger_tables() -> TriggerTables:
    raw = read_data("event_triggers.json")
    required = {
        normalise(word): frozenset(normalise(context) for context in contexts)
        for word, contexts in raw["object_required"].items()
        if not word.startswith("_")
    }
    return TriggerTables(
        verbs=_invert(raw["verbs"]),
        nouns=_invert(raw["nouns"]),
        modified_nouns={normalise(noun): rules for noun, rules in raw["modified_nouns"].items()},
        context_required=required,
        support_verbs=frozenset(normalise(verb) for verb in raw["support_verbs"]),
        hyphenated=tuple(raw["hyphenated"]),
        symmetric=frozenset(raw["symmetric"]),
        partitive_nouns=frozenset(normalise(noun) for noun in raw["partitive_nouns"]),
        not_by={
            kind: frozenset(normalise(word) for word in words)
            for kind, words in raw.get("not_by", {}).items()
            if not kind.startswith("_")
        },
    )


@cache
def status_tables() -> StatusTables:
    raw = read_data("status_cues.json")
    verbs = dict(raw["verbs"])
    weak = verbs.pop("weak_occurred")
    particles: dict[str, dict[str, str]] = {}
    for status, verb_particles in raw["particles"].items():
        for verb, words in verb_particles.items():
            for word in words:
                particles.setdefault(normalise(verb), {})[normalise(word)] = status
    return StatusTables(
        verbs=_invert(verbs),
        weak_occurred=frozenset(normalise(word) for word in weak),
        particles=particles,
        adjectives=_invert(raw["adjectives"]),
        nouns=_invert(raw["nouns"]),
        modals=_invert(raw["modals"]),
        inherent_noun_status={normalise(k): v for k, v in raw["inherent_noun_status"].items()},
        negatable_outcomes=frozenset(normalise(word) for word in raw["negatable_outcomes"]),
        speech_verbs=frozenset(normalise(word) for word in raw["speech_verbs"]),
        report_nouns=frozenset(normalise(word) for word in raw["report_nouns"]),
    )
