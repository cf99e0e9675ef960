"""Analyses built by hand for the tests of tracking and alerts, which need no spaCy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from service.nlp.lexicon import read_data
from service.schemas import Analysis, Entity, Event, ScoredSentence, Statement
from service.stories.copies import fingerprint

LEAD = "Talks on a Gaza ceasefire resumed in Doha."
TITLE = "Gaza ceasefire talks resume"
#: `make_analysis(title=TOLD)`: a headline that tells of every event of the report.
TOLD = "told"


def make_event(
    type: str = "MEETING",
    status: str = "planned",
    actors: Sequence[str] = ("Benjamin Netanyahu", "Donald Trump"),
    sentence: str = LEAD,
    when: str | None = None,
    confidence: float = 0.85,
) -> Event:
    return Event(
        type=type,
        status=status,
        trigger="meet",
        sentence=sentence,
        actors=list(actors),
        when=when,
        confidence=confidence,
    )


def make_statement(
    speaker: str, text: str, sentence: str = LEAD, quoted: bool = False
) -> Statement:
    return Statement(speaker=speaker, text=text, sentence=sentence, principal=True, quoted=quoted)


def make_analysis(
    article_id: str = "a-1",
    story_key: str = "story-0000000000000001",
    text_sha256: str = "text-1",
    published_at: datetime = datetime(2025, 7, 1, 6, tzinfo=UTC),
    actors: tuple[str, ...] = ("Israel", "Hamas"),
    events: Sequence[Event] = (),
    statements: Sequence[Statement] = (),
    sentiment: float | None = None,
    text: str | None = None,
    people: Sequence[str] = ("Benjamin Netanyahu", "Donald Trump"),
    source: str = "Example Wire",
    genre: str = "news",
    title: str | None = TOLD,
) -> Analysis:
    return Analysis(
        article_id=article_id,
        story_key=story_key,
        published_at=published_at,
        lead=LEAD,
        title=_headline(events) if title == TOLD else title,
        source=source,
        genre=genre,
        url=f"https://example.org/{article_id}",
        text_sha256=text_sha256,
        fingerprint=fingerprint(text or f"unique text of {article_id} {text_sha256}"),
        entities=[Entity(text=name, label="GPE", canonical=name) for name in actors]
        + [Entity(text=name, label="PERSON", canonical=name) for name in people],
        events=list(events),
        statements=list(statements),
        sentiment=sentiment,
        sentences=[ScoredSentence(text=LEAD, sentiment=sentiment or 0.0)],
    )


def _headline(events: Sequence[Event]) -> str:
    """The title with a word of each event's type: the headline tells of every event."""
    nouns = read_data("event_triggers.json")["nouns"]
    words = [nouns[event.type][0] for event in events if nouns.get(event.type)]
    return " ".join([TITLE, *words])
