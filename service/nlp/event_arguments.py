"""An event's arguments: who acts, on whom, where and when, read from the parse around its trigger.

The other half of event extraction (`service.nlp.events` finds and types the triggers): the
actors, targets, place and day of one trigger, as canonical names (`service.nlp.names`) and
resolved dates (`service.nlp.dates`). docs/EXTRACTION.md, "Actors, targets, place and day".
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Span, Token

from service.nlp.dates import resolve_when
from service.nlp.lexicon import TriggerTables, normalise, status_tables, trigger_tables
from service.nlp.names import actor_name, place_name
from service.nlp.status import StatusReading, clause_path, is_speech

VERB_TAGS = frozenset({"VERB"})
NOUN_TAGS = frozenset({"NOUN"})
SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "into", "near", "inside", "across", "outside"})
PARTY_PREPOSITIONS = frozenset({"between", "among"})
PARTNER_PREPOSITIONS = frozenset({"with", "alongside"})
TARGET_PREPOSITIONS = frozenset({"against", "on", "upon", "of", "over"})
#: Types that happen somewhere on the ground: a place named in their sentence is their place.
GROUNDED_TYPES = frozenset({"CEASEFIRE", "ATTACK", "HUMANITARIAN", "MILITARY", "PROTEST"})
#: Types for which a place modifier ("U.S. sanctions") names the party, not the place.
PARTY_MODIFIED_TYPES = frozenset({"SANCTION", "THREAT", "DECISION", "STATEMENT"})


def arguments(
    trigger: Token, event_type: str, tables: TriggerTables | None = None
) -> tuple[list[str], list[str]]:
    """The actors and targets of the event `trigger` signals, as canonical names."""
    tables = tables or trigger_tables()
    symmetric = event_type in tables.symmetric
    actors: list[Token] = []
    targets: list[Token] = []
    passive = any(child.dep_ == "auxpass" for child in trigger.children)
    for child in trigger.children:
        dep = child.dep_
        if dep in SUBJECTS or dep == "poss":
            actors.append(child)
        elif dep == "nsubjpass":
            targets.append(child)
        elif dep == "agent":
            actors += [o for o in child.children if o.dep_ == "pobj"]
        elif dep in OBJECTS:
            (actors if symmetric else targets).append(child)
        elif dep in {"compound", "amod", "nmod"}:
            actors.append(child)
        elif dep == "prep":
            objects = [o for o in child.children if o.dep_ == "pobj"]
            preposition = child.lower_
            partners = preposition in PARTNER_PREPOSITIONS and symmetric
            agent = preposition == "by" and (passive or trigger.pos_ in NOUN_TAGS)
            if preposition in PARTY_PREPOSITIONS or partners or agent:
                actors += objects
            elif preposition in TARGET_PREPOSITIONS:
                targets += objects
    if not any(token.dep_ in SUBJECTS or token.dep_ == "agent" for token in actors):
        actors += _governing_subjects(trigger)
    actor_names = _names(actors, event_type, acting=True)
    target_names = _names(targets, event_type, acting=True)
    return actor_names, [name for name in target_names if name not in actor_names]


#: Reporting verbs whose speaker tells of their own act ("Holm denied ordering them to fire").
OWN_ACT_VERBS = frozenset({"deny", "admit", "confess", "acknowledge", "claim responsibility"})


def _governing_subjects(trigger: Token) -> list[Token]:
    """Subjects of the verbs above the trigger in its clause ("the U.S. seeking to broker").

    Not a reporting verb's: in "500 were killed in the strike, the ministry said" the ministry
    is where the figure came from, not who struck; unless the speaker tells of their own act
    (`OWN_ACT_VERBS`)."""
    if trigger.dep_ in SUBJECTS | {"nsubjpass"}:
        return []
    speech = status_tables()
    for node in clause_path(trigger)[1:]:
        if is_speech(node, speech) and normalise(node.lemma_) not in OWN_ACT_VERBS:
            return []
        if node.pos_ == "NOUN":
            possessors = [c for c in node.children if c.dep_ == "poss"]
            if possessors:
                return possessors
            continue
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [c for c in node.children if c.dep_ in SUBJECTS | {"nsubjpass"}]
        if subjects:
            return subjects
        if node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"}:
            return [c for c in node.head.children if c.dep_ in SUBJECTS]
    if trigger.dep_ == "conj" and trigger.pos_ in VERB_TAGS:
        return [c for c in trigger.head.children if c.dep_ in SUBJECTS]
    return []


def _names(tokens: list[Token], event_type: str, *, acting: bool) -> list[str]:
    names: list[str] = []
    for token in _with_conjuncts(tokens):
        if token.dep_ in {"compound", "amod", "nmod"} and _is_place_modifier(token, event_type):
            continue
        name = actor_name(token, acting=acting)
        if name is not None and name not in names:
            names.append(name)
    return names


def _is_place_modifier(token: Token, event_type: str) -> bool:
    mention = token.doc._.names.mention_at(token.i) if token.doc._.names else None
    return (
        mention is not None
        and mention.label in {"GPE", "LOC", "FAC"}
        and event_type not in PARTY_MODIFIED_TYPES
    )


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    expanded: list[Token] = []
    for token in tokens:
        expanded.append(token)
        expanded += [c for c in token.conjuncts if c not in expanded]
    return expanded


def location_of(
    trigger: Token,
    event_type: str,
    reading: StatusReading,
    sentence: Span,
    parties: list[str],
) -> str | None:
    """Where the event happens, or None."""
    heads = [trigger]
    if reading.anchor is not None and reading.anchor is not trigger:
        heads.append(reading.anchor)
    for head in heads:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in PLACE_PREPOSITIONS:
                continue
            for object_ in child.children:
                if object_.dep_ != "pobj":
                    continue
                place = place_name(object_)
                if place is not None:
                    return place
    for child in trigger.children:
        if child.dep_ in {"compound", "nmod"}:
            place = place_name(child)
            if place is not None and place not in parties:
                return place
    if event_type in GROUNDED_TYPES:
        for token in sentence:
            place = place_name(token)
            if place is not None and place not in parties and actor_name(token) not in parties:
                return place
    return None


def when_of(
    trigger: Token, reading: StatusReading, dates: list[Span], published: datetime | None
) -> str | None:
    """The day the event happened or will happen, when its clause names one."""
    if published is None:
        return None
    path = list(reading.path) or [trigger]
    attach_points = (
        {token.i for token in path[: path.index(reading.anchor) + 1]}
        if (reading.anchor in path)
        else {trigger.i}
    )
    for entity in dates:
        if _attaches_to(entity.root, attach_points):
            day = resolve_when(entity.text, published, reading.tense)
            if day is not None:
                return day
    return None


def _attaches_to(token: Token, attach_points: set[int]) -> bool:
    node = token
    for _ in range(5):
        if node.head is node:
            return False
        node = node.head
        if node.i in attach_points:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False
    return False
