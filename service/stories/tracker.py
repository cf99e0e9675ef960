"""The tracking step: a report, its story's stored state, and the alerts it raises.

One step for every runner: the story desk (`service/stories/desk.py`) gives it the
changelog-backed `stories` table, `storywatch backtest` a dict. The caller publishes the
alerts of a `TrackedReport` and only then stores it (`store`): a crash in between re-sends
the same alert ids on re-processing, and never loses one.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service.alerts import unsent_alerts
from service.schemas import Analysis
from service.stories.announced import AnnouncedIndex
from service.stories.developments import TrackingRules
from service.stories.expiry import StreamClock
from service.stories.state import StoryState
from service.stories.tracking import gone_idle, track


@dataclass(frozen=True)
class TrackedReport:
    """One report tracked: its story's next state and the alerts not yet emitted."""

    analysis: Analysis
    state: StoryState
    alerts: list[dict[str, Any]]
    #: True for a re-delivery or a copy of a report the story has.
    copy: bool
    #: True when this report opened its story.
    opened: bool


@dataclass(frozen=True)
class Sweep:
    """What a sweep of idle stories found: the keys dropped and the stories still held."""

    dropped: list[str]
    active: int


class StoryTracker:
    """Tracks reports of the stories in `stories` (state JSON by story id)."""

    def __init__(
        self,
        stories: MutableMapping[str, Any],
        rules: TrackingRules,
        app_id: str,
        sweep_days: float,
    ) -> None:
        self.stories = stories
        self.rules = rules
        self.app_id = app_id
        self.clock = StreamClock(sweep_days)
        #: Story key → its last report's time, for sweeps that read no state.
        self.last_seen: dict[str, str] = {}
        self.announced = AnnouncedIndex(rules.repeat_days, rules.quote_repeat_overlap)
        self.versions = ReportVersions()
        self.reload()

    def reload(self) -> None:
        """Rebuild what the active stories announced, and the reports they have, from the
        store (after recovery)."""
        states = [StoryState.from_json(stored) for _, stored in self.stories.items() if stored]
        self.announced = AnnouncedIndex(
            self.rules.repeat_days, self.rules.quote_repeat_overlap, states
        )
        self.versions = ReportVersions()
        for state in states:
            self.versions.keep(state)
        self.last_seen = {state.story_id: state.last_seen for state in states}

    def has_report(self, analysis: Analysis) -> bool:
        """Whether a held story already has this article with this text: a re-delivery."""
        return (analysis.article_id, analysis.text_sha256) in self.versions

    def earlier_fingerprint(self, analysis: Analysis) -> list[int] | None:
        """The fingerprint of an earlier version of this article with another text, if a held
        story keeps one (stories keep the fingerprints of their latest reports only)."""
        if self.has_report(analysis):
            return None
        story_key = self.versions.story_of_article(analysis.article_id)
        stored = self.stories.get(story_key) if story_key else None
        for article_id, earlier in reversed((stored or {}).get("fingerprints", [])):
            if article_id == analysis.article_id:
                return list(earlier)
        return None

    def track(self, analysis: Analysis, detected_at: datetime) -> TrackedReport:
        """The report's developments as alerts with stable ids; nothing is stored yet."""
        stored = self.stories.get(analysis.story_key)
        state = StoryState.from_json(stored) if stored else None
        tracked = track(state, analysis, self.rules, self.announced)
        alerts = unsent_alerts(tracked.state, tracked.developments, self.app_id, detected_at)
        return TrackedReport(analysis, tracked.state, alerts, tracked.copy, stored is None)

    def store(self, report: TrackedReport) -> Sweep | None:
        """Store the story's state; once per `sweep_days` of stream time, drop the idle
        stories."""
        self.stories[report.analysis.story_key] = report.state.to_json()
        self.announced.index_story(report.state)
        self.versions.keep(report.state)
        self.last_seen[report.analysis.story_key] = report.state.last_seen
        self.clock.tick(report.analysis.published_at)
        sweep_at = self.clock.due()
        return self.drop_idle(sweep_at) if sweep_at is not None else None

    def drop_idle(self, now: datetime) -> Sweep:
        """Delete the stories idle at stream time `now`; what was dropped and what is left."""
        idle = [
            key
            for key, last_seen in self.last_seen.items()
            if gone_idle(last_seen, now, self.rules.idle_days)
        ]
        held = len(self.last_seen)
        for key in idle:
            self.versions.forget(key)
            self.stories.pop(key, None)
            del self.last_seen[key]
            self.announced.remove_story(key)
        return Sweep(dropped=idle, active=held - len(idle))


class ReportVersions:
    """(article id, text hash) of the reports the held stories keep, exactly as their stored
    states list them, so a live desk and one rebuilt from the store agree on what is a repeat;
    and, by article id, the story that holds its latest version."""

    def __init__(self) -> None:
        self._story_of: dict[tuple[str, str], str] = {}
        self._of_story: dict[str, set[tuple[str, str]]] = {}
        self._story_of_article: dict[str, str] = {}

    def __contains__(self, version: object) -> bool:
        return version in self._story_of

    def story_of_article(self, article_id: str) -> str | None:
        """The story that holds a version of this article, if a held story does."""
        return self._story_of_article.get(article_id)

    def keep(self, state: StoryState) -> None:
        """Record the story's reports: its newest is added, and any its cap let go are dropped."""
        held = self._of_story.setdefault(state.story_id, set())
        if held and len(state.reports) > len(held):
            self._add(state.story_id, state.reports[-1])
            return
        self._drop(state.story_id, held)  # first seen, or its cap let the oldest go: all again
        for report in state.reports:
            self._add(state.story_id, report)

    def forget(self, story_key: str) -> None:
        self._drop(story_key, self._of_story.pop(story_key, set()))

    def _add(self, story_key: str, report: list[str]) -> None:
        version = (report[0], report[1])
        self._of_story[story_key].add(version)
        self._story_of[version] = story_key
        self._story_of_article[report[0]] = story_key

    def _drop(self, story_key: str, versions: set[tuple[str, str]]) -> None:
        for version in versions:
            self._story_of.pop(version, None)
            if self._story_of_article.get(version[0]) == story_key:
                del self._story_of_article[version[0]]
        versions.clear()
