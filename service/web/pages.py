"""The live page and the JSON it reads, served by the worker's own (Faust) web server.

- `GET /`: the page; `GET /static/<file>`: its script and style, from `service/web/static/`.
- `GET /api/counters`, `/api/alerts?type=&severity=&limit=`, `/api/stories`,
  `/api/stories/<id>`: JSON.
- `GET /api/stream`: server-sent events, `alert` (one CloudEvents alert) and `counters`.

The page puts every text it shows in with `textContent`, and the page's own response forbids
any script but its own file (Content-Security-Policy): article text is data, never markup.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import faust
from aiohttp import web as aiohttp_web
from faust.types import TableT

from service.metrics import ARTICLE_OUTCOMES, ARTICLES, DEAD_LETTERS, totals
from service.web.live import LiveFeed

STATIC_FOLDER = Path(__file__).parent / "static"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}
#: An open page gets a comment this often when nothing happens, so proxies keep it open.
KEEPALIVE_S = 15.0
#: How often a waiting stream checks whether the worker is stopping.
STOP_CHECK_S = 1.0
MAX_LIMIT = 500


def add_pages(app: faust.App, feed: LiveFeed, stories: TableT) -> None:
    """Register the page, its assets and its JSON on the app's web server."""

    @app.page("/")
    async def page(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
        """The live page."""
        html = (STATIC_FOLDER / "index.html").read_bytes()
        return view.bytes(html, content_type="text/html", headers=dict(PAGE_HEADERS))

    @app.page("/static/{name}")
    async def asset(
        view: faust.web.View, request: faust.web.Request, name: str
    ) -> faust.web.Response:
        """One of the page's own files; nothing outside the static folder."""
        path = STATIC_FOLDER / name
        kind = STATIC_TYPES.get(path.suffix)
        if kind is None or path.parent != STATIC_FOLDER or not path.is_file():
            return view.json({"error": f"no such file: {name}"}, status=404)
        return view.bytes(path.read_bytes(), content_type=kind, headers=dict(PAGE_HEADERS))

    @app.page("/api/counters")
    async def counters(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
        """The numbers at the top of the page."""
        return view.json(page_counters(feed))

    @app.page("/api/alerts")
    async def alerts(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
        """Recent alerts, newest first; `type`, `severity` and `limit` narrow them."""
        try:
            limit = min(MAX_LIMIT, max(1, int(request.query.get("limit", "200"))))
        except ValueError:
            return view.json({"error": "limit must be a whole number"}, status=400)
        chosen = feed.alerts(
            kind=request.query.get("type") or None,
            severity=request.query.get("severity") or None,
            limit=limit,
        )
        return view.json({"alerts": chosen})

    @app.page("/api/stories")
    async def story_list(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
        """Stories with alerts, the most recently active first."""
        return view.json({"stories": feed.stories()})

    @app.page("/api/stories/{story_id}")
    class StoryView(faust.web.View):
        """One story: its developments, tone over time and known events.

        The story's state lives in the `stories` table on the worker that owns its partition;
        `table_route` forwards the request there.
        """

        @app.table_route(table=stories, match_info="story_id")  # type: ignore[arg-type]
        async def get(self, request: faust.web.Request, story_id: str) -> faust.web.Response:
            stored = stories.get(story_id)
            body = story_page(feed, story_id, stored)
            if body is None:
                return self.json({"error": f"no story {story_id!r} is held here"}, status=404)
            return self.json(body)

    @app.page("/api/stream")
    async def stream(view: faust.web.View, request: faust.web.Request) -> Any:
        """Server-sent events: each new alert, then the counters, until the page closes."""
        response = aiohttp_web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)  # type: ignore[arg-type]
        queue = feed.subscribe()
        try:
            await response.write(b"retry: 2000\n\n")
            await response.write(server_event("counters", page_counters(feed)))
            idle = 0.0
            while not app.should_stop and feed.is_subscribed(queue):
                try:
                    alert = await asyncio.wait_for(queue.get(), timeout=STOP_CHECK_S)
                except TimeoutError:
                    idle += STOP_CHECK_S
                    if idle >= KEEPALIVE_S:
                        await response.write(b": keep-alive\n\n")
                        idle = 0.0
                    continue
                idle = 0.0
                await response.write(server_event("alert", alert))
                if queue.empty():
                    await response.write(server_event("counters", page_counters(feed)))
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the page went away, or the worker is stopping
        finally:
            feed.unsubscribe(queue)
        return response


def page_counters(feed: LiveFeed) -> dict[str, Any]:
    """Articles by outcome and dead letters as this worker counted them; alerts and stories
    as the feed (every worker's alerts) holds them."""
    articles = totals(ARTICLES)
    return {
        "articles": {outcome: articles.get(outcome, 0) for outcome in ARTICLE_OUTCOMES},
        **feed.counts(),
        "dlq": sum(totals(DEAD_LETTERS).values()),
    }


def story_page(
    feed: LiveFeed, story_id: str, stored: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The story view's JSON from the feed's alerts and, when this worker holds it, the
    story's state; None when neither knows the story."""
    digest = feed.story(story_id)
    if digest is None and stored is None:
        return None
    story: dict[str, Any] = digest.summary() if digest else {"id": story_id}
    story.pop("latest", None)
    sentiment = digest.sentiment() if digest else []
    events: list[dict[str, Any]] = []
    if stored is not None:
        story.update(
            title=stored.get("title") or story.get("title", ""),
            first_seen=stored.get("first_seen"),
            last_seen=stored.get("last_seen"),
            sources=stored.get("sources", 0),
        )
        story["outlets"] = stored.get("outlets", [])
        sentiment = [
            {"at": at, "article": article, "baseline": baseline}
            for at, article, baseline, *_ in stored.get("tone_history", [])
        ] or sentiment
        events = [_event_row(event) for event in stored.get("events", [])]
    return {
        "story": story,
        "developments": list(digest.developments) if digest else [],
        "sentiment": sentiment,
        "events": events,
    }


def _event_row(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": event.get("type"),
        "status": event.get("status"),
        "actors": event.get("actors", []),
        "targets": event.get("targets", []),
        "location": event.get("location"),
        "when": event.get("when"),
        "history": [
            {"status": status, "at": at, "article_id": article_id}
            for status, at, article_id in event.get("history", [])
        ],
    }


def server_event(name: str, payload: dict[str, Any]) -> bytes:
    """One server-sent event; JSON has no raw newlines, so it is one `data:` line."""
    return f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()
