"""What any active story has already announced: one development, one alert, across stories.

Two stories can carry the same development: outlets frame one deal as diplomacy and as
war news, and story identity keeps them apart. A development announced by any active story
(same event type and status, a shared participant, the same place or none given, within
`repeat_days`) is not announced again by another; a quote any story has is not a new
statement of another. The index is built from the stories' stored states, so a restarted
worker, or `storywatch backtest`, judges alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from service.schemas import Event, from_utc_iso
from service.stories.rules import is_repeated_quote, participants
from service.stories.state import KnownStatement, StoryState


@dataclass(frozen=True)
class AnnouncedEvent:
    """One status an announced event reached, and when."""

    status: str
    participants: frozenset[str]
    location: str | None
    at: str
    #: The announcing story's most mentioned names.
    context: frozenset[str] = frozenset()


class AnnouncedIndex:
    """The announced events and known quotes of every active story, by type and by speaker.

    An index with no stories answers "nothing announced": tracking one story by itself."""

    def __init__(
        self, repeat_days: float, overlap: float, states: Iterable[StoryState] = ()
    ) -> None:
        self.repeat_seconds = repeat_days * 86400.0
        self.overlap = overlap
        self.events: dict[str, dict[str, list[AnnouncedEvent]]] = defaultdict(dict)
        self.quotes: dict[str, dict[str, list[KnownStatement]]] = defaultdict(dict)
        self.reporters: dict[str, int] = {}
        #: What each story put in the index: its outlets, event types and speakers, so that
        #: dropping a story touches only its own entries.
        self.stories_outlets: dict[str, list[str]] = {}
        self.stories_keys: dict[str, tuple[set[str], set[str]]] = {}
        for state in states:
            self.index_story(state)

    def index_story(self, state: StoryState) -> None:
        """(Re-)index one story from its state; a story nobody has heard of announced nothing."""
        self.remove_story(state.story_id)
        for outlet in state.outlets:
            self.reporters[outlet] = self.reporters.get(outlet, 0) + 1
        self.stories_outlets[state.story_id] = list(state.outlets)
        types, speakers = self.stories_keys.setdefault(state.story_id, (set(), set()))
        for statement in state.statements:
            self.quotes[statement.speaker].setdefault(state.story_id, []).append(statement)
            speakers.add(statement.speaker)
        if not state.announced:
            return
        context = frozenset(state.actors)
        for known in state.events:
            if not known.announced:
                continue
            types.add(known.type)
            entries = self.events[known.type].setdefault(state.story_id, [])
            for status, at, _article in known.history:
                entries.append(
                    AnnouncedEvent(
                        status, frozenset(known.participants), known.location, at, context
                    )
                )

    def remove_story(self, story_id: str) -> None:
        for outlet in self.stories_outlets.pop(story_id, []):
            self.reporters[outlet] -= 1
            if not self.reporters[outlet]:
                del self.reporters[outlet]
        types, speakers = self.stories_keys.pop(story_id, (set(), set()))
        for event_type in types:
            self.events[event_type].pop(story_id, None)
        for speaker in speakers:
            self.quotes[speaker].pop(story_id, None)

    def event_announced(
        self,
        event: Event,
        status: str,
        at: str,
        story_id: str,
        context: frozenset[str] = frozenset(),
    ) -> bool:
        """True if another story announced this status of an event like it, close in time.

        Same type and status within `repeat_days`, at the same place or none given, and the
        same participants (one shared is enough), or participants each found among the other's
        names (this event's among the announcing story's most mentioned names, and that event's
        among the article's, `context`): outlets name different actors of one strike or vote."""
        found = frozenset(participants(event))
        for other, entries in self.events.get(event.type, {}).items():
            if other == story_id:
                continue
            for entry in entries:
                if entry.status != status or not self._close(entry.at, at):
                    continue
                if event.location and entry.location and event.location != entry.location:
                    continue
                if found & entry.participants:
                    return True
                if found & entry.context and entry.participants & context:
                    return True
                if not found and event.location and event.location == entry.location:
                    return True
        return False

    def outlets(self) -> set[str]:
        """Every outlet that reports an active story: outlets are never principals."""
        return set(self.reporters)

    def heard_since(self, speaker: str, since: str, story_id: str) -> bool:
        """True if another story heard this speaker at or after `since`."""
        return any(
            statement.first_at >= since
            for other, statements in self.quotes.get(speaker, {}).items()
            if other != story_id
            for statement in statements
        )

    def quote_known(self, speaker: str, words: str, story_id: str) -> bool:
        """True if another story has these words of this speaker."""
        said = [
            statement
            for other, statements in self.quotes.get(speaker, {}).items()
            if other != story_id
            for statement in statements
        ]
        return bool(said) and is_repeated_quote(said, words, self.overlap)

    def _close(self, one: str, other: str) -> bool:
        try:
            apart = from_utc_iso(one) - from_utc_iso(other)
        except ValueError:
            return False
        return abs(apart.total_seconds()) <= self.repeat_seconds
