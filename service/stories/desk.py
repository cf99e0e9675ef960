"""The story desk: assignment and tracking as one ordered step over the stories' stores.

Every report, in event-time order, joins a story (`StoryAssigner`) and is tracked against it
and against what every other active story announced (`StoryTracker`). One step, because one
development must raise one alert across stories, and the first report of it, by event time,
must be the one that raises it: a desk split by story could not see the other stories, nor
keep their order. The desk agent (`agents/desk.py`) gives it the changelog-backed tables,
`storywatch backtest` dicts.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from service.ingest import Rejection
from service.schemas import Analysis
from service.settings import Settings
from service.stories.assigning import StoryAssigner, identity_rules
from service.stories.copies import similarity
from service.stories.developments import TrackingRules
from service.stories.identity import Assignment
from service.stories.reorder import event_time_key
from service.stories.tracker import StoryTracker, Sweep, TrackedReport


@dataclass(frozen=True)
class DeskReport:
    """One report at the desk: the story it joined, and what tracking found (None for a page
    that is not news and joined no story)."""

    joined: Assignment
    tracked: TrackedReport | None
    #: Assigned after a report later by event time (`StoryDesk.is_late`).
    late: bool = False

    @property
    def alerts(self) -> list[dict[str, Any]]:
        return self.tracked.alerts if self.tracked else []


class StoryDesk:
    """Assigns and tracks reports over `cards` (story cards), `stories` (story states) and
    `passed_over` (the reports that joined no story)."""

    def __init__(
        self,
        cards: MutableMapping[str, Any],
        stories: MutableMapping[str, Any],
        passed_over: MutableMapping[str, Any],
        settings: Settings,
    ) -> None:
        self.assigner = StoryAssigner(
            cards, passed_over, identity_rules(settings), settings.expiry_sweep_days
        )
        self.tracker = StoryTracker(
            stories,
            TrackingRules.from_settings(settings),
            settings.app_id,
            settings.expiry_sweep_days,
        )
        self.update_min_overlap = settings.update_min_overlap
        #: The latest event-time key assigned (in this process): a report before it is late.
        self.latest: tuple[datetime, str] | None = None

    def reload(self) -> None:
        """Rebuild the in-memory indexes from the stores (after recovery or a rebalance)."""
        self.assigner.reload()
        self.tracker.reload()

    def take(
        self,
        analysis: Analysis,
        detected_at: datetime,
        timed: Callable[[str], AbstractContextManager[Any]] = lambda stage: nullcontext(),
    ) -> DeskReport | Rejection | None:
        """Assign and track one report; its alerts are not yet sent and nothing of the story's
        state is stored until `keep`: a crash in between re-sends the same ids, never loses one.
        None for a re-delivery (`is_repeat`), a Rejection for another article under a taken id
        (`conflict`). `timed(stage)` wraps the `assign` and `compare` stages (the worker times
        them)."""
        if self.is_repeat(analysis):
            return None
        conflict = self.conflict(analysis)
        if conflict is not None:
            return conflict
        late = self.is_late(analysis)
        with timed("assign"):
            joined = self.assign(analysis)
        with timed("compare"):
            report = self.track(joined, analysis, detected_at)
        return replace(report, late=late) if late else report

    def conflict(self, analysis: Analysis) -> Rejection | None:
        """Why the report is not an update of the article its id names: it shares less than
        `update_min_overlap` of its word sequences with that article's earlier text. A
        correction or a new paragraph keeps most of them; a reused id keeps none. Only
        judged while a held story keeps the earlier fingerprint."""
        earlier = self.tracker.earlier_fingerprint(analysis)
        if earlier is None or not analysis.fingerprint:
            return None
        overlap = similarity(earlier, analysis.fingerprint)
        if overlap >= self.update_min_overlap:
            return None
        return Rejection(
            "id_conflict",
            f"the id {analysis.article_id!r} was taken by an article with another text, of "
            f"which this one shares {overlap:.0%} of its word sequences; an update keeps at "
            f"least {self.update_min_overlap:.0%}",
        )

    def is_repeat(self, analysis: Analysis) -> bool:
        """Whether a story already has this article with this text, or it joined none.
        Delivery is at least once: after a worker dies, what it analysed or took but did not
        commit comes again, and taking it again would add its words to its story twice, or
        let a page that joined nothing join a story that has grown since. It changes nothing
        instead."""
        return self.tracker.has_report(analysis) or self.assigner.passed_over_before(analysis)

    def is_late(self, analysis: Analysis) -> bool:
        """Whether a report later by event time was assigned before this one: the order every
        runner shares was broken (a report held back past the reorder window's capacity or
        idle time), and this one may join another story than in a replay."""
        return self.latest is not None and self._key(analysis) < self.latest

    def assign(self, analysis: Analysis) -> Assignment:
        """The story the report joins (stored); None as its card for a page that is not news."""
        key = self._key(analysis)
        self.latest = key if self.latest is None else max(self.latest, key)
        return self.assigner.assign(analysis)

    @staticmethod
    def _key(analysis: Analysis) -> tuple[datetime, str]:
        return event_time_key(analysis.published_at, analysis.article_id)

    def track(self, joined: Assignment, analysis: Analysis, detected_at: datetime) -> DeskReport:
        """What the assigned report brings to its story, nothing stored yet."""
        if joined.card is None:
            return DeskReport(joined, None)
        return DeskReport(joined, self.tracker.track(analysis, detected_at))

    def keep(self, report: DeskReport) -> Sweep | None:
        """Store the story's state once its alerts are sent; a sweep of idle stories if due."""
        return self.tracker.store(report.tracked) if report.tracked else None
