"""The storywatch_* Prometheus metrics (docs/CONTRACT.md, "Operator surface").

Labels are bounded: outcomes, error kinds, event and alert types, stages, and the topic
and partition numbers of the worker's own input topics; never story or article ids.

Histogram buckets follow what `bench/pipeline_latency.py` measured on a 2-core machine
(docs/OPERATIONS.md): decoding an article takes 20-70 µs, a spaCy batch 80 ms (a few
articles) to 1.6 s (31), assigning and tracking a report about 1 ms, publishing 2-3 ms; an
alert is on the broker about 2 s after its article when articles come one by one, 3.5 s when
31 come at once, and minutes while a large backlog drains.
"""

from __future__ import annotations

from collections.abc import Mapping

import faust
from faust.sensors.prometheus import MS_LATENCY_BUCKETS, FaustMetrics, PrometheusMonitor
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from service.nlp.genre import genres
from service.schemas import EVENT_TYPES, Analysis
from service.stories.developments import DEVELOPMENT_KINDS

#: The stages `storywatch_stage_seconds` times, in pipeline order.
STAGES = ("decode", "analyse", "assign", "compare", "publish")

ARTICLE_OUTCOMES = ("processed", "duplicate", "invalid")
ARTICLES = Counter(
    "storywatch_articles",
    "Articles taken from the input topic, by outcome (processed, duplicate, invalid).",
    ["outcome"],
)
GENRES = Counter(
    "storywatch_article_genres",
    "Valid articles by genre (news, opinion, live, gallery, newsletter, obituary, analysis, "
    "explainer): only news opens stories and raises alerts.",
    ["genre"],
)
EVENTS = Counter(
    "storywatch_events",
    "Events extracted from valid articles, by contract event type (STATEMENT included).",
    ["type"],
)
DEAD_LETTERS = Counter(
    "storywatch_dlq_messages",
    "Messages sent to the dead-letter topic, by error kind.",
    ["kind"],
)
LATE_REPORTS = Counter(
    "storywatch_late_reports",
    "Reports assigned after a later one by event time: the order every runner shares was "
    "broken, and each may have joined another story than a replay would.",
)
ALERTS = Counter("storywatch_alerts", "Alerts published, by CloudEvents type.", ["type"])
STAGE_SECONDS = Histogram(
    "storywatch_stage_seconds",
    "Time spent per pipeline stage and message (analyse: per batch).",
    ["stage"],
    buckets=(
        0.0001,
        0.00025,
        0.0005,
        0.001,
        0.0025,
        0.005,
        0.01,
        0.025,
        0.05,
        0.1,
        0.25,
        0.5,
        1,
        2.5,
        5,
        10,
    ),
)
ALERT_LATENCY = Histogram(
    "storywatch_alert_latency_seconds",
    "From the worker taking an article in to the broker acknowledging an alert it raised.",
    buckets=(0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 30, 60, 120, 300),
)
CONSUMER_LAG = Gauge(
    "storywatch_consumer_lag",
    "Messages on the worker's assigned input partitions not yet committed by its group.",
    ["topic", "partition"],
)
BROKER_REACHABLE = Gauge(
    "storywatch_broker_reachable",
    "1 while the broker answers the worker's metadata probe, 0 while it is silent "
    "(service/broker_watch.py).",
)
BROKER_REACHABLE.set(1)
STORIES_ACTIVE = Gauge(
    "storywatch_stories_active",
    "Stories held in this worker's state (not yet idle past STORYWATCH_STORY_IDLE_DAYS).",
)


# Every label value is exported from the start, at zero, so rate() and the alert rules see a
# series before the first article rather than an absent one.
for _outcome in ARTICLE_OUTCOMES:
    ARTICLES.labels(_outcome)
for _type in EVENT_TYPES:
    EVENTS.labels(_type)
for _genre in genres():
    GENRES.labels(_genre)
for _kind in DEVELOPMENT_KINDS:
    ALERTS.labels(_kind)
for _stage in STAGES:
    STAGE_SECONDS.labels(_stage)


def count_events(analysis: Analysis) -> None:
    """Add the analysis's events to `storywatch_events_total`, by type, and its genre."""
    GENRES.labels(analysis.genre).inc()
    for event in analysis.events:
        EVENTS.labels(event.type).inc()


def totals(counter: Counter) -> dict[str, int]:
    """A one-label counter's counts by label value, as this process has them."""
    return {
        next(iter(sample.labels.values())): int(sample.value)
        for metric in counter.collect()
        for sample in metric.samples
        if sample.name.endswith("_total")
    }


def set_consumer_lag(lag: Mapping[tuple[str, int], int]) -> None:
    """Show exactly these (topic, partition) lags: partitions no longer assigned disappear."""
    CONSUMER_LAG.clear()
    for (topic, partition), behind in lag.items():
        CONSUMER_LAG.labels(topic, str(partition)).set(behind)


def add_faust_sensor(app: faust.App, prefix: str = "storywatch_faust") -> None:
    """Faust's own Prometheus sensor (messages in and out, commits, rebalances, table and web
    requests, as `<prefix>_*`) on the app, and `GET /metrics` serving it with the storywatch_*
    metrics from one registry.

    What `faust.sensors.prometheus.setup_prometheus_sensors` does, but for one metric: Faust
    times stream events in milliseconds as `*_events_runtime_ms`, which `promtool check
    metrics` rejects (not the base unit), so they are exported in seconds.
    """
    metrics = FaustMetrics.create(REGISTRY, prefix)
    REGISTRY.unregister(metrics.events_runtime_latency)
    metrics = metrics._replace(
        events_runtime_latency=_MillisecondsAsSeconds(
            f"{prefix}_events_runtime_seconds",
            "Time an agent spent on one stream event (Faust's sensor).",
            buckets=[bound / 1000 for bound in MS_LATENCY_BUCKETS],
        )
    )
    app.monitor = PrometheusMonitor(metrics=metrics)

    @app.page("/metrics")
    async def exposition(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
        """Prometheus text exposition of every metric in the process."""
        return view.bytes(generate_latest(), content_type=CONTENT_TYPE_LATEST.split(";")[0])


class _MillisecondsAsSeconds(Histogram):
    """A histogram in seconds that Faust's sensor observes in milliseconds."""

    def observe(self, amount: float, exemplar: dict[str, str] | None = None) -> None:
        super().observe(amount / 1000, exemplar)
