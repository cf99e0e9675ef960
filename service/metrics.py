"""The storywatch_* Prometheus metrics (docs/CONTRACT.md, "Operator surface").

Labels are bounded: outcomes, error kinds and alert types come from fixed lists, never
from story or article ids.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ARTICLES = Counter(
    "storywatch_articles",
    "Articles taken from the input topic, by outcome (processed, duplicate, invalid).",
    ["outcome"],
)
DEAD_LETTERS = Counter(
    "storywatch_dlq_messages",
    "Messages sent to the dead-letter topic, by error kind.",
    ["kind"],
)
ALERTS = Counter("storywatch_alerts", "Alerts published, by CloudEvents type.", ["type"])
STAGE_SECONDS = Histogram(
    "storywatch_stage_seconds",
    "Time spent per pipeline stage and message (analyse: per batch).",
    ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
STORIES_ACTIVE = Gauge(
    "storywatch_stories_active",
    "Stories held in this worker's state (not yet idle past STORYWATCH_STORY_IDLE_DAYS).",
)
