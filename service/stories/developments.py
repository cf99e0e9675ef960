"""The development vocabulary: the kinds of news an alert carries, and the thresholds of tracking.

Apart from the algorithm (`service.stories.tracking`), so that what reads or counts
developments (alerts, metrics) does not import how they are found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.schemas import Analysis, Event, Statement
from service.settings import Settings
from service.stories.state import StoryState

STORY_NEW = "storywatch.story.new"
EVENT_NEW = "storywatch.event.new"
EVENT_STATUS_CHANGED = "storywatch.event.status_changed"
STATEMENT_NEW = "storywatch.statement.new"
SENTIMENT_SHIFT = "storywatch.sentiment.shift"
DEVELOPMENT_KINDS = (STORY_NEW, EVENT_NEW, EVENT_STATUS_CHANGED, STATEMENT_NEW, SENTIMENT_SHIFT)


def _default(setting: str) -> Any:
    """The default of a STORYWATCH_* setting: each threshold's value is written once, there."""
    return Settings.model_fields[setting].default


@dataclass(frozen=True)
class ToneRules:
    """When a story's tone has moved: a recent window of reports against its settled level."""

    #: Reports in the recent window compared with the level.
    window: int = _default("tone_window_reports")
    #: Reports the level needs before the window can move it (hysteresis after a shift).
    baseline: int = _default("tone_baseline_reports")
    #: Least difference of the window's mean sentiment from the level's (-1..1 scale).
    min_shift: float = _default("tone_shift_threshold")
    #: Least Welch t statistic of that difference: a swing, not the spread of the reports.
    min_t: float = _default("tone_significance")
    #: Least distinct outlets in the window: one outlet's pieces are its voice, not the story's.
    min_outlets: int = _default("tone_min_outlets")
    #: Least hours between two shifts of one story.
    cooldown_hours: float = _default("tone_cooldown_hours")


@dataclass(frozen=True)
class TrackingRules:
    """The thresholds of tracking; `from_settings` reads them from STORYWATCH_* settings."""

    idle_days: float = _default("story_idle_days")
    near_copy_similarity: float = _default("near_copy_similarity")
    quote_repeat_overlap: float = _default("quote_repeat_overlap")
    background_days: float = _default("background_days")
    #: Outlets that announce a story whose first report states no development of its own.
    story_sources: int = _default("story_sources")
    #: Days within which a development announced by one story is not announced by another.
    repeat_days: float = _default("repeat_days")
    #: Hours after a speaker's statement in which the story raises no other of theirs.
    speaker_hours: float = _default("speaker_hours")
    tone: ToneRules = ToneRules()

    @classmethod
    def from_settings(cls, settings: Settings) -> TrackingRules:
        return cls(
            idle_days=settings.story_idle_days,
            near_copy_similarity=settings.near_copy_similarity,
            quote_repeat_overlap=settings.quote_repeat_overlap,
            background_days=settings.background_days,
            story_sources=settings.story_sources,
            repeat_days=settings.repeat_days,
            speaker_hours=settings.speaker_hours,
            tone=ToneRules(
                window=settings.tone_window_reports,
                baseline=settings.tone_baseline_reports,
                min_shift=settings.tone_shift_threshold,
                min_t=settings.tone_significance,
                min_outlets=settings.tone_min_outlets,
                cooldown_hours=settings.tone_cooldown_hours,
            ),
        )


@dataclass(frozen=True)
class Development:
    """Something new about a story, worth one alert; `identity` makes its id stable."""

    kind: str
    identity: str
    story: StoryState
    analysis: Analysis
    #: The event as this report gives it, with the status it moved to.
    event: Event | None = None
    previous_status: str | None = None
    statement: Statement | None = None
    #: The sentence that shows the development; the article's lead when there is none.
    evidence: str = ""
    #: The story's tone before this report (sentiment developments).
    tone_baseline: float | None = None


@dataclass(frozen=True)
class Tracked:
    """The outcome of tracking one article: the story's next state and what is new.

    `copy` is true for the very article again, or a copy of a report the story has.
    """

    state: StoryState
    developments: list[Development]
    copy: bool = False
