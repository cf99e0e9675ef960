"""Who may read the page and its API, and how much a request may carry.

With `STORYWATCH_WEB_TOKEN` set, every path but the operator's (`/metrics`, `/healthz`,
`/readyz`, which probes and Prometheus read) needs the token, as `Authorization: Bearer
<token>` or as the cookie a browser gets by opening `/?token=<token>` once (it is then sent to
`/` without the token in its address, and the page's own requests carry the cookie). A request
without it gets 401. Unset, the page is open, as it is on a laptop bound to 127.0.0.1.

Request bodies are refused past `MAX_REQUEST_BYTES`: every endpoint is a GET.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

#: What aiohttp reads of a request body at most (its own default is 1 MiB).
MAX_REQUEST_BYTES = 16_384
#: Paths for operators and their tools, never behind the token.
OPEN_PATHS = frozenset({"/metrics", "/healthz", "/readyz"})
COOKIE = "storywatch_token"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def web_application_options(token: str | None) -> dict[str, Any]:
    """Options for the worker's aiohttp application: the size limit, and the token guard."""
    options: dict[str, Any] = {"client_max_size": MAX_REQUEST_BYTES}
    if token:
        options["middlewares"] = [token_guard(token)]
    return options


def token_guard(token: str) -> Any:
    """An aiohttp middleware that serves a request only with `token`."""
    expected = token.encode()

    def matches(given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), expected)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in OPEN_PATHS:
            return await handler(request)
        if request.path == "/" and matches(request.query.get("token")):
            # The token leaves the address (history, logs, Referer) for an HttpOnly cookie.
            answer = web.HTTPSeeOther("/")
            answer.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
            return answer
        if matches(_bearer(request)) or matches(request.cookies.get(COOKIE)):
            return await handler(request)
        return web.json_response(
            {"error": "this page needs the token: send Authorization: Bearer <token>"},
            status=401,
            headers={"WWW-Authenticate": 'Bearer realm="storywatch"'},
        )

    return guard


def _bearer(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None
