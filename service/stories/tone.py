"""Tone shifts as change detection over a story's series of reports.

A single report's sentiment says more about its outlet and its sentence than about the story:
comparing each report with a running mean raised a "shift" on most reports, and the next
report swung it back. A shift here is a level change: the mean of the story's last `window`
reports, from at least `min_outlets` outlets, differs from the mean of its settled level
(at least `baseline` earlier reports) by `min_shift` or more, and by a Welch t of `min_t` or
more. The window then becomes the new level, which must gather `baseline` reports of its own
before it can move again (hysteresis), and a story shifts at most once per `cooldown_hours`.
A tone that moves while nothing happens in the story is its outlets' mood, not news: the
window must hold a report that raised an event development (`ToneLevel.last_news`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from service.schemas import Analysis, from_utc_iso, utc_iso
from service.stories.developments import SENTIMENT_SHIFT, Development, ToneRules
from service.stories.state import StoryState, ToneLevel

#: The least spread assumed of a level's sentiments: a handful of identical scores is not
#: certainty, and the t statistic must not divide by zero.
MIN_SPREAD = 0.1


@dataclass(frozen=True)
class TonePoint:
    """One report on the story's tone series."""

    at: str
    sentiment: float
    outlet: str | None


@dataclass(frozen=True)
class ToneChange:
    """A detected level change: the old level's mean, the new one's, and its reports."""

    before: float
    after: float
    size: int


def tone_change(
    level: Sequence[TonePoint],
    rules: ToneRules,
    last_shift: str = "",
    last_news: str | None = None,
    news_now: bool = False,
) -> ToneChange | None:
    """The change, if the last `window` points of the level have left the points before them
    and, when `last_news` is given, the story's news moved during the window. When the last
    point itself brought news (`news_now`), it may move the level alone: the tone turned with
    the news ("the ceasefire collapsed"), not with one outlet's mood."""
    if last_shift and level and _hours(last_shift, level[-1].at) < rules.cooldown_hours:
        return None
    sizes = [rules.window, 1] if news_now else [rules.window]
    for size in sizes:
        window, earlier = level[-size:], level[:-size]
        if len(window) < size or len(earlier) < rules.baseline:
            continue
        if size > 1 and (last_news is not None and last_news < window[0].at):
            continue
        if size > 1 and len({point.outlet for point in window}) < rules.min_outlets:
            continue
        change = _level_change([p.sentiment for p in window], [p.sentiment for p in earlier], rules)
        if change is not None:
            return change
    return None


def _level_change(recent: list[float], settled: list[float], rules: ToneRules) -> ToneChange | None:
    difference = _mean(recent) - _mean(settled)
    spread = math.sqrt(_variance(recent) / len(recent) + _variance(settled) / len(settled))
    if abs(difference) < rules.min_shift or abs(difference) / spread < rules.min_t:
        return None
    return ToneChange(before=_mean(settled), after=_mean(recent), size=len(recent))


def tone_developments(
    state: StoryState, analysis: Analysis, rules: ToneRules, news: bool = False
) -> list[Development]:
    """Add the report to the story's tone series; a level change is one sentiment shift.
    `news`: this report raised an event development."""
    if analysis.sentiment is None:
        return []
    at = utc_iso(analysis.published_at)
    level = state.tone
    state.tone_history.append(
        [
            at,
            round(analysis.sentiment, 3),
            round(level.mean, 3) if level.reports else None,
            analysis.source,
        ]
    )
    points = level_points(state)
    change = (
        tone_change(points, rules, level.last_shift, level.last_news, news)
        if state.announced
        else None
    )
    if change is None:
        state.tone = ToneLevel(
            since=level.since or at,
            last_shift=level.last_shift,
            mean=_mean([point.sentiment for point in points]),
            reports=len(points),
            last_news=level.last_news,
        )
        return []
    window = points[-change.size :]
    state.tone = ToneLevel(
        since=window[0].at,
        last_shift=at,
        mean=change.after,
        reports=len(window),
        last_news=level.last_news,
    )
    return [
        Development(
            SENTIMENT_SHIFT,
            f"tone:{analysis.article_id}",
            state,
            analysis,
            evidence=analysis.lead,
            tone_baseline=change.before,
        )
    ]


def level_points(state: StoryState) -> list[TonePoint]:
    """The story's reports since its level began, in the order they were tracked."""
    since = state.tone.since
    return [
        TonePoint(point[0], float(point[1]), point[3] if len(point) > 3 else None)
        for point in state.tone_history
        if not since or point[0] >= since
    ]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _variance(values: Sequence[float]) -> float:
    centre = _mean(values)
    spread = sum((value - centre) ** 2 for value in values) / max(1, len(values) - 1)
    return max(spread, MIN_SPREAD**2)


def _hours(earlier: str, later: str) -> float:
    return (from_utc_iso(later) - from_utc_iso(earlier)).total_seconds() / 3600.0
