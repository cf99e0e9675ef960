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
from service.stories.developments import (
    EVENT_NEW,
    EVENT_STATUS_CHANGED,
    SENTIMENT_SHIFT,
    STATEMENT_NEW,
    STORY_NEW,
    Development,
)
from service.stories.severity import severity_of
from service.stories.state import StoryState

SPECVERSION = "1.0"
DATASCHEMA = "storywatch/alert/v1"
SCHEMA_VERSION = 1
#: Longest quote shown in a statement's one-line summary.
SUMMARY_QUOTE_CHARS = 120


def alert_id(story_id: str, identity: str) -> str:
    """Hex SHA-256 of the story id and the development identity."""
    return hashlib.sha256(f"{story_id}\x1f{identity}".encode()).hexdigest()


def build_alert(development: Development, app_id: str, detected_at: datetime) -> dict[str, Any]:
    """The CloudEvent for one development (docs/CONTRACT.md, "Alert").

    A new story's alert lists the events of its first report under `data.events`: they are the
    story's starting state (docs/CONTRACT.md, "Development kinds").
    """
    story, analysis, event = development.story, development.analysis, development.event
    evidence = development.evidence or analysis.lead
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "story": {
            "id": story.story_id,
            "title": story.title,
            "actors": story.actors,
            "first_seen": story.first_seen,
            "sources": story.sources,
        },
        "event": alert_event(event, development.previous_status) if event else None,
        "summary": summarise(development),
        "severity": severity_of(
            development.kind,
            event.type if event else None,
            event.status if event else None,
            evidence,
        ),
        "sentiment": {
            "article": analysis.sentiment,
            "story_baseline": _baseline(development),
        },
        "evidence": [
            {
                "article_id": analysis.article_id,
                "source": analysis.source,
                "url": analysis.url,
                "sentence": evidence,
            }
        ],
        "detected_at": utc_iso(detected_at),
    }
    if development.kind == STORY_NEW:
        data["events"] = [contract_event(e) for e in analysis.events]
    return {
        "specversion": SPECVERSION,
        "id": alert_id(story.story_id, development.identity),
        "source": f"/storywatch/{app_id}",
        "type": development.kind,
        "subject": story.story_id,
        "time": utc_iso(analysis.published_at),
        "datacontenttype": "application/json",
        "dataschema": DATASCHEMA,
        "data": data,
    }


def _baseline(development: Development) -> float | None:
    if development.tone_baseline is not None:
        return round(development.tone_baseline, 4)
    tone = development.story.tone
    return round(tone.mean, 4) if tone.reports else None


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


def alert_event(event: Event, previous_status: str | None) -> dict[str, Any]:
    """The alert's `data.event`: the contract's fields and the previous status, without the
    sentence (the alert's evidence) and the confidence."""
    fields = contract_event(event)
    del fields["sentence"], fields["confidence"]
    return {**fields, "previous_status": previous_status}


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
    story, event = development.story, development.event
    if development.kind == STORY_NEW:
        who = ", ".join(story.actors[:4])
        return f"New story: {story.title}" + (f" ({who})" if who else "")
    if development.kind == SENTIMENT_SHIFT:
        now = development.analysis.sentiment or 0.0
        before = development.tone_baseline or 0.0
        direction = "more negative" if now < before else "more positive"
        return f"Coverage of {story.title} turned {direction}: tone {now:+.2f}, was {before:+.2f}"
    if development.kind == STATEMENT_NEW and development.statement is not None:
        quote = " ".join(development.statement.text.split())
        if len(quote) > SUMMARY_QUOTE_CHARS:
            quote = quote[: SUMMARY_QUOTE_CHARS - 1] + "…"
        return f"{development.statement.speaker}: “{quote}”"
    if event is None:
        return f"{development.kind.removeprefix('storywatch.')}: {story.title}"
    what = describe_event(event)
    if development.kind == EVENT_STATUS_CHANGED:
        return f"{what}: {development.previous_status} → {event.status}"
    assert development.kind == EVENT_NEW
    return f"New: {what} ({event.status})"


def describe_event(event: Event) -> str:
    """ "Meeting of Benjamin Netanyahu and Donald Trump at White House"-style event name."""
    name = event.type.replace("_", " ").capitalize()
    who = event.actors or event.targets
    text = name
    if who:
        joined = " and ".join([", ".join(who[:-1]), who[-1]]) if len(who) > 1 else who[0]
        text += f" of {joined}" if event.type in _GATHERINGS else f" by {joined}"
        if event.actors and event.targets:
            text += f" against {', '.join(event.targets)}"
    if event.location:
        text += f" in {event.location}"
    return text


#: Types whose participants meet rather than act ("Meeting of A and B", "Attack by A").
_GATHERINGS = frozenset({"MEETING", "NEGOTIATION", "CEASEFIRE", "AGREEMENT"})


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


def alert_fields(alert: dict[str, Any]) -> dict[str, Any]:
    """The alert's identity as fields of a structured log line."""
    data = alert.get("data") or {}
    return {
        "alert_id": alert.get("id"),
        "alert_type": alert.get("type"),
        "story_id": alert.get("subject"),
        "severity": data.get("severity"),
    }
