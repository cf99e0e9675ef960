"""Alert figures of a backtest on a real stream: tone shifts, and recall of written developments.

- Tone: the share of alerts that are sentiment shifts, and how many shifts the story's next
  shift reverses within six hours (a shift that swings back is noise, not a trend).
- Recall: `developments.json` lists real developments of the streams, each with the id of the
  first item that reports it, written down before any alert was read. A development is
  recalled when that very item raised an alert of an accepted kind whose event has the
  development's type and status (for `story.new`, one of the events of its first report; for
  a statement, the speaker, or the surname alone).
"""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

SHIFT = "storywatch.sentiment.shift"
REVERSAL_WINDOW = timedelta(hours=6)
DEVELOPMENTS = Path(__file__).with_name("developments.json")


def shift_lines(alerts: list[dict[str, Any]]) -> list[str]:
    """Shifts as a share of alerts, and those reversed by the story's next shift within 6 h."""
    shifts = [alert for alert in alerts if alert.get("type") == SHIFT]
    reversed_ = 0
    by_story: dict[str, list[dict[str, Any]]] = {}
    for alert in shifts:
        by_story.setdefault(str(alert.get("subject")), []).append(alert)
    for series in by_story.values():
        for one, other in itertools.pairwise(series):
            opposite = _direction(one) * _direction(other) < 0
            if opposite and _time(other) - _time(one) <= REVERSAL_WINDOW:
                reversed_ += 1
    share = len(shifts) / len(alerts) if alerts else 0.0
    return [
        f"sentiment.shift: {len(shifts)} of {len(alerts)} alerts ({share:.1%}); "
        f"reversed within 6 h by the story's next shift: {reversed_}"
    ]


def recall_lines(alerts: list[dict[str, Any]], stream: str) -> list[str]:
    """Which of the stream's written developments its first item raised, with kind, type and
    status; the list is read from developments.json next to this file."""
    written = json.loads(DEVELOPMENTS.read_text(encoding="utf-8"))["developments"]
    mine = [d for d in written if d["stream"] == stream]
    if not mine:
        return []
    by_article: dict[str, list[dict[str, Any]]] = {}
    for alert in alerts:
        for evidence in alert.get("data", {}).get("evidence", []):
            by_article.setdefault(evidence.get("article_id"), []).append(alert)
    lines, hits = [], 0
    for development in mine:
        raised = [a for a in by_article.get(development["first_id"], []) if _fits(a, development)]
        hits += bool(raised)
        got = sorted({a["type"].removeprefix("storywatch.") for a in raised})
        first = by_article.get(development["first_id"], [])
        kinds = ", ".join(a["type"].removeprefix("storywatch.") for a in first) or "nothing"
        outcome = "by " + ", ".join(got) if raised else "first item raised: " + kinds
        lines.append(
            f"  {'hit ' if raised else 'miss'} {development['key']:<32} "
            f"{development['type']}/{development['status']:<10} {outcome}"
        )
    return [
        f"recall of written developments: {hits} of {len(mine)} ({hits / len(mine):.2f})",
        *lines,
    ]


def _fits(alert: dict[str, Any], development: dict[str, Any]) -> bool:
    if alert.get("type") not in development["kinds"]:
        return False
    data = alert.get("data", {})
    if development.get("speaker"):
        return _same_person(str((data.get("event") or {}).get("speaker")), development["speaker"])
    events = [data.get("event") or {}, *data.get("events", [])]
    return any(
        (event.get("type"), event.get("status")) == (development["type"], development["status"])
        for event in events
    )


def _same_person(said_by: str, listed: str) -> bool:
    """The listed speaker, or the surname alone that outlets use for them ("Biden")."""
    return said_by == listed or listed.endswith(" " + said_by)


def _direction(alert: dict[str, Any]) -> float:
    sentiment = alert.get("data", {}).get("sentiment", {})
    return float(sentiment.get("article") or 0.0) - float(sentiment.get("story_baseline") or 0.0)


def _time(alert: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(alert.get("time")).replace("Z", "+00:00"))
