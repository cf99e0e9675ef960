"""Event developments: events a story has not had, and known events whose status moves on.

The rules, each named here and tested in tests/unit/stories/test_tracking.py (the headline
in test_headline.py):
- an event the extractor only guessed (`MIN_STATUS_CONFIDENCE`), of an untracked type, or
  told as background (`service.stories.rules.is_background`) neither joins nor moves a story;
- a later report's events count only from its lead (`NEWS_SENTENCES`), and only those its
  headline tells of (`service.stories.headline`): the rest is context and recap;
- a first report of an event that is only hoped for or called off joins silently
  (`SILENT_NEW_STATUSES`) and is announced as new when it first moves;
- a status only moves forward, and never on a report older than the one that set it; only a
  move that settles a plan or breaks a process alerts (`is_news_move`), any other updates the
  state silently;
- a development another active story has announced joins this story without an alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from service.schemas import Analysis, Event, utc_iso
from service.stories.announced import AnnouncedIndex
from service.stories.developments import (
    EVENT_NEW,
    EVENT_STATUS_CHANGED,
    Development,
    TrackingRules,
)
from service.stories.headline import headlined
from service.stories.rules import (
    SELF_STANDING_TYPES,
    best_match,
    is_background,
    is_news_move,
    moves_forward,
    participants,
)
from service.stories.state import KnownEvent, StoryState

#: Event types that never make an event development of their own: a principal's statement
#: is a `statement.new`, and OTHER says nothing a subscriber could filter on.
UNTRACKED_TYPES = frozenset({"STATEMENT", "OTHER"})
#: A first report of an event with this status is not news on its own ("a ceasefire is hoped
#: for"; "Iran would not be attacked again": nothing known was called off); it joins the
#: story's state silently, and alerts once it moves on.
SILENT_NEW_STATUSES = frozenset({"expected", "cancelled"})
#: News leads: a later report's events, and reported (unquoted) speech, count only from its
#: first sentences; later paragraphs are background, recaps and context.
NEWS_SENTENCES = 3
#: An event whose status the extractor only guessed (from a present tense alone, or far up
#: the parse) neither joins the story nor moves it: a wrong status alert is worse than none.
MIN_STATUS_CONFIDENCE = 0.6


@dataclass
class ReportEvents:
    """What one report does to the story's events: the ones it adds and the ones it moves."""

    born: list[tuple[KnownEvent, Event]]
    moved: dict[int, tuple[KnownEvent, Event]]

    def mentions(self, event: Event) -> bool:
        """This report already gives an event of this type and status: another mention of it
        ("their first meeting ... the ministers met for four hours"), not a second event."""
        given: Iterable[tuple[KnownEvent, Event]] = [*self.born, *self.moved.values()]
        return any(
            (known.type, reported.status) == (event.type, event.status) for known, reported in given
        )


def counts_as_news(event: Event, analysis: Analysis, rules: TrackingRules) -> bool:
    """A tracked event, with a status the extractor is sure of, that is not background."""
    return (
        event.type not in UNTRACKED_TYPES
        and event.confidence >= MIN_STATUS_CONFIDENCE
        and not is_background(event, analysis.published_at, rules.background_days)
    )


def headline_events(analysis: Analysis, rules: TrackingRules) -> list[Event]:
    """The events of the report's lead that would be news on their own: named or self-standing,
    with a status that is more than a hope."""
    news = news_sentences(analysis)
    return [
        event
        for event in analysis.events
        if counts_as_news(event, analysis, rules)
        and plain(event.sentence) in news
        and event.status not in SILENT_NEW_STATUSES
        and (participants(event) or event.type in SELF_STANDING_TYPES)
    ]


def event_developments(
    state: StoryState, analysis: Analysis, rules: TrackingRules, elsewhere: AnnouncedIndex
) -> list[Development]:
    """New events and forward status changes; the story's events are updated in place.

    Several mentions of one event in a report count once, at the furthest status they give.
    An event that joined the story silently is announced by `event.new` when it first moves.
    """
    seen = utc_iso(analysis.published_at)
    first_report = not state.reports
    report = _read_events(state, analysis, rules, seen, first_report)
    context = report_names(analysis)
    developments = []
    for known, event in report.born:
        if not known.announced:
            continue
        if elsewhere.event_announced(event, known.status, seen, state.story_id, context):
            continue
        developments.append(_new_event(known, event, state, analysis))
    for known, reported in report.moved.values():
        previous = known.status
        set_status(known, reported, seen, analysis.article_id)
        event = Event(**{**reported.asdict(), "type": known.type})  # "talks": the story's type
        announced, known.announced = known.announced, True
        if elsewhere.event_announced(event, event.status, seen, state.story_id, context):
            continue
        if not announced:
            developments.append(_new_event(known, event, state, analysis))
            continue
        if not is_news_move(previous, event.status, known.type):
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


def _read_events(
    state: StoryState, analysis: Analysis, rules: TrackingRules, seen: str, first_report: bool
) -> ReportEvents:
    """Match each of the report's news events to the story's: born, moved, or nothing new."""
    news = news_sentences(analysis)
    report = ReportEvents(born=[], moved={})
    for event in analysis.events:
        if not counts_as_news(event, analysis, rules):
            continue
        if not first_report and not _told_as_news(event, analysis, news):
            continue
        nameless = not participants(event) and event.type not in SELF_STANDING_TYPES
        if first_report and nameless:
            continue  # a first report's every sentence counts: "the discussions" could be any
        known = best_match(state.events, event)
        if known is None:
            if nameless or report.mentions(event):
                continue
            known = _known_event(event, seen, analysis.article_id)
            known.announced = first_report or known.status not in SILENT_NEW_STATUSES
            state.events.append(known)
            report.born.append((known, event))
        elif any(known is new for new, _ in report.born):
            if moves_forward(known.status, event.status, known.type):
                set_status(known, event, seen, analysis.article_id)
        elif seen >= known.status_at and moves_forward(known.status, event.status, known.type):
            # the first mention of the furthest status is the evidence: mostly the lead
            earlier = report.moved.get(id(known))
            if earlier is None or moves_forward(earlier[1].status, event.status, known.type):
                report.moved[id(known)] = (known, event)
    return report


def _new_event(
    known: KnownEvent, event: Event, state: StoryState, analysis: Analysis
) -> Development:
    return Development(
        EVENT_NEW,
        f"event:{known.identity()}",
        state,
        analysis,
        event=Event(**{**event.asdict(), "status": known.status}),
        evidence=event.sentence,
    )


def _told_as_news(event: Event, analysis: Analysis, news: set[str]) -> bool:
    """A later report's event is news if its lead states it and its headline tells of it."""
    return plain(event.sentence) in news and headlined(event, analysis.title)


def report_names(analysis: Analysis) -> frozenset[str]:
    """The canonical names the report gives."""
    return frozenset(entity.canonical for entity in analysis.entities)


def news_sentences(analysis: Analysis) -> set[str]:
    """The report's first NEWS_SENTENCES sentences, whitespace normalised."""
    return {plain(sentence.text) for sentence in analysis.sentences[:NEWS_SENTENCES]}


def plain(text: str) -> str:
    return " ".join(text.split())


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


def set_status(known: KnownEvent, event: Event, seen: str, article_id: str) -> None:
    """The known event takes the reported status, and remembers the report that gave it."""
    known.status = event.status
    known.status_at = seen
    known.sentence = event.sentence
    known.location = known.location or event.location
    known.when = event.when or known.when
    known.history.append([event.status, seen, article_id])
