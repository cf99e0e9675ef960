"""A worker with STORYWATCH_WEB_TOKEN: the page and its API refuse a request without the token
and serve one with it; the operator's endpoints stay open; the secret is never logged."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request

import pytest

from service.web.access import COOKIE
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

TOKEN = "s3cret-token-for-the-test"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def status_of(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers)


#: (path, request headers, status): the worker's answers, in the order they are asked.
ANSWERS = [
    *[
        answer
        for path in ("/", "/static/app.js", "/api/counters", "/api/alerts", "/api/stories")
        for answer in (
            (path, {}, 401),
            (path, {"Authorization": "Bearer wrong"}, 401),
            (path, {"Cookie": f"{COOKIE}=wrong"}, 401),
            (path, {"Authorization": f"Bearer {TOKEN}"}, 200),
            (path, {"Cookie": f"{COOKIE}={TOKEN}"}, 200),
        )
    ],
    ("/?token=wrong", {}, 401),
    ("/metrics", {}, 200),
    ("/healthz", {}, 200),
    ("/readyz", {}, 200),
]


async def test_the_page_and_its_api_need_the_token_and_operator_endpoints_do_not(
    stack: Stack,
) -> None:
    await stack.launch(STORYWATCH_WEB_TOKEN=TOKEN)
    await stack.wait_until_ready()
    answered = [
        (path, headers, status_of(stack.web + path, headers)[0]) for path, headers, _ in ANSWERS
    ]
    assert answered == ANSWERS

    # A browser opens /?token=... once: the token leaves the address for an HttpOnly cookie.
    status, headers = status_of(f"{stack.web}/?token={TOKEN}")
    assert (status, headers["Location"]) == (303, "/")
    assert f"{COOKIE}={TOKEN}" in headers["Set-Cookie"]
    assert "HttpOnly" in headers["Set-Cookie"]

    # An oversized request is refused before any handler runs.
    connection = http.client.HTTPConnection(stack.settings.web_host, stack.settings.web_port)
    try:
        connection.request("GET", "/api/counters", headers={"X-Padding": "x" * 65_536})
        assert connection.getresponse().status in (400, 431)
    finally:
        connection.close()

    assert stack.worker is not None
    assert TOKEN not in stack.worker.log_path.read_text(errors="replace")
