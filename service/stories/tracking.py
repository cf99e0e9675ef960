"""The rule that turns an article's Analysis and its story's state into Developments.

Plain Python over dataclasses: the tracking agent loads a StoryState from its table, calls
`track`, publishes an alert for each returned Development and stores the new state. Nothing
here knows about Kafka, so every rule is testable with hand-made analyses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from service.schemas import Analysis, Event, Statement, utc_iso
from service.stories.copies import similarity
from service.stories.identity import gone_idle
from service.stories.rules import (
    SELF_STANDING_TYPES,
    best_match,
    is_background,
    is_repeated_quote,
    moves_forward,
    participants,
    quote_words,
    tone_shift,
    updated_tone,
)
from service.stories.state import KnownEvent, KnownStatement, StoryState, ToneBaseline

if TYPE_CHECKING:
    from service.settings import Settings

STORY_NEW = "storywatch.story.new"
EVENT_NEW = "storywatch.event.new"
EVENT_STATUS_CHANGED = "storywatch.event.status_changed"
STATEMENT_NEW = "storywatch.statement.new"
SENTIMENT_SHIFT = "storywatch.sentiment.shift"
DEVELOPMENT_KINDS = (STORY_NEW, EVENT_NEW, EVENT_STATUS_CHANGED, STATEMENT_NEW, SENTIMENT_SHIFT)

#: Event types that never make an event development of their own: a principal's statement
#: is a `statement.new`, and OTHER says nothing a subscriber could filter on.
UNTRACKED_TYPES = frozenset({"STATEMENT", "OTHER"})
#: A first report of an event with this status is not news on its own ("a ceasefire is hoped
#: for"; "Iran would not be attacked again": nothing known was called off); it joins the
#: story's state silently, and alerts once it moves on.
SILENT_NEW_STATUSES = frozenset({"expected", "cancelled"})
#: Words by which reported speech refers back to its speaker ("Hamas said it would ...").
SELF_REFERENCES = frozenset({"it", "its", "they", "their", "we", "our"})
#: Events made of words: a threat or a denial alerts as the event, not again as a statement.
SPOKEN_TYPES = frozenset({"THREAT"})
#: A statement shorter than this many words ("No.", "We'll see") is not alerted on.
MIN_QUOTE_WORDS = 4
#: News leads: a later report's events, and reported (unquoted) speech, count only from its
#: first sentences; later paragraphs are background, recaps and context.
NEWS_SENTENCES = 3
#: An event whose status the extractor only guessed (from a present tense alone, or far up
#: the parse) neither joins the story nor moves it: a wrong status alert is worse than none.
MIN_STATUS_CONFIDENCE = 0.6


@dataclass(frozen=True)
class TrackingRules:
    """The thresholds of tracking; `from_settings` reads them from STORYWATCH_* settings."""

    idle_days: float = 30.0
    near_copy_similarity: float = 0.8
    quote_repeat_overlap: float = 0.6
    tone_alpha: float = 0.3
    tone_shift_threshold: float = 0.35
    tone_warmup_reports: int = 3
    background_days: float = 7.0

    @classmethod
    def from_settings(cls, settings: Settings) -> TrackingRules:
        return cls(
            idle_days=settings.story_idle_days,
            near_copy_similarity=settings.near_copy_similarity,
            quote_repeat_overlap=settings.quote_repeat_overlap,
            tone_alpha=settings.tone_alpha,
            tone_shift_threshold=settings.tone_shift_threshold,
            tone_warmup_reports=settings.tone_warmup_reports,
            background_days=settings.background_days,
        )


@dataclass(frozen=True)
class Development:
    """Something new about a story, worth one alert; `identity` makes its id stable."""

    kind: str
    identity: str
    story: StoryState
    analysis: Analysis
    #: The event as this report gives it, with the status it moved to.
    event: Event | None = None
    previous_status: str | None = None
    statement: Statement | None = None
    #: The sentence that shows the development; the article's lead when there is none.
    evidence: str = ""
    #: The story's tone before this report (sentiment developments).
    tone_baseline: float | None = None


@dataclass(frozen=True)
class Tracked:
    """The outcome of tracking one article: the story's next state and what is new.

    `copy` is true for the very article again, or a copy of a report the story has.
    """

    state: StoryState
    developments: list[Development]
    copy: bool = False


def track(state: StoryState | None, analysis: Analysis, rules: TrackingRules) -> Tracked:
    """The story's next state and the developments this article reveals.

    Guarantees:
    - the first report of a story yields exactly one `story.new`, and what it reports becomes
      the story's starting state;
    - the same article again (same id, same text) changes nothing;
    - a copy or near-copy of a report the story has raises nothing and counts one more source;
    - an article that comes again under its id with other text is an update: only what it
      adds to the story can alert, and it is not another source;
    - a status only moves forward, and never on a report older than the one that set it;
    - a quote the story already has, from any outlet, raises nothing.
    `state` is the caller's to give away: it is updated in place and returned.
    """
    if state is None:
        started = start_story(analysis, rules)
        return Tracked(started, [Development(STORY_NEW, "story", started, analysis)])
    version = [analysis.article_id, analysis.text_sha256]
    if version in state.reports:
        return Tracked(state, [], copy=True)
    update = any(report[0] == analysis.article_id for report in state.reports)
    if not update and _is_near_copy(state, analysis, rules):
        _count_report(state, analysis, new_source=True)
        return Tracked(state, [], copy=True)
    events = _event_developments(state, analysis, rules)
    developments = [
        *events,
        *_statement_developments(state, analysis, rules, events),
        *_tone_developments(state, analysis, rules),
    ]
    _count_report(state, analysis, new_source=not update)
    return Tracked(state, developments)


def start_story(analysis: Analysis, rules: TrackingRules) -> StoryState:
    """A story's state from its first report: its events and statements are the baseline."""
    seen = utc_iso(analysis.published_at)
    state = StoryState(
        story_id=analysis.story_key,
        title=analysis.title or analysis.lead,
        first_seen=seen,
        last_seen=seen,
        sources=0,
    )
    _event_developments(state, analysis, rules)
    _statement_developments(state, analysis, rules, [])
    _tone_developments(state, analysis, rules)
    _count_report(state, analysis, new_source=True)
    return state


def expired(state: StoryState, stream_time: datetime, rules: TrackingRules) -> bool:
    """True once the stream's clock is past the story's last report by the idle time."""
    return gone_idle(state.last_seen, stream_time, rules.idle_days)


def _is_near_copy(state: StoryState, analysis: Analysis, rules: TrackingRules) -> bool:
    return any(
        similarity(analysis.fingerprint, fingerprint) >= rules.near_copy_similarity
        for _, fingerprint in state.fingerprints
    )


def _count_report(state: StoryState, analysis: Analysis, *, new_source: bool) -> None:
    seen = utc_iso(analysis.published_at)
    state.first_seen = min(state.first_seen, seen)
    state.last_seen = max(state.last_seen, seen)
    if new_source:
        state.sources += 1
        for entity in analysis.entities:
            state.names[entity.canonical] = state.names.get(entity.canonical, 0) + entity.mentions
    state.reports.append([analysis.article_id, analysis.text_sha256])
    if analysis.fingerprint:
        state.fingerprints.append([analysis.article_id, list(analysis.fingerprint)])
    if analysis.source and analysis.source not in state.outlets:
        state.outlets.append(analysis.source)
    state.trim()


def _event_developments(
    state: StoryState, analysis: Analysis, rules: TrackingRules
) -> list[Development]:
    """New events and forward status changes; the story's events are updated in place.

    Several mentions of one event in a report count once, at the furthest status they give.
    An event that joined the story silently is announced by `event.new` when it first moves.
    """
    seen = utc_iso(analysis.published_at)
    first_report = not state.reports
    news = news_sentences(analysis)
    born: list[tuple[KnownEvent, Event]] = []
    moved: dict[int, tuple[KnownEvent, Event]] = {}
    for event in analysis.events:
        if (
            event.type in UNTRACKED_TYPES
            or event.confidence < MIN_STATUS_CONFIDENCE
            or is_background(event, analysis.published_at, rules.background_days)
        ):
            continue
        if not first_report and _plain(event.sentence) not in news:
            continue
        nameless = not participants(event) and event.type not in SELF_STANDING_TYPES
        if first_report and nameless:
            continue  # a first report's every sentence counts: "the discussions" could be any
        known = best_match(state.events, event)
        if known is None:
            if nameless:
                continue
            if _mentioned_in_report(event, born, moved.values()):
                continue
            known = _known_event(event, seen, analysis.article_id)
            known.announced = first_report or known.status not in SILENT_NEW_STATUSES
            state.events.append(known)
            born.append((known, event))
        elif any(known is new for new, _ in born):
            _advance_in_report(known, event, seen, analysis.article_id)
        elif seen >= known.status_at and moves_forward(known.status, event.status, known.type):
            # the first mention of the furthest status is the evidence: mostly the lead
            earlier = moved.get(id(known))
            if earlier is None or moves_forward(earlier[1].status, event.status, known.type):
                moved[id(known)] = (known, event)
    developments = [
        Development(
            EVENT_NEW,
            f"event:{known.identity()}",
            state,
            analysis,
            event=_with_status(event, known.status),
            evidence=event.sentence,
        )
        for known, event in born
        if known.announced
    ]
    for known, reported in moved.values():
        previous = known.status
        _set_status(known, reported, seen, analysis.article_id)
        event = Event(**{**reported.asdict(), "type": known.type})  # "talks": the story's type
        if not known.announced:
            known.announced = True
            developments.append(
                Development(
                    EVENT_NEW,
                    f"event:{known.identity()}",
                    state,
                    analysis,
                    event=event,
                    evidence=event.sentence,
                )
            )
            continue
        developments.append(
            Development(
                EVENT_STATUS_CHANGED,
                f"status:{known.identity()}:{event.status}",
                state,
                analysis,
                event=event,
                previous_status=previous,
                evidence=event.sentence,
            )
        )
    return developments


def _mentioned_in_report(
    event: Event,
    born: list[tuple[KnownEvent, Event]],
    moved: Iterable[tuple[KnownEvent, Event]],
) -> bool:
    """This report already gives an event of this type and status: another mention of it
    ("their first meeting ... the ministers met for four hours"), not a second event."""
    return any(
        (known.type, reported.status) == (event.type, event.status)
        for known, reported in [*born, *moved]
    )


def news_sentences(analysis: Analysis) -> set[str]:
    """The report's first NEWS_SENTENCES sentences, whitespace normalised."""
    return {_plain(sentence.text) for sentence in analysis.sentences[:NEWS_SENTENCES]}


def _plain(text: str) -> str:
    return " ".join(text.split())


def _with_status(event: Event, status: str) -> Event:
    return Event(**{**event.asdict(), "status": status})


def _known_event(event: Event, seen: str, article_id: str) -> KnownEvent:
    return KnownEvent(
        type=event.type,
        participants=participants(event),
        status=event.status,
        status_at=seen,
        actors=list(event.actors),
        targets=list(event.targets),
        location=event.location,
        when=event.when,
        trigger=event.trigger,
        sentence=event.sentence,
        history=[[event.status, seen, article_id]],
    )


def _advance_in_report(known: KnownEvent, event: Event, seen: str, article_id: str) -> None:
    """A second mention of an event first reported in this same report."""
    if moves_forward(known.status, event.status, known.type):
        _set_status(known, event, seen, article_id)


def _set_status(known: KnownEvent, event: Event, seen: str, article_id: str) -> None:
    known.status = event.status
    known.status_at = seen
    known.sentence = event.sentence
    known.location = known.location or event.location
    known.when = event.when or known.when
    known.history.append([event.status, seen, article_id])


def _statement_developments(
    state: StoryState, analysis: Analysis, rules: TrackingRules, events: list[Development]
) -> list[Development]:
    """A principal's words the story has not had yet: at most one development per speaker.

    What counts as a statement: a principal's own words in quotation marks, a named person's
    reported words in the report's first sentences, or an organisation's reported words about
    itself in the lead ("Hamas said it had accepted the proposal"). An organisation's reported
    speech about something else ("the ministry said 41 vessels were waiting") is where a fact
    came from, not a statement, and a speaker known by one name only and new to the story
    ("Amal, a mother of three") is a witness, not a principal.

    Every new quote joins the story's state, so no outlet's later copy of it alerts. A report
    that repeats a speaker's known quote is covering that statement again: the speaker's other
    words in it are the outlet's paraphrase and raise nothing. A speaker whose words this
    report already alerts on as a threat or a denial ("Katz warned Israel would strike") has
    been heard in that alert.
    """
    seen = utc_iso(analysis.published_at)
    news = news_sentences(analysis)
    lead = _plain(analysis.sentences[0].text) if analysis.sentences else ""
    people = {e.canonical for e in analysis.entities if e.label == "PERSON"}
    covered_speakers = {
        name
        for d in events
        if d.event and (d.event.type in SPOKEN_TYPES or d.event.status == "denied")
        for name in d.event.actors
    }
    fresh: list[tuple[Statement, str]] = []
    repeating: set[str] = set()
    for statement in analysis.statements:
        words = quote_words(statement.text)
        if not statement.principal or len(words.split()) < MIN_QUOTE_WORDS:
            continue
        sentence, person = _plain(statement.sentence), statement.speaker in people
        if not statement.quoted and not (
            (person and sentence in news)
            or (sentence == lead and _speaks_of_itself(statement, words))
        ):
            continue
        if person and " " not in statement.speaker and statement.speaker not in state.names:
            continue
        if is_repeated_quote(state.statements, words, rules.quote_repeat_overlap):
            repeating.add(statement.speaker)
            continue
        if not any(known_words == words for _, known_words in fresh):
            fresh.append((statement, words))
    developments: dict[str, Development] = {}
    for statement, words in fresh:
        state.statements.append(KnownStatement(statement.speaker, words, seen))
        if statement.speaker in repeating | covered_speakers or statement.speaker in developments:
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


def _speaks_of_itself(statement: Statement, words: str) -> bool:
    """Reported words whose subject is the speaker: "(Hamas said) it had accepted"."""
    opening = words.split()[:4]
    speaker = quote_words(statement.speaker).split()
    return bool(SELF_REFERENCES.intersection(opening)) or opening[: len(speaker)] == speaker


def _tone_developments(
    state: StoryState, analysis: Analysis, rules: TrackingRules
) -> list[Development]:
    """A swing in tone against the story's baseline; the baseline then restarts from it."""
    if analysis.sentiment is None:
        return []
    before, threshold = state.tone, rules.tone_shift_threshold
    state.tone_history.append(
        [
            utc_iso(analysis.published_at),
            round(analysis.sentiment, 3),
            round(before.mean, 3) if before.reports else None,
        ]
    )
    if tone_shift(before, analysis.sentiment, threshold, rules.tone_warmup_reports):
        state.tone = ToneBaseline(mean=analysis.sentiment, variance=0.0, reports=before.reports + 1)
        return [
            Development(
                SENTIMENT_SHIFT,
                f"tone:{analysis.article_id}",
                state,
                analysis,
                evidence=analysis.lead,
                tone_baseline=before.mean,
            )
        ]
    state.tone = updated_tone(before, analysis.sentiment, rules.tone_alpha)
    return []
