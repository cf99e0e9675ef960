"""What storywatch remembers about one story, stored as JSON in the `stories` table.

Every list has a cap, so one story's state is bounded however long it runs; a whole story is
dropped once the stream's clock has moved past its last report by the idle time
(`service.stories.tracking.expired`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

#: Caps per story: the oldest entries go first.
MAX_REPORTS = 500
MAX_FINGERPRINTS = 40
MAX_EVENTS = 150
MAX_STATUS_HISTORY = 12
MAX_STATEMENTS = 150
MAX_OUTLETS = 100
MAX_NAMES = 40
MAX_ALERT_IDS = 1000
MAX_TONE_POINTS = 200
#: The story's actors as alerts show them: its most mentioned names.
SHOWN_ACTORS = 6


@dataclass
class KnownEvent:
    """An event the story knows: its identity (type and first participants) and status."""

    type: str
    participants: list[str]
    status: str
    #: `published_at` of the report that gave the current status.
    status_at: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    when: str | None = None
    trigger: str = ""
    sentence: str = ""
    #: [status, published_at, article id] for every status the event has had, oldest first.
    history: list[list[str]] = field(default_factory=list)
    #: False while subscribers have not heard of it: it joined the story silently ("a
    #: ceasefire is hoped for") after the first report, so its first move is `event.new`.
    announced: bool = True

    def identity(self) -> str:
        """Type and participants as first reported: what alert ids of this event hash."""
        return f"{self.type}:{'+'.join(sorted(self.participants))}"


@dataclass
class KnownStatement:
    """A principal's statement already reported: who, and the normalised words."""

    speaker: str
    words: str
    first_at: str


@dataclass
class ToneLevel:
    """The story's settled tone: the reports since its last shift, or since it began."""

    #: `published_at` of the level's first report ("" for none yet).
    since: str = ""
    #: `published_at` of the report that raised the story's last shift ("" for none).
    last_shift: str = ""
    #: Mean article sentiment of the level's reports, as alerts show it.
    mean: float = 0.0
    reports: int = 0
    #: `published_at` of the story's latest report that raised an event development.
    last_news: str = ""


@dataclass
class StoryState:
    """One story: identity, the facts already reported, the tone, the reports seen."""

    story_id: str
    title: str
    first_seen: str
    last_seen: str
    sources: int = 1
    #: [article id, text sha256] of every report, so a re-delivery and an update differ.
    reports: list[list[str]] = field(default_factory=list)
    #: [article id, fingerprint] of recent reports, for near-duplicate detection.
    fingerprints: list[list[Any]] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    #: Canonical name → mentions over the story's reports.
    names: dict[str, int] = field(default_factory=dict)
    events: list[KnownEvent] = field(default_factory=list)
    statements: list[KnownStatement] = field(default_factory=list)
    tone: ToneLevel = field(default_factory=ToneLevel)
    #: [published_at, article sentiment, level before it, outlet] per report: the series that
    #: tone shifts are detected on, and that the live page draws.
    tone_history: list[list[Any]] = field(default_factory=list)
    #: False while the story's reports have stated no development and too few outlets carry
    #: it: nobody has been told of it (service.stories.tracking, "quiet stories").
    announced: bool = True
    alert_ids: list[str] = field(default_factory=list)

    @property
    def actors(self) -> list[str]:
        """The story's most mentioned names, as alerts list them."""
        ranked = sorted(self.names, key=lambda name: (-self.names[name], name))
        return ranked[:SHOWN_ACTORS]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> StoryState:
        """The state from its stored JSON; keys this version does not know are ignored, so a
        rollback after a newer version wrote the table does not stop the worker."""
        values = _known_fields(cls, stored)
        values["events"] = [_from(KnownEvent, e) for e in stored.get("events", [])]
        values["statements"] = [_from(KnownStatement, s) for s in stored.get("statements", [])]
        values["tone"] = _from(ToneLevel, stored.get("tone") or {})
        return cls(**values)

    def remember_alert(self, alert_id: str) -> None:
        """Record an emitted alert id so it is never emitted again (bounded, oldest dropped)."""
        self.alert_ids = [*self.alert_ids, alert_id][-MAX_ALERT_IDS:]

    def trim(self) -> None:
        """Apply every cap: the oldest entries of each list, the rarest names, go first."""
        self.reports = self.reports[-MAX_REPORTS:]
        self.fingerprints = self.fingerprints[-MAX_FINGERPRINTS:]
        self.outlets = self.outlets[-MAX_OUTLETS:]
        self.events = self.events[-MAX_EVENTS:]
        for event in self.events:
            event.history = event.history[-MAX_STATUS_HISTORY:]
        self.statements = self.statements[-MAX_STATEMENTS:]
        self.tone_history = self.tone_history[-MAX_TONE_POINTS:]
        if len(self.names) > MAX_NAMES:
            kept = sorted(self.names, key=lambda name: (-self.names[name], name))[:MAX_NAMES]
            self.names = {name: self.names[name] for name in kept}


_Stored = TypeVar("_Stored")


def _known_fields(cls: type, stored: dict[str, Any]) -> dict[str, Any]:
    known = {f.name for f in fields(cls)}
    return {name: value for name, value in stored.items() if name in known}


def _from(cls: type[_Stored], stored: dict[str, Any]) -> _Stored:
    return cls(**_known_fields(cls, stored))
