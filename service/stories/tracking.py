"""Story state and the rule that turns an article's Analysis into Developments.

Plain Python over dataclasses: the tracking agent loads a StoryState from its table, calls
`track`, publishes the returned Developments and stores the new state. Nothing here knows
about Kafka.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from service.schemas import Analysis, utc_iso

STORY_NEW = "storywatch.story.new"
EVENT_NEW = "storywatch.event.new"
EVENT_STATUS_CHANGED = "storywatch.event.status_changed"
STATEMENT_NEW = "storywatch.statement.new"
SENTIMENT_SHIFT = "storywatch.sentiment.shift"

#: Caps that keep one story's state bounded however long it runs.
MAX_ARTICLE_IDS = 500
MAX_ALERT_IDS = 500
MAX_ACTORS = 12


@dataclass
class StoryState:
    """What storywatch knows about one story; stored as JSON in the `stories` table."""

    story_id: str
    title: str
    actors: list[str]
    first_seen: str
    last_seen: str
    sources: int = 1
    article_ids: list[str] = field(default_factory=list)
    text_hashes: list[str] = field(default_factory=list)
    alert_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> StoryState:
        """The state from its stored JSON; keys this version does not know are ignored, so a
        rollback after a newer version wrote the table does not stop the worker."""
        known = {f.name for f in fields(cls)}
        return cls(**{name: value for name, value in stored.items() if name in known})

    def remember_alert(self, alert_id: str) -> None:
        """Record an emitted alert id so it is never emitted again (bounded, oldest dropped)."""
        self.alert_ids = [*self.alert_ids, alert_id][-MAX_ALERT_IDS:]


@dataclass(frozen=True)
class Development:
    """Something new about a story, worth one alert; `identity` makes its id stable."""

    kind: str
    identity: str
    story: StoryState
    analysis: Analysis


@dataclass(frozen=True)
class Tracked:
    """The outcome of tracking one article: the story's next state and what is new."""

    state: StoryState
    developments: list[Development]
    repeat: bool = False


def track(state: StoryState | None, analysis: Analysis) -> Tracked:
    """The story's next state and the developments this article reveals.

    Guarantees: the first article of a story yields exactly one `story.new`; the same
    article delivered again (same id, same text) leaves the state as it was, so re-delivery
    after a crash is harmless; a copy of known text under another id raises nothing and only
    counts one more source.
    """
    if state is None:
        started = start_story(analysis)
        return Tracked(started, [Development(STORY_NEW, "story", started, analysis)])
    if is_redelivery(state, analysis):
        return Tracked(state, [], repeat=True)
    repeat = is_repeat(state, analysis)
    return Tracked(record_source(state, analysis), [], repeat=repeat)


def start_story(analysis: Analysis) -> StoryState:
    """A story's state from its first article."""
    seen = utc_iso(analysis.published_at)
    return StoryState(
        story_id=analysis.story_id,
        title=analysis.title or analysis.lead,
        actors=[entity.canonical for entity in analysis.entities[:MAX_ACTORS]],
        first_seen=seen,
        last_seen=seen,
        article_ids=[analysis.article_id],
        text_hashes=[analysis.text_sha256],
    )


def is_redelivery(state: StoryState, analysis: Analysis) -> bool:
    """This very article again: an id the story has, with text the story has."""
    return analysis.article_id in state.article_ids and analysis.text_sha256 in state.text_hashes


def is_repeat(state: StoryState, analysis: Analysis) -> bool:
    """Text the story already has, whatever the id: a wire copy or a re-publication."""
    return analysis.text_sha256 in state.text_hashes


def record_source(state: StoryState, analysis: Analysis) -> StoryState:
    """The state with this report counted: a new article id is one more source."""
    seen = utc_iso(analysis.published_at)
    new_source = analysis.article_id not in state.article_ids
    return replace(
        state,
        first_seen=min(state.first_seen, seen),
        last_seen=max(state.last_seen, seen),
        sources=state.sources + 1 if new_source else state.sources,
        article_ids=_append_new(state.article_ids, analysis.article_id)[-MAX_ARTICLE_IDS:],
        text_hashes=_append_new(state.text_hashes, analysis.text_sha256)[-MAX_ARTICLE_IDS:],
    )


def _append_new(values: list[str], value: str) -> list[str]:
    return values if value in values else [*values, value]
