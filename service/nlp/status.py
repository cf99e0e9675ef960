"""An event's status, read from the parse around its trigger rather than from whole phrases.

From the trigger the reading climbs the dependency tree through the clause that governs it:
"meet" in "is scheduled to meet" climbs to "scheduled"; "ceasefire" in "we think we're going to
get a ceasefire" climbs through "get", "going" and "think". It stops at a reporting verb ("said",
"reported"), since reported speech keeps the status of what was reported, and at a relative or
adverbial clause, which describes something else.

On the way it collects cues from `data/status_cues.json`: verbs ("scheduled", "stalled"),
particles ("called off", "broke down"), adjectives ("ongoing", "unable"), nouns ("hope",
"preference"), modals ("will", "could"), the progressive ("are negotiating") and negation. Then:

1. a denial anywhere on the path ("denied reports that talks resumed") gives `denied`;
2. otherwise the nearest cue decides, except that an expectation above a plan makes it an
   expectation ("we think ... we're going to get");
3. weak cues of completion ("reached", "accepted") count only when nothing else speaks;
4. then a noun's own status ("proposal" is `proposed`), then the tense: past is `occurred`;
5. negation turns the result around (`occurred` -> `denied`, or `failed` for an outcome such as
   "did not agree"; `planned` -> `cancelled`).

A noun trigger whose clause says nothing of its status ("the visit is part of his efforts"),
that only dates another clause ("after the meeting", "since Israel struck") or that is
absent ("no strikes were reported") gets no status at all, and no event: a wrong status is
worse than a missed one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from service.nlp.dates import Tense
from service.nlp.lexicon import StatusTables, normalise, status_tables, trigger_tables

#: Dependencies along which a status climbs from a verb into the clause that governs it.
VERB_CLIMBS = frozenset({"xcomp", "ccomp", "pcomp", "csubj", "acomp", "oprd"})
#: Dependencies along which it climbs from a noun, preposition or adjective.
NOUN_CLIMBS = frozenset(
    {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj", "appos", "prep", "agent", "dative"}
    | {"npadvmod", "acomp", "oprd", "xcomp", "pcomp", "compound", "ccomp", "csubj", "advmod"}
)
VERB_TAGS = frozenset({"VERB", "AUX"})
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
#: A verb governing its trigger this far up or more adds doubt to the reading.
FAR = 4
#: "after the meeting", "since the clash", "at the talks": a trigger that only dates or sets
#: another clause takes no status from it ("did not speak after the meeting" does not deny the
#: meeting; "would not give up enrichment at the talks" does not cancel them).
TEMPORAL_PREPOSITIONS = frozenset(
    {"after", "before", "since", "until", "following", "during", "at"}
)
#: Statuses whose dates lie ahead of the report.
FORWARD_LOOKING = frozenset({"planned", "expected", "proposed", "cancelled"})
#: A plan or a hope, which what happens to it overrides.
PLANS = FORWARD_LOOKING - {"cancelled"}
#: What can become of a plan that the clause above a "planned summit" says happened to it.
ENDINGS = frozenset({"cancelled", "failed", "stalled", "denied"})


@dataclass(frozen=True)
class Cue:
    status: str
    weak: bool = False
    #: Carried by the trigger itself or its modifiers ("the planned summit").
    own: bool = False


@dataclass(frozen=True)
class StatusReading:
    """The status of one trigger, the tense its dates are read in, and how sure the reading is."""

    status: str
    tense: Tense
    confidence: float
    anchor: Token | None
    path: tuple[Token, ...] = ()


def clause_path(trigger: Token, tables: StatusTables | None = None) -> list[Token]:
    """The trigger and the tokens above it that govern its status, nearest first."""
    tables = tables or status_tables()
    path = [trigger]
    node = trigger
    while node.head is not node:
        climbs = VERB_CLIMBS if node.pos_ in VERB_TAGS else NOUN_CLIMBS
        reported = node.dep_ == "acl" and normalise(node.head.lemma_) in tables.report_nouns
        # "efforts to reach a ceasefire": the noun the infinitive completes says its status
        aimed = node.dep_ == "acl" and normalise(node.head.lemma_) in tables.nouns
        purpose = node.dep_ == "advcl" and _is_infinitive(node)
        if not (node.dep_ in climbs or reported or purpose or aimed) or _is_topic_of_noun(
            node, tables
        ):
            break
        if node.dep_ == "pobj" and node.head.lower_ in TEMPORAL_PREPOSITIONS:
            break
        node = node.head
        path.append(node)
        if node.pos_ in VERB_TAGS and normalise(node.lemma_) in tables.speech_verbs:
            break
    return path


def _is_topic_of_noun(node: Token, tables: StatusTables) -> bool:
    """A preposition hanging from a noun that says nothing of status ("meeting on talks")."""
    head = node.head
    lemma = normalise(head.lemma_)
    return (
        node.dep_ == "prep"
        and head.pos_ in {"NOUN", "PROPN"}
        and lemma not in tables.nouns
        and lemma not in trigger_tables().partitive_nouns
    )


def read_status(trigger: Token, tables: StatusTables | None = None) -> StatusReading | None:
    """The status of the event `trigger` signals, or None when the clause does not say."""
    tables = tables or status_tables()
    if any(child.dep_ == "det" and child.lower_ == "no" for child in trigger.children):
        return None  # "no strikes were reported" tells of an absence, not of an event
    if _dates_another_clause(trigger):
        return None  # "the first talks since Israel struck Iran" recalls the strike
    path = clause_path(trigger, tables)
    anchor = next((token for token in path if token.pos_ in VERB_TAGS), None)
    cues: list[Cue] = []
    negated = False
    for position, token in enumerate(path):
        is_boundary = position == len(path) - 1 and is_speech(token, tables) and position > 0
        found = _cues_at(token, tables, is_trigger=position == 0)
        cues.extend([replace(cue, own=True) for cue in found] if position == 0 else found)
        if not is_boundary and _negated(token):
            negated = True
    tense = clause_tense(anchor) if anchor is not None else Tense.UNKNOWN
    status, confidence = _decide(trigger, cues, tense, anchor, tables)
    if status is None:
        return None
    if negated:
        status = _negate(status, anchor, tables)
    if len(path) > FAR:
        confidence -= 0.15
    dated_tense = Tense.FUTURE if status in FORWARD_LOOKING else tense
    if status == "ongoing" and tense is Tense.UNKNOWN:
        dated_tense = Tense.PRESENT
    return StatusReading(status, dated_tense, round(max(confidence, 0.1), 2), anchor, tuple(path))


def _dates_another_clause(trigger: Token) -> bool:
    """A verb in a "since" clause: it only dates the clause it hangs from."""
    return trigger.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ == "since" for child in trigger.children
    )


def is_speech(token: Token, tables: StatusTables) -> bool:
    """True for a reporting verb ("said", "claimed"): where a clause reports speech."""
    return token.pos_ in VERB_TAGS and normalise(token.lemma_) in tables.speech_verbs


def _decide(
    trigger: Token, cues: list[Cue], tense: Tense, anchor: Token | None, tables: StatusTables
) -> tuple[str | None, float]:
    if any(cue.status == "denied" for cue in cues):
        return "denied", 0.85
    strong = [cue for cue in cues if not cue.weak]
    if strong:
        nearest = strong[0].status
        ended = [cue.status for cue in strong if not cue.own and cue.status in ENDINGS]
        if strong[0].own and nearest in PLANS and ended:
            return ended[0], 0.85  # "cancelled their upcoming summit": what became of the plan
        if nearest == "planned" and any(cue.status == "expected" for cue in strong[1:]):
            return "expected", 0.8
        return nearest, 0.85
    if cues:
        return "occurred", 0.75
    inherent = tables.inherent_noun_status.get(normalise(trigger.lemma_))
    if inherent is not None and trigger.pos_ not in VERB_TAGS:
        return inherent, 0.7
    if anchor is None:
        return None, 0.0
    if tense is Tense.PAST:
        return "occurred", 0.7
    if tense is Tense.FUTURE:
        return "planned", 0.75
    if tense is Tense.PRESENT:
        if anchor.lemma_ == "be" and anchor is not trigger:
            return None, 0.0
        return "occurred", 0.55
    if _is_infinitive(anchor):
        return "expected", 0.5
    return None, 0.0


def _negate(status: str, anchor: Token | None, tables: StatusTables) -> str:
    if status == "occurred":
        outcome = anchor is not None and normalise(anchor.lemma_) in tables.negatable_outcomes
        return "failed" if outcome else "denied"
    return {
        "planned": "cancelled",
        "expected": "cancelled",
        "proposed": "denied",
        "ongoing": "stalled",
        "failed": "ongoing",
        "stalled": "ongoing",
        "cancelled": "planned",
    }.get(status, status)


def _cues_at(token: Token, tables: StatusTables, *, is_trigger: bool) -> list[Cue]:
    """Status cues carried by `token` and its modifiers, strongest meaning first."""
    lemma = normalise(token.lemma_)
    cues: list[Cue] = []
    particle_words = {
        normalise(child.lemma_)
        for child in token.children
        if child.dep_ in {"prt", "dobj", "advmod", "prep", "acomp"}
    }
    for word, status in tables.particles.get(lemma, {}).items():
        if word in particle_words:
            cues.append(Cue(status))
    if token.pos_ in VERB_TAGS:
        if lemma == "go" and token.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in token.children):
            cues.append(Cue("planned"))
        elif not is_trigger and lemma in tables.verbs:
            cues.append(Cue(tables.verbs[lemma]))
        if not is_trigger and lemma in tables.weak_occurred:
            cues.append(Cue("occurred", weak=True))
        for child in token.children:
            if child.dep_ in {"aux", "auxpass"}:
                modal = tables.modals.get(normalise(child.text))
                if modal is not None:
                    cues.append(Cue(modal))
        if _is_progressive(token):
            cues.append(Cue("ongoing"))
    elif token.pos_ == "ADJ":
        if lemma in tables.adjectives:
            cues.append(Cue(tables.adjectives[lemma]))
    elif not is_trigger and lemma in tables.nouns:
        cues.append(Cue(tables.nouns[lemma]))
    for child in token.children:
        if child.dep_ in {"amod", "advmod", "acomp"} and child.i < token.i + 3:
            modifier = tables.adjectives.get(normalise(child.lemma_)) or tables.adjectives.get(
                normalise(child.text)
            )
            if modifier is not None and (token.pos_ not in VERB_TAGS or child.dep_ == "acomp"):
                cues.append(Cue(modifier))
    return cues


def _is_progressive(verb: Token) -> bool:
    if verb.tag_ != "VBG" or verb.lemma_ == "go":
        return False
    return any(
        child.dep_ in {"aux", "auxpass"} and child.lemma_ == "be" and child.tag_ in PRESENT_TAGS
        for child in verb.children
    )


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.children
    )


def _negated(token: Token) -> bool:
    return any(
        child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no")
        for child in token.children
        if child.lower_ in NEGATIONS
    )


def clause_tense(verb: Token) -> Tense:
    """The tense of the clause `verb` heads, looking up through infinitives and participles."""
    node = verb
    for _ in range(6):
        tense = _finite_tense(node)
        if tense is not Tense.UNKNOWN:
            return tense
        if node.head is node or node.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "pcomp"}:
            break
        if node.dep_ == "advcl" and node.tag_ != "VBG":
            break
        node = node.head
    return Tense.UNKNOWN


def _finite_tense(verb: Token) -> Tense:
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    tables = status_tables()
    for auxiliary in auxiliaries:
        future = tables.modals.get(normalise(auxiliary.text)) == "planned"
        if future and auxiliary.lower_ != "would":
            return Tense.FUTURE
    if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return Tense.FUTURE
    if verb.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxiliaries):
        return Tense.PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return Tense.PAST
    if verb.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxiliaries):
        return Tense.PRESENT
    return Tense.UNKNOWN
