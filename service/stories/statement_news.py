"""Statement developments: a principal's words that no active story has had yet.

A principal is a person, an organisation or a government the report names (an entity of
`PRINCIPAL_LABELS`); an outlet, a reporter's credit or a common noun never is. What counts
as a statement: a principal's own words in quotation marks, a named person's reported words
in the report's lead, or an organisation's reported words about itself ("Hamas said it had
accepted the proposal") in its first sentence. An organisation's reported speech about
something else ("the ministry said 41 vessels were waiting") is where a fact came from, not
a statement, and
a speaker known by one name only and new to the story ("Amal, a mother of three") is a
witness, not a principal.

Every new quote joins the story's state, so no outlet's later copy of it alerts, in this
story or another; a speaker any active story heard within `speaker_hours` raises no second
alert. A report that repeats a speaker's known quote is covering that statement
again: the speaker's other words in it are the outlet's paraphrase and raise nothing. A
speaker whose words this report already alerts on as a threat or a denial ("Katz warned
Israel would strike") has been heard in that alert.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from service.schemas import Analysis, Statement, from_utc_iso, utc_iso
from service.stories.announced import AnnouncedIndex
from service.stories.developments import STATEMENT_NEW, Development, TrackingRules
from service.stories.event_news import news_sentences, plain
from service.stories.rules import is_repeated_quote, quote_words
from service.stories.state import KnownStatement, StoryState

#: Who can make a statement: people, organisations and governments. A nationality ("Finnish
#: police said") is what the parser keeps of a speaker it cut short, not the speaker.
PRINCIPAL_LABELS = frozenset({"PERSON", "ORG", "GPE"})
#: Labels under which a speaker known by one name only and new to the story is a witness: the
#: small tagger reads many first names as organisations. Governments (GPE) are principals.
WITNESS_LABELS = frozenset({"PERSON", "ORG"})
#: Words by which reported speech refers back to its speaker ("Hamas said it would ...").
SELF_REFERENCES = frozenset({"it", "its", "they", "their", "we", "our"})
#: Events made of words: a threat or a denial alerts as the event, not again as a statement.
SPOKEN_TYPES = frozenset({"THREAT"})
#: A statement shorter than this many words ("No.", "We'll see") is not alerted on.
MIN_QUOTE_WORDS = 4


def statement_developments(
    state: StoryState,
    analysis: Analysis,
    rules: TrackingRules,
    events: list[Development],
    elsewhere: AnnouncedIndex,
) -> list[Development]:
    """A principal's new words: at most one development per speaker per report."""
    seen = utc_iso(analysis.published_at)
    covered_speakers = {
        name
        for d in events
        if d.event and (d.event.type in SPOKEN_TYPES or d.event.status == "denied")
        for name in d.event.actors
    }
    fresh: list[tuple[Statement, str]] = []
    repeating: set[str] = set()
    outlets = elsewhere.outlets() if analysis.statements else set()
    for statement in analysis.statements:
        words = quote_words(statement.text)
        if not is_principal_statement(statement, words, analysis, state, outlets):
            continue
        if is_repeated_quote(
            state.statements, words, rules.quote_repeat_overlap
        ) or elsewhere.quote_known(statement.speaker, words, state.story_id):
            repeating.add(statement.speaker)
            continue
        if not any(known_words == words for _, known_words in fresh):
            fresh.append((statement, words))
    since = utc_iso(from_utc_iso(seen) - timedelta(hours=rules.speaker_hours))
    heard = recently_heard(state, since, seen) | {
        speaker
        for speaker in {statement.speaker for statement, _ in fresh}
        if elsewhere.heard_since(speaker, since, state.story_id)
    }
    developments: dict[str, Development] = {}
    for statement, words in fresh:
        state.statements.append(KnownStatement(statement.speaker, words, seen))
        if statement.speaker in repeating | covered_speakers | heard:
            continue
        if statement.speaker in developments:
            continue
        digest = hashlib.sha256(words.encode()).hexdigest()[:16]
        developments[statement.speaker] = Development(
            STATEMENT_NEW,
            f"statement:{statement.speaker}:{digest}",
            state,
            analysis,
            event=statement.as_event("said"),
            statement=statement,
            evidence=statement.sentence,
        )
    return list(developments.values())


def recently_heard(state: StoryState, since: str, seen: str) -> set[str]:
    """Speakers the story heard from `since` to `seen`: outlets word one speech differently all
    day ("warned of a long war", "vowed to crush Hamas"), and the first report has alerted."""
    return {known.speaker for known in state.statements if since <= known.first_at <= seen}


def is_principal_statement(
    statement: Statement,
    words: str,
    analysis: Analysis,
    state: StoryState,
    outlets: set[str] = frozenset(),  # type: ignore[assignment]
) -> bool:
    """A principal's words, long enough to say something, and not a credit line."""
    if not statement.principal or len(words.split()) < MIN_QUOTE_WORDS:
        return False
    labels = {e.canonical: e.label for e in analysis.entities}
    if labels.get(statement.speaker) not in PRINCIPAL_LABELS:
        return False  # "Strikes said": a common noun the parser took for a speaker
    if is_outlet(statement.speaker, [analysis.source, *state.outlets, *outlets]):
        return False
    if quote_words(statement.speaker).split()[-1] in words.split():
        return False  # words that name their own speaker are a credit or the outlet's account
    sentence = plain(statement.sentence)
    person = labels.get(statement.speaker) == "PERSON"
    one_name = " " not in statement.speaker and statement.speaker not in state.names
    if one_name and labels.get(statement.speaker) in WITNESS_LABELS:
        return False  # "said Olena, whose son ...": a witness, whatever the tagger calls her
    if statement.quoted:
        return True
    lead = plain(analysis.sentences[0].text) if analysis.sentences else ""
    in_news = sentence in news_sentences(analysis)
    return (person and in_news) or (sentence == lead and _speaks_of_itself(statement, words))


def is_outlet(speaker: str, outlets: list[str | None]) -> bool:
    """True when the speaker is, or is named within, an outlet the story is reported by."""
    name = quote_words(speaker)
    return any(
        outlet and (name == (known := quote_words(outlet)) or f" {name} " in f" {known} ")
        for outlet in outlets
    )


def _speaks_of_itself(statement: Statement, words: str) -> bool:
    """Reported words whose subject is the speaker: "(Hamas said) it had accepted"."""
    opening = words.split()[:4]
    speaker = quote_words(statement.speaker).split()
    return bool(SELF_REFERENCES.intersection(opening)) or opening[: len(speaker)] == speaker
