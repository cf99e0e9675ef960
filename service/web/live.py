"""What the live page shows, held in memory: recent alerts, the stories they are about, and
the open pages to push each new alert to.

It is filled from the alerts topic itself (`follow_alerts`), read by every worker without a
consumer group, so each worker's page shows every alert whichever worker raised it, and an
alert is on the page only once it is on the topic downstream systems read. Everything held is
capped; alerts are de-duplicated by id, because delivery is at-least-once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from service.alert_reader import AlertReader

log = logging.getLogger(__name__)

#: Alerts in the feed, stories listed, developments kept per story, ids remembered.
MAX_RECENT_ALERTS = 500
MAX_STORIES = 500
MAX_DEVELOPMENTS_PER_STORY = 200
MAX_SEEN_IDS = 20_000
#: A page that reads slower than alerts come is dropped rather than grow without bound.
MAX_QUEUED_PER_PAGE = 1000


@dataclass
class StoryDigest:
    """One story as its alerts describe it, with its developments oldest first."""

    id: str
    title: str = ""
    actors: list[str] = field(default_factory=list)
    first_seen: str = ""
    last_seen: str = ""
    sources: int = 0
    alerts: int = 0
    developments: deque[dict[str, Any]] = field(
        default_factory=lambda: deque(maxlen=MAX_DEVELOPMENTS_PER_STORY)
    )

    def add(self, alert: dict[str, Any]) -> None:
        story = _data(alert).get("story") or {}
        self.title = story.get("title") or self.title
        self.actors = story.get("actors") or self.actors
        self.first_seen = self.first_seen or story.get("first_seen") or alert.get("time") or ""
        self.last_seen = max(self.last_seen, alert.get("time") or "")
        self.sources = max(self.sources, int(story.get("sources") or 0))
        self.alerts += 1
        self.developments.append(alert)

    def summary(self) -> dict[str, Any]:
        """The story as the story list shows it."""
        latest = self.developments[-1] if self.developments else {}
        return {
            "id": self.id,
            "title": self.title,
            "actors": self.actors,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "sources": self.sources,
            "alerts": self.alerts,
            "latest": {
                "type": latest.get("type"),
                "summary": _data(latest).get("summary"),
                "severity": _data(latest).get("severity"),
                "time": latest.get("time"),
            },
        }

    def sentiment(self) -> list[dict[str, Any]]:
        """The tone each development's article had, and the story baseline where known."""
        points = []
        for alert in self.developments:
            tone = _data(alert).get("sentiment") or {}
            if tone.get("article") is not None:
                points.append(
                    {
                        "at": alert.get("time"),
                        "article": tone["article"],
                        "baseline": tone.get("story_baseline"),
                    }
                )
        return points


class LiveFeed:
    """Recent alerts newest first, stories by latest activity, and subscribers to push to."""

    def __init__(self) -> None:
        self._recent: deque[dict[str, Any]] = deque(maxlen=MAX_RECENT_ALERTS)
        self._stories: OrderedDict[str, StoryDigest] = OrderedDict()
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._by_type: dict[str, int] = {}
        self._subscribers: set[asyncio.Queue[dict[str, Any]]] = set()

    def add(self, alert: dict[str, Any]) -> bool:
        """Take an alert in and push it to every open page; False for an id already held."""
        alert_id = str(alert.get("id", ""))
        if not alert_id or alert_id in self._seen:
            return False
        self._seen[alert_id] = None
        if len(self._seen) > MAX_SEEN_IDS:
            self._seen.popitem(last=False)
        self._recent.appendleft(alert)
        kind = str(alert.get("type", ""))
        self._by_type[kind] = self._by_type.get(kind, 0) + 1
        self._story_of(alert).add(alert)
        for queue in list(self._subscribers):
            if queue.qsize() >= MAX_QUEUED_PER_PAGE:
                self._subscribers.discard(queue)  # that page reconnects and reloads
            else:
                queue.put_nowait(alert)
        return True

    def _story_of(self, alert: dict[str, Any]) -> StoryDigest:
        story_id = str(alert.get("subject") or (_data(alert).get("story") or {}).get("id") or "")
        digest = self._stories.pop(story_id, None) or StoryDigest(id=story_id)
        self._stories[story_id] = digest  # the most recently active story goes last
        if len(self._stories) > MAX_STORIES:
            self._stories.popitem(last=False)
        return digest

    def alerts(
        self, kind: str | None = None, severity: str | None = None, limit: int = 200
    ) -> list[dict[str, Any]]:
        """The newest alerts first, of one type and severity when given."""
        chosen = []
        for alert in self._recent:
            if kind and alert.get("type") != kind:
                continue
            if severity and _data(alert).get("severity") != severity:
                continue
            chosen.append(alert)
            if len(chosen) >= limit:
                break
        return chosen

    def stories(self) -> list[dict[str, Any]]:
        """Every story held, the most recently active first."""
        return [digest.summary() for digest in reversed(self._stories.values())]

    def story(self, story_id: str) -> StoryDigest | None:
        return self._stories.get(story_id)

    def counts(self) -> dict[str, Any]:
        """Alerts taken in since the worker started, by type, and the stories held."""
        return {
            "alerts": sum(self._by_type.values()),
            "alerts_by_type": dict(self._by_type),
            "stories": len(self._stories),
        }

    def subscribe(self) -> asyncio.Queue[dict[str, Any]]:
        """A queue that gets every alert added from now on; `unsubscribe` it when done."""
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self._subscribers.discard(queue)

    def is_subscribed(self, queue: asyncio.Queue[dict[str, Any]]) -> bool:
        return queue in self._subscribers


async def follow_alerts(
    new_reader: Callable[[], AlertReader], feed: LiveFeed, backlog: int, retry_s: float = 5.0
) -> None:
    """Fill the feed from the alerts topic: the last `backlog` alerts per partition, then
    each new one as it arrives, until cancelled. When the broker fails, a new reader starts
    again after `retry_s` (the feed drops the alerts it already holds)."""
    while True:
        reader = new_reader()
        try:
            await reader.start(from_beginning=False, last=backlog)
            while True:
                for alert in await reader.read(timeout_s=1.0):
                    feed.add(alert)
        except Exception as exc:
            log.warning("the live page stopped reading alerts (%s); retrying", exc)
        finally:
            await reader.stop()
        await asyncio.sleep(retry_s)


def _data(alert: dict[str, Any]) -> dict[str, Any]:
    data = alert.get("data")
    return data if isinstance(data, dict) else {}
