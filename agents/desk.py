"""Agent: analyses → event-time order → the story desk (assign and track) → alerts.

Analyses are held in a reorder window (service.stories.reorder) and taken to the desk in
`published_at` order, so one worker, two workers and `storywatch backtest` give the same
stories and alert ids. A held analysis is not acknowledged until it, and everything that
arrived before it, has been through the desk: a crash loses nothing, the analysis is read
again and raises the same alert ids. A timer releases what the window holds once the input
goes quiet.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from datetime import UTC, datetime
from typing import Any

from faust.streams import _current_event

from agents.analyse import reject
from service.alert_binding import alert_message
from service.alert_reader import AlertReader, recent_alert_ids
from service.alerts import alert_fields, describe_alert
from service.app import (
    alerts_topic,
    analyses_topic,
    app,
    passed_over_table,
    settings,
    stories_table,
    story_cards_table,
)
from service.ingest import MessagePosition, Rejection, SourceMessage
from service.kafka_access import client_options
from service.metrics import (
    ALERT_LATENCY,
    ALERTS,
    ARTICLES,
    LATE_REPORTS,
    STAGE_SECONDS,
    STORIES_ACTIVE,
)
from service.offsets import TopicEnds, read_record
from service.schemas import Analysis
from service.stories.desk import DeskReport, StoryDesk
from service.stories.reorder import ArrivalOrderAcks, ReorderWindow

DESK = StoryDesk(story_cards_table, stories_table, passed_over_table, settings)
WINDOW: ReorderWindow[Any] = ReorderWindow(
    settings.partitions,
    settings.reorder_idle_s,
    settings.reorder_capacity,
    drained_s=settings.reorder_drained_s,
    wait_for_committed=True,
)
#: What has arrived, acknowledged in arrival order however it is released.
ACKS: ArrivalOrderAcks[Any] = ArrivalOrderAcks()
#: The agent and the timer take turns: the desk is one ordered step.
TURN = asyncio.Lock()
#: The agent's stream, which acknowledges what it read.
READING: list[Any] = []
BOOTSTRAP = settings.bootstrap_servers() if settings.broker_url else "127.0.0.1:9092"
#: Where each partition of `articles` ends, and how far analysis has committed: the window
#: releases a drained partition at once, and never takes a lagging one for a quiet one.
ARTICLE_ENDS = TopicEnds(
    BOOTSTRAP, settings.articles_topic, security=client_options(settings), group=settings.app_id
)
#: Where the analyses topic ends, and the next offset the agent reads on each partition of it:
#: a quiet partition is never idle while analyses are still to be read (its may be there).
ANALYSES_ENDS = TopicEnds(BOOTSTRAP, settings.analyses_topic(), security=client_options(settings))
READ_UP_TO: dict[int, int] = {}
#: Alerts on the topic from before this worker took the desk, read once it has: none is sent
#: twice: per partition, as many as the reorder window holds reports.
RECENT_ALERTS = settings.reorder_capacity
PUBLISHED: set[str] = set()
log = logging.getLogger(__name__)


@app.agent(analyses_topic)
async def follow_stories(stream: Any) -> None:
    """Each report joins a story or opens one, in event-time order, and raises what is new."""
    reading = stream.noack()
    READING[:] = [reading]
    try:
        async for event in reading.events():
            analysis = event.value
            async with TURN:
                READ_UP_TO[event.message.partition] = event.message.offset + 1
                ACKS.arrived(event)
                WINDOW.push(
                    event,
                    analysis.published_at,
                    analysis.article_id,
                    analysis.source_partition,
                    analysis.source_offset,
                )
                # Read after the analysis arrived, so the ends cover every article before it.
                WINDOW.set_ends(await ARTICLE_ENDS.read())
                await take_released(reading, WINDOW.release())
    finally:
        await ARTICLE_ENDS.stop()
        await ANALYSES_ENDS.stop()


@app.timer(interval=max(0.1, min(1.0, settings.reorder_idle_s / 4, settings.reorder_drained_s / 2)))
async def release_quiet_reports() -> None:
    """Take what the window holds to the desk once its input partitions have gone quiet."""
    if not len(WINDOW) or not READING:
        return
    # Committed offsets matter only for a quiet partition, and are read before taking the
    # turn: read a moment early, they can only make the window wait longer. What is left to
    # read is read after them, so it covers every analysis sent before they were committed.
    if WINDOW.has_quiet_partition():
        committed = await ARTICLE_ENDS.committed()
        unread = analyses_unread(await ANALYSES_ENDS.read())
        WINDOW.set_committed(committed)
        WINDOW.set_unread(unread)
    async with TURN:
        WINDOW.set_ends(await ARTICLE_ENDS.read())
        await take_released(READING[0], WINDOW.release())


def analyses_unread(ends: dict[int, int]) -> int | None:
    """Analyses not yet read on the partitions of the analyses topic this worker has read
    since it was given them (every report goes to one; one not read from holds nothing the
    window waits on); None when the ends could not be read."""
    if not ends:
        return None
    mine = {
        tp.partition
        for tp in app.consumer.assignment()
        if tp.topic == analyses_topic.get_topic_name()
    }
    read = mine & READ_UP_TO.keys()
    return sum(max(0, ends.get(partition, 0) - READ_UP_TO[partition]) for partition in read)


@app.on_partitions_revoked.connect  # type: ignore[arg-type]  # mode types no async receiver
async def forget_held_reports(sender: Any, *args: Any, **kwargs: Any) -> None:
    """A rebalance takes every partition away (and may give them back): what the window holds
    is not committed, and the desk's next owner, this worker or another, reads it again."""
    async with TURN:
        held = WINDOW.clear()
        ACKS.clear()
        READ_UP_TO.clear()
    if held:
        log.info("rebalance: %d reports held for event-time order are left to be read again", held)


@story_cards_table.on_recover
async def reload_story_cards() -> None:
    """After a rebalance or restart, the in-memory indexes are rebuilt from the tables, and
    the alerts already on the topic are read, so none is sent again."""
    DESK.reload()
    reader = AlertReader(BOOTSTRAP, settings.alerts_topic, client_options(settings))
    PUBLISHED.clear()
    try:
        PUBLISHED.update(await recent_alert_ids(reader, RECENT_ALERTS))
    except Exception as exc:  # the worker goes on; consumers de-duplicate on the id
        log.warning("could not read the latest alerts (%s): one raised again may go out twice", exc)
        return
    log.info("desk ready: %d alerts already published", len(PUBLISHED))


async def take_released(reading: Any, released: list[Any]) -> None:
    """Each released analysis through the desk, its alerts sent, then acknowledged."""
    for event in released:
        # Table writes go to the changelog partition of the event being processed; a
        # released event is processed here, even when a timer released it.
        token = _current_event.set(weakref.ref(event))
        try:
            await follow(event.value)
        finally:
            _current_event.reset(token)
        for done in ACKS.finished(event):
            await reading.ack(done)


async def follow(analysis: Analysis) -> None:
    """Assign and track one report; its alerts are sent, and their delivery awaited, before
    the story is stored: a crash in between would send the same ids again, and `PUBLISHED`
    keeps them from going out twice."""
    report = DESK.take(
        analysis, datetime.now(UTC), lambda stage: STAGE_SECONDS.labels(stage).time()
    )
    if report is None:
        ARTICLES.labels("duplicate").inc()
        return
    if isinstance(report, Rejection):
        await dead_letter_taken_id(analysis, report)
        return
    if report.late:
        LATE_REPORTS.inc()
        log.warning(
            "late report %s (published %s): assigned after a later one",
            analysis.article_id,
            analysis.published_at.isoformat(),
        )
    with STAGE_SECONDS.labels("publish").time():
        for alert in report.alerts:
            if alert["id"] in PUBLISHED:
                log.info("not sent again, already published: %s", alert["id"])
                continue
            message = alert_message(alert, settings.alert_mode)
            await (
                await alerts_topic.send(
                    key=message.key, value=message.value, headers=message.headers
                )
            )
            ALERTS.labels(alert["type"]).inc()
            if analysis.received_at:
                ALERT_LATENCY.observe(max(0.0, time.time() - analysis.received_at))
            log.info("alert published: %s", describe_alert(alert), extra=alert_fields(alert))
    sweep = DESK.keep(report)
    _count(report)
    if sweep is not None:
        STORIES_ACTIVE.set(sweep.active)
        if sweep.dropped:
            log.info("dropped %d idle stories; %d active", len(sweep.dropped), sweep.active)


def _count(report: DeskReport) -> None:
    if report.joined.new:
        STORIES_ACTIVE.inc()  # exact again at the next sweep
    copy = report.tracked is not None and report.tracked.copy
    ARTICLES.labels("duplicate" if copy else "processed").inc()


async def dead_letter_taken_id(analysis: Analysis, conflict: Rejection) -> None:
    """Send the article's original message to the dead-letter topic, as the analysis stage
    does (the same `reject`), read back from `articles` at the position the analysis came from."""
    read = await read_record(
        BOOTSTRAP,
        settings.articles_topic,
        analysis.source_partition,
        analysis.source_offset,
        client_options(settings),
    )
    # Gone from the topic: the dead letter still says where it was.
    record: SourceMessage = read or MessagePosition(
        settings.articles_topic,
        analysis.source_partition,
        analysis.source_offset,
        analysis.article_id.encode(),
    )
    await (await reject(record, conflict))
