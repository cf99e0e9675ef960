"""Alerts as CloudEvents 1.0 structured JSON, with ids that are stable across re-processing.

The id is the SHA-256 of the story id and the development's identity, never of a clock or
an offset, so replaying the same input (or re-processing after a crash) yields the same id
and downstream consumers can de-duplicate on it (docs/CONTRACT.md, "Alert").
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from service.schemas import Event, utc_iso
from service.stories.tracking import STORY_NEW, Development, StoryState

SPECVERSION = "1.0"
DATASCHEMA = "storywatch/alert/v1"
SCHEMA_VERSION = 1
SEVERITIES = ("info", "low", "medium", "high")


def alert_id(story_id: str, identity: str) -> str:
    """Hex SHA-256 of the story id and the development identity."""
    return hashlib.sha256(f"{story_id}\x1f{identity}".encode()).hexdigest()


def build_alert(development: Development, app_id: str, detected_at: datetime) -> dict[str, Any]:
    """The CloudEvent for one development.

    A new story's alert lists the events of its first report under `data.events`: they are the
    story's starting state (docs/CONTRACT.md, "Development kinds").
    """
    alert = _cloud_event(development, app_id, detected_at)
    if development.kind == STORY_NEW:
        alert["data"]["events"] = [contract_event(e) for e in development.analysis.events]
    return alert


def contract_event(event: Event) -> dict[str, Any]:
    """An extracted event with exactly the fields of the contract's Event."""
    return {
        "type": event.type,
        "status": event.status,
        "actors": list(event.actors),
        "targets": list(event.targets),
        "location": event.location,
        "when": event.when,
        "trigger": event.trigger,
        "sentence": event.sentence,
        "speaker": event.speaker,
        "confidence": event.confidence,
    }


def _cloud_event(development: Development, app_id: str, detected_at: datetime) -> dict[str, Any]:
    story, analysis = development.story, development.analysis
    return {
        "specversion": SPECVERSION,
        "id": alert_id(story.story_id, development.identity),
        "source": f"/storywatch/{app_id}",
        "type": development.kind,
        "subject": story.story_id,
        "time": utc_iso(analysis.published_at),
        "datacontenttype": "application/json",
        "dataschema": DATASCHEMA,
        "data": {
            "schema_version": SCHEMA_VERSION,
            "story": {
                "id": story.story_id,
                "title": story.title,
                "actors": story.actors,
                "first_seen": story.first_seen,
                "sources": story.sources,
            },
            "event": None,
            "summary": summarise(development),
            "severity": "info",
            "sentiment": {"article": analysis.sentiment, "story_baseline": None},
            "evidence": [
                {
                    "article_id": analysis.article_id,
                    "source": analysis.source,
                    "url": analysis.url,
                    "sentence": analysis.lead,
                }
            ],
            "detected_at": utc_iso(detected_at),
        },
    }


def unsent_alerts(
    state: StoryState, developments: list[Development], app_id: str, detected_at: datetime
) -> list[dict[str, Any]]:
    """The alerts for `developments` whose ids the story has not emitted, now remembered in it."""
    alerts = []
    for development in developments:
        alert = build_alert(development, app_id, detected_at)
        if alert["id"] in state.alert_ids:
            continue
        state.remember_alert(alert["id"])
        alerts.append(alert)
    return alerts


def summarise(development: Development) -> str:
    """One line a person can read in a notification."""
    story = development.story
    if development.kind == STORY_NEW:
        who = ", ".join(story.actors[:4])
        return f"New story: {story.title}" + (f" ({who})" if who else "")
    return f"{development.kind.removeprefix('storywatch.')}: {story.title}"


def encode_alert(alert: dict[str, Any]) -> bytes:
    """The alert's bytes on the topic: compact UTF-8 JSON."""
    return json.dumps(alert, ensure_ascii=False, separators=(",", ":")).encode()


def describe_alert(alert: dict[str, Any]) -> str:
    """One readable terminal line for an alert."""
    data = alert.get("data") or {}
    kind = str(alert.get("type", "?")).removeprefix("storywatch.")
    sources = (data.get("story") or {}).get("sources", "?")
    return (
        f"{alert.get('time', '?')}  {kind:<22} {data.get('severity', '?'):<6} "
        f"{alert.get('subject', '?')}  {data.get('summary', '')}  [sources: {sources}]"
    )
