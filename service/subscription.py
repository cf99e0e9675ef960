"""Which alerts a subscriber wants: the filters of `storywatch alerts`.

Every filter given must match (and); the values of one filter are alternatives (or). Kinds
are CloudEvents types, with or without the `storywatch.` prefix; severities are ordered
info < low < medium < high; event types and actor names compare without regard to case. An
alert's event types are its event's, or for a new story the events of its first report; its
actors are its story's and its events' actors, targets and speakers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("info", "low", "medium", "high")
TYPE_PREFIX = "storywatch."


@dataclass(frozen=True)
class AlertFilter:
    """What a subscriber asked for; empty fields ask for nothing in particular."""

    kinds: frozenset[str] = frozenset()
    min_severity: str | None = None
    stories: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        kinds: Iterable[str] = (),
        min_severity: str | None = None,
        stories: Iterable[str] = (),
        event_types: Iterable[str] = (),
        actors: Iterable[str] = (),
    ) -> AlertFilter:
        """A filter from a subscriber's words: short kinds get their prefix, names a case."""
        if min_severity is not None and min_severity not in SEVERITIES:
            raise ValueError(f"severity {min_severity!r} is not one of {', '.join(SEVERITIES)}")
        return cls(
            kinds=frozenset(k if k.startswith(TYPE_PREFIX) else TYPE_PREFIX + k for k in kinds),
            min_severity=min_severity,
            stories=frozenset(stories),
            event_types=frozenset(t.upper() for t in event_types),
            actors=frozenset(a.casefold() for a in actors),
        )

    def wants(self, alert: dict[str, Any]) -> bool:
        """Whether the alert passes every filter given."""
        data = alert.get("data") or {}
        if self.kinds and alert.get("type") not in self.kinds:
            return False
        if self.min_severity and _rank(data.get("severity")) < _rank(self.min_severity):
            return False
        if self.stories and alert.get("subject") not in self.stories:
            return False
        events = [data["event"]] if data.get("event") else list(data.get("events") or [])
        if self.event_types and not {str(e.get("type")) for e in events} & self.event_types:
            return False
        return not self.actors or bool(_actors(data, events) & self.actors)


def _rank(severity: object) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else -1


def _actors(data: dict[str, Any], events: list[dict[str, Any]]) -> set[str]:
    names = list((data.get("story") or {}).get("actors") or [])
    for event in events:
        names += event.get("actors") or []
        names += event.get("targets") or []
        names.append(event.get("speaker") or "")
    return {str(name).casefold() for name in names if name}
