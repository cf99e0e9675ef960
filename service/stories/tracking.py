"""The step that turns an article's Analysis and its story's state into Developments.

Plain Python over dataclasses: the desk loads a StoryState from its table, calls `track`,
publishes an alert for each returned Development and stores the new state. Nothing here
knows about Kafka, so every rule is testable with hand-made analyses. The rules themselves
live by what they judge: `event_news` (events and their status), `statement_news`
(principals' words), `tone` (level changes of sentiment), `announced` (across stories).

Quiet stories: a story whose first report states no event of its own (a feature, a report
with no event in its lead, a statement alone) opens without an alert. It is announced by its first
development, or by `story.new` once `story_sources` outlets carry it.
"""

from __future__ import annotations

from datetime import datetime

from service.schemas import NEWS, Analysis, utc_iso
from service.stories.announced import AnnouncedIndex
from service.stories.copies import similarity
from service.stories.developments import STORY_NEW, Development, Tracked, TrackingRules
from service.stories.event_news import event_developments, headline_events, report_names
from service.stories.identity import gone_idle
from service.stories.state import StoryState
from service.stories.statement_news import statement_developments
from service.stories.tone import tone_developments

#: No other story: tracking one story by itself.
NOWHERE = AnnouncedIndex(repeat_days=0.0, overlap=1.0)


def track(
    state: StoryState | None,
    analysis: Analysis,
    rules: TrackingRules,
    elsewhere: AnnouncedIndex = NOWHERE,
) -> Tracked:
    """The story's next state and the developments this article reveals.

    Guarantees:
    - the first report of a story that states a development yields exactly one `story.new`,
      and what it reports becomes the story's starting state; one that states none opens a
      quiet story (module docstring);
    - the same article again (same id, same text) changes nothing;
    - a copy or near-copy of a report the story has raises nothing and counts one more source;
    - a page that is not news (an opinion, a live-blog shell) counts a source, raises nothing;
    - an article that comes again under its id with other text is an update: only what it
      adds to the story can alert, and it is not another source;
    - a status only moves forward, and never on a report older than the one that set it;
    - a quote or a development any active story already has (`elsewhere`) raises nothing.
    `state` is the caller's to give away: it is updated in place and returned.
    """
    if state is None:
        return start_story(analysis, rules, elsewhere)
    version = [analysis.article_id, analysis.text_sha256]
    if version in state.reports:
        return Tracked(state, [], copy=True)
    update = any(report[0] == analysis.article_id for report in state.reports)
    if analysis.genre != NEWS or (not update and _is_near_copy(state, analysis, rules)):
        _count_report(state, analysis, new_source=not update)
        return Tracked(state, [], copy=analysis.genre == NEWS)
    events = event_developments(state, analysis, rules, elsewhere)
    developments = [
        *events,
        *statement_developments(state, analysis, rules, events, elsewhere),
    ]
    _count_report(state, analysis, new_source=not update)
    if not state.announced:
        developments = _announce(state, analysis, rules, developments)
    if events:
        state.tone.last_news = utc_iso(analysis.published_at)
    developments += tone_developments(state, analysis, rules.tone, news=bool(events))
    return Tracked(state, developments)


def start_story(
    analysis: Analysis, rules: TrackingRules, elsewhere: AnnouncedIndex = NOWHERE
) -> Tracked:
    """A story's state from its first report: its events and statements are the baseline.

    The report raises `story.new` if its lead states an event of its own that no other active
    story has announced; otherwise the story opens quietly. Words alone (a statement) do not
    make a story: it waits for its first event, or for other outlets.
    """
    seen = utc_iso(analysis.published_at)
    state = StoryState(
        story_id=analysis.story_key,
        title=analysis.title or analysis.lead,
        first_seen=seen,
        last_seen=seen,
        sources=0,
    )
    news = [
        event
        for event in headline_events(analysis, rules)
        if not elsewhere.event_announced(
            event, event.status, seen, state.story_id, report_names(analysis)
        )
    ]
    event_developments(state, analysis, rules, elsewhere)
    statement_developments(state, analysis, rules, [], elsewhere)
    state.announced = bool(news)
    tone_developments(state, analysis, rules.tone)
    _count_report(state, analysis, new_source=True)
    if not state.announced:
        return Tracked(state, [])
    return Tracked(state, [Development(STORY_NEW, "story", state, analysis)])


def expired(state: StoryState, stream_time: datetime, rules: TrackingRules) -> bool:
    """True once the stream's clock is past the story's last report by the idle time."""
    return gone_idle(state.last_seen, stream_time, rules.idle_days)


def _announce(
    state: StoryState, analysis: Analysis, rules: TrackingRules, developments: list[Development]
) -> list[Development]:
    """A quiet story is announced by its first development, or once enough outlets carry it."""
    if developments:
        state.announced = True
        return developments
    if len(state.outlets) >= rules.story_sources:
        state.announced = True
        return [Development(STORY_NEW, "story", state, analysis)]
    return []


def _is_near_copy(state: StoryState, analysis: Analysis, rules: TrackingRules) -> bool:
    return any(
        similarity(analysis.fingerprint, fingerprint) >= rules.near_copy_similarity
        for _, fingerprint in state.fingerprints
    )


def _count_report(state: StoryState, analysis: Analysis, *, new_source: bool) -> None:
    seen = utc_iso(analysis.published_at)
    state.first_seen = min(state.first_seen, seen)
    state.last_seen = max(state.last_seen, seen)
    if new_source:
        state.sources += 1
        for entity in analysis.entities:
            state.names[entity.canonical] = state.names.get(entity.canonical, 0) + entity.mentions
    state.reports.append([analysis.article_id, analysis.text_sha256])
    if analysis.fingerprint:
        state.fingerprints.append([analysis.article_id, list(analysis.fingerprint)])
    if analysis.source and analysis.source not in state.outlets:
        state.outlets.append(analysis.source)
    state.trim()
