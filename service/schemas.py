"""Records that cross Kafka: the Article that comes in and the Analysis passed between agents.

Alerts leave as plain CloudEvents JSON (see `service.alerts`), not as Records, so their bytes
are exactly what docs/CONTRACT.md shows, with no Faust metadata in them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import faust

#: Event types and statuses of the contract (docs/CONTRACT.md, "Event").
EVENT_TYPES = (
    "MEETING",
    "TRAVEL",
    "NEGOTIATION",
    "CEASEFIRE",
    "AGREEMENT",
    "ATTACK",
    "HOSTAGE_RELEASE",
    "HUMANITARIAN",
    "STATEMENT",
    "THREAT",
    "SANCTION",
    "PROTEST",
    "DECISION",
    "MILITARY",
    "OTHER",
)
EVENT_STATUSES = (
    "expected",
    "planned",
    "proposed",
    "ongoing",
    "stalled",
    "occurred",
    "failed",
    "denied",
    "cancelled",
)


class Article(faust.Record, serializer="json", isodates=True):
    """A validated news article (contract: "Article"); `service.ingest` builds it from bytes."""

    id: str
    published_at: datetime
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"


class Entity(faust.Record, serializer="json"):
    """A named entity as it appears in the article, with its canonical name."""

    text: str
    label: str
    canonical: str
    mentions: int = 1


class Event(faust.Record, serializer="json"):
    """Who did what to whom, where, when and with what status (contract: "Event")."""

    type: str
    status: str
    trigger: str
    sentence: str
    actors: list[str] = []
    targets: list[str] = []
    location: str | None = None
    when: str | None = None
    speaker: str | None = None
    confidence: float = 0.5
    sentiment: float | None = None


class Statement(faust.Record, serializer="json"):
    """A quote or reported speech, with who said it and the event it is about, if any.

    `principal` is true when the speaker is a named person, country or organisation; only a
    principal's statement is also a STATEMENT event. `quoted` is true when the speaker's own
    words stand in quotation marks in the sentence, false for reported speech.
    """

    speaker: str
    text: str
    sentence: str
    principal: bool = False
    when: str | None = None
    topic: str | None = None
    sentiment: float | None = None
    quoted: bool = False

    def as_event(self, trigger: str, confidence: float = 0.5) -> Event:
        """The statement as a STATEMENT event (contract: "Event"), `trigger` its verb."""
        return Event(
            type="STATEMENT",
            status="occurred",
            trigger=trigger,
            sentence=self.sentence,
            actors=[self.speaker],
            when=self.when,
            speaker=self.speaker,
            confidence=confidence,
            sentiment=self.sentiment,
        )


class ScoredSentence(faust.Record, serializer="json"):
    """One sentence of the article with its sentiment, and its speaker when it is a quote."""

    text: str
    sentiment: float
    speaker: str | None = None


class Analysis(faust.Record, serializer="json", isodates=True):
    """Everything the analysis stage learned from one article, keyed for story tracking."""

    article_id: str
    published_at: datetime
    lead: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    #: The story it joins: empty until story assignment (service/stories/desk.py) sets it.
    story_key: str = ""
    text_sha256: str = ""
    #: MinHash of the text's word shingles (service.stories.copies.fingerprint).
    fingerprint: list[int] = []
    entities: list[Entity] = []
    #: Weighted words and names for story identity (service.nlp.story_terms).
    terms: dict[str, float] = {}
    events: list[Event] = []
    statements: list[Statement] = []
    sentiment: float | None = None
    sentences: list[ScoredSentence] = []
    #: NEWS, or the kind of page that reports no development (service.nlp.genre).
    genre: str = "news"
    received_at: float = 0.0
    #: The partition of `articles` it came from: the reorder window's watermark is per
    #: input partition (service.stories.reorder); -1 when it came from no topic.
    source_partition: int = -1
    #: Its offset there: the window knows a partition is drained once it has seen its last.
    source_offset: int = -1


#: The genre of an article that reports news; every other genre opens no story.
NEWS = "news"


def from_utc_iso(stamp: str) -> datetime:
    """The moment a `utc_iso` string names."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def utc_iso(moment: datetime) -> str:
    """UTC ISO 8601 with `Z`: the one time format storywatch writes, comparable as text."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
