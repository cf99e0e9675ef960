"""Events: who did what to whom, where, when, and with what status, from one parsed sentence.

A trigger is a verb or noun whose lemma `data/event_triggers.json` lists for a contract type
("meet", "ceasefire", "stalled" is not one: it is a status). For each trigger the
`storywatch_events` component reads, from the dependency parse:

- its type, here: trigger typing, the sense of a word of two meanings, what rules a type out;
- actors, targets, location and day: `service.nlp.event_arguments`;
- status and confidence: `service.nlp.status`.

One event per type and set of actors per sentence; a trigger that only modifies another
("ceasefire" in "ceasefire negotiations") or a support verb ("agreed" in "agreed to a truce")
does not make an event of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from service.nlp.event_arguments import (
    NOUN_TAGS,
    OBJECTS,
    SUBJECTS,
    VERB_TAGS,
    arguments,
    location_of,
    when_of,
)
from service.nlp.lexicon import TriggerTables, normalise, trigger_tables
from service.nlp.status import StatusReading, clause_path, read_status

DATE_LABELS = frozenset({"DATE", "TIME"})
#: "agreed to a truce", "signed on to the deal": the noun is the event, the verb its status.
SUPPORTED_PREPOSITIONS = frozenset({"to", "for", "into"})
#: "travel to Cairo for talks", "a proposal for a ceasefire": a trigger noun after one of these
#: prepositions is the purpose or topic of the trigger it hangs from, not an event of its own.
TOPIC_PREPOSITIONS = frozenset({"for", "on", "over", "about"})
#: Types that are simply over when they end ("ended their strike"); a ceasefire or talks that
#: end have failed.
DONE_WHEN_ENDED = frozenset({"PROTEST", "MILITARY", "TRAVEL", "MEETING", "HUMANITARIAN"})


@dataclass
class FoundEvent:
    """An event as found in the parse, before it becomes a `service.schemas.Event`."""

    type: str
    status: str
    trigger: Token
    sentence: Span
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    when: str | None = None
    speaker: str | None = None
    confidence: float = 0.5


if not Doc.has_extension("published_at"):
    Doc.set_extension("published_at", default=None)
if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.component("storywatch_events", requires=["doc._.names"])
def extract_events(doc: Doc) -> Doc:
    """Set `doc._.events`, every event found in the document, in reading order."""
    tables = trigger_tables()
    published: datetime | None = doc._.published_at
    events: list[FoundEvent] = []
    dates = [entity for entity in doc.ents if entity.label_ in DATE_LABELS]
    for sentence in doc.sents:
        in_sentence = [d for d in dates if sentence.start <= d.start < sentence.end]
        events += events_in(sentence, published, tables, in_sentence)
    doc._.events = _over_when_ended(one_sense_per_discourse(doc, events, tables))
    return doc


def one_sense_per_discourse(
    doc: Doc, events: list[FoundEvent], tables: TriggerTables
) -> list[FoundEvent]:
    """An ambiguous trigger keeps, through one article, the sense its modifiers once gave it.

    "Dockworkers began an indefinite strike" or "striking dockworkers" make every "the strike"
    of the article a PROTEST, not an ATTACK (Gale, Church and Yarowsky, 1992: a word keeps one
    sense per discourse). For the words marked `_one_sense_per_discourse` in the trigger table,
    and only when the article shows exactly one such sense.
    """
    senses: dict[str, set[str]] = {}
    for event in events:
        lemma = normalise(event.trigger.lemma_)
        words = _homonym_senses(lemma, tables)
        if event.type in words.values():
            senses.setdefault(lemma, set()).add(event.type)
    for token in doc:
        lemma = normalise(token.lemma_)
        words = _homonym_senses(lemma, tables)
        for neighbour in _neighbours(token) if words else []:
            if normalise(neighbour.lemma_) in words:
                senses.setdefault(lemma, set()).add(words[normalise(neighbour.lemma_)])
    for event in events:
        shown = senses.get(normalise(event.trigger.lemma_), set())
        if len(shown) == 1:
            event.type = next(iter(shown))
    return events


def _over_when_ended(events: list[FoundEvent]) -> list[FoundEvent]:
    """A strike that "ended" took place (`occurred`), with no date: the date is its end's.

    Runs once the types are final: "ended their strike" is only a PROTEST by then."""
    for event in events:
        if event.status == "failed" and event.type in DONE_WHEN_ENDED and _ended(event.trigger):
            event.status, event.when = "occurred", None
    return events


def _ended(trigger: Token) -> bool:
    """The trigger's clause says it ended ("ended their strike")."""
    return any(normalise(token.lemma_) == "end" for token in clause_path(trigger)[1:])


def events_in(
    sentence: Span,
    published: datetime | None,
    tables: TriggerTables | None = None,
    dates: list[Span] | None = None,
) -> list[FoundEvent]:
    """The events one sentence reports, one per type and set of actors.

    `dates` are the sentence's date and time entities (found from the sentence when omitted;
    a whole document passes them in, since each `Span.ents` call walks the document).
    """
    tables = tables or trigger_tables()
    if dates is None:
        dates = [entity for entity in sentence.ents if entity.label_ in DATE_LABELS]
    found: list[FoundEvent] = []
    for token in sentence:
        event_type = trigger_type(token, tables)
        if event_type is None or _defers_to_another_trigger(token, tables):
            continue
        reading = read_status(token)
        if reading is None:
            continue
        found.append(_build(token, event_type, reading, sentence, published, tables, dates))
    return [event for event in found if not _restates(event, found)]


def _homonym_senses(lemma: str, tables: TriggerTables) -> dict[str, str]:
    """The senses a word's modifiers give it, for words of two meanings ("strike")."""
    rules = tables.modified_nouns.get(lemma, {})
    return dict(rules.get("_words", {})) if rules.get("_one_sense_per_discourse") else {}


def _neighbours(token: Token) -> list[Token]:
    """The words next to `token` in the parse: its head, its children, and the subject of the
    verb it is the object of ("dockworkers ended their strike")."""
    found = [token.head, *token.children]
    if token.dep_ in OBJECTS:
        found += [child for child in token.head.children if child.dep_ in SUBJECTS]
    return found


def _restates(event: FoundEvent, others: list[FoundEvent]) -> bool:
    """Another event of the sentence has the same type and names these actors, or more.

    Of two that name the same actors, the first one kept stands for both.
    """
    for other in others:
        if other is event or other.type != event.type:
            continue
        mine, theirs = set(event.actors), set(other.actors)
        if mine < theirs or (mine == theirs and others.index(other) < others.index(event)):
            return True
    return False


def trigger_type(token: Token, tables: TriggerTables | None = None) -> str | None:
    """The contract type `token` signals as an event trigger, or None."""
    tables = tables or trigger_tables()
    lemma = normalise(token.lemma_)
    if token.pos_ in VERB_TAGS and lemma in tables.verbs:
        if token.dep_ == "amod":
            return None
        if not _context_allows(token, lemma, tables):
            return None
        return _unless_by(token, _modified_type(token, lemma, tables.verbs[lemma], tables), tables)
    if token.pos_ in NOUN_TAGS and lemma in tables.nouns:
        if not _context_allows(token, lemma + "_noun", tables):
            return None
        return _unless_by(token, _modified_type(token, lemma, tables.nouns[lemma], tables), tables)
    return None


#: Prepositions whose object can be what caused the event ("killed in a crash").
CAUSE_PREPOSITIONS = frozenset({"in", "during"})


def _unless_by(token: Token, event_type: str, tables: TriggerTables) -> str | None:
    """None when what does it rules the type out ("an earthquake killed", "the crash killed",
    "storm damage", "killed in a crash"): `not_by` in event_triggers.json."""
    excluded = tables.not_by.get(event_type)
    if not excluded:
        return event_type
    doers = [c for c in token.children if c.dep_ in {"nsubj", "compound", "poss"}]
    doers += [o for c in token.children if c.dep_ == "agent" for o in c.children]
    # "killed in a road crash", "died during the storm": the cause as a prepositional phrase
    doers += [
        o
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in CAUSE_PREPOSITIONS
        for o in c.children
        if o.dep_ == "pobj"
    ]
    if token.dep_ in {"acl", "relcl"}:
        doers.append(token.head)
    doers += [c for doer in doers for c in doer.children if c.dep_ == "compound"]
    return None if any(normalise(d.lemma_) in excluded for d in doers) else event_type


def _context_allows(token: Token, key: str, tables: TriggerTables) -> bool:
    required = tables.context_required.get(normalise(key))
    if required is None:
        return True
    nearby = {normalise(token.lemma_)}
    for child in token.children:
        nearby.add(normalise(child.lemma_))
        nearby.update(normalise(grandchild.lemma_) for grandchild in child.children)
    if token.head is not token:
        nearby.add(normalise(token.head.lemma_))
    return bool(nearby & required)


def _modified_type(token: Token, lemma: str, default: str, tables: TriggerTables) -> str:
    rules = tables.modified_nouns.get(lemma)
    if not rules:
        return default
    words: dict[str, str] = rules.get("_words", {})
    for child in token.children:
        if child.dep_ in SUBJECTS and token.pos_ in VERB_TAGS:
            if normalise(child.lemma_) in words:
                return words[normalise(child.lemma_)]
            continue
        if child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        child_lemma = normalise(child.lemma_)
        if child_lemma in words:
            return words[child_lemma]
        child_type = tables.nouns.get(child_lemma)
        if child_type is not None and child_type in rules:
            return str(rules[child_type])
    grandparent = token.head.head
    if token.dep_ == "pobj" and normalise(grandparent.lemma_) in words:
        return words[normalise(grandparent.lemma_)]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "on", "by"}:
            for object_ in child.children:
                object_lemma = normalise(object_.lemma_)
                if object_lemma in words:
                    return words[object_lemma]
    return default


def _defers_to_another_trigger(token: Token, tables: TriggerTables) -> bool:
    """A modifier of another trigger, what another event acts on ("attacked the convoys"), the
    purpose or topic of another ("travel for talks"), or a support verb whose object is a
    trigger noun ("agreed to a truce")."""
    head = token.head
    if token.dep_ in {"compound", "amod", "nmod"} and trigger_type(head, tables):
        return True
    if token.pos_ in NOUN_TAGS and token.dep_ == "pobj" and head.lower_ in TOPIC_PREPOSITIONS:
        governor = head.head
        supported = normalise(governor.lemma_) in tables.support_verbs
        if governor is not head and not supported and trigger_type(governor, tables):
            return True
    if (
        token.pos_ in NOUN_TAGS
        and token.dep_ in {"dobj", "nsubjpass"}
        and head.pos_ in VERB_TAGS
        and normalise(head.lemma_) not in tables.support_verbs
        and trigger_type(head, tables)
    ):
        return True
    if token.pos_ in VERB_TAGS and normalise(token.lemma_) in tables.support_verbs:
        for child in _through_partitives(token.children, tables):
            if child.dep_ in OBJECTS | {"nsubjpass"} and trigger_type(child, tables):
                return True
            objects = [o for o in child.children if o.dep_ == "pobj"]
            supported = child.dep_ == "prep" and child.lower_ in SUPPORTED_PREPOSITIONS
            if supported and any(trigger_type(o, tables) for o in objects):
                return True
    return False


def _through_partitives(tokens: Iterable[Token], tables: TriggerTables) -> list[Token]:
    """The tokens, with "round" in "a round of talks" replaced by "talks"."""
    seen: list[Token] = []
    for token in tokens:
        if normalise(token.lemma_) in tables.partitive_nouns:
            for preposition in token.children:
                if preposition.dep_ == "prep" and preposition.lower_ == "of":
                    seen += [o for o in preposition.children if o.dep_ == "pobj"]
        seen.append(token)
    return seen


def _refined_type(trigger: Token, event_type: str, status: str, tables: TriggerTables) -> str:
    """The type once its verb, status and prepositions are known ("hold talks", "talks
    between", "talks stalled")."""
    rules = tables.modified_nouns.get(normalise(trigger.lemma_)) if trigger.pos_ == "NOUN" else None
    if not rules:
        return event_type
    by_verb: dict[str, str] = rules.get("_verbs", {})
    if trigger.dep_ in OBJECTS and normalise(trigger.head.lemma_) in by_verb:
        return by_verb[normalise(trigger.head.lemma_)]  # "hold talks" is a meeting
    by_status: dict[str, str] = rules.get("_statuses", {})
    if status in by_status:
        return by_status[status]
    by_preposition: dict[str, str] = rules.get("_preps", {})
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in by_preposition:
            return by_preposition[child.lower_]
    return event_type


def _build(
    trigger: Token,
    event_type: str,
    reading: StatusReading,
    sentence: Span,
    published: datetime | None,
    tables: TriggerTables,
    dates: list[Span],
) -> FoundEvent:
    event_type = _refined_type(trigger, event_type, reading.status, tables)
    actors, targets = arguments(trigger, event_type, tables)
    location = location_of(trigger, event_type, reading, sentence, actors + targets)
    when = when_of(trigger, reading, dates, published)
    return FoundEvent(
        type=event_type,
        status=reading.status,
        trigger=trigger,
        sentence=sentence,
        actors=actors,
        targets=[name for name in targets if name not in actors],
        location=location,
        when=when,
        confidence=reading.confidence,
    )
