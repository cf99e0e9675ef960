"""The live page in a real browser (Debian's headless Chromium, driven by Playwright) against
a real worker on the embedded broker.

Screenshots go to `test-output/screenshots/` at the repository root (STORYWATCH_TEST_OUTPUT
moves it), one PNG per step, named after the test.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import ConsoleMessage, Page, async_playwright, expect

from tests.e2e.conftest import Stack, read_records

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
SCREENSHOTS = Path(os.environ.get("STORYWATCH_TEST_OUTPUT", ROOT / "test-output")) / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags for a closed network: no background calls home, no first-run work.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HOSTILE_ARTICLE = {
    "id": "hostile-001",
    "published_at": "2025-08-04T09:00:00Z",
    "title": 'Aldoria protest <script>window.__pwned = "title"</script> '
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "source": "Test Wire <b>bold</b>",
    "text": (
        "Thousands of Aldorian workers marched on the parliament in Velm on Monday, "
        'carrying banners that read <script>window.__pwned = "text"</script> and '
        "<img src=x onerror=\"window.__pwned = 'img'\">. "
        "Prime Minister Tarek Odal said the government would hold talks with the unions "
        "on Friday."
    ),
}


class BrowserPage:
    """One page in headless Chromium, with every console error and uncaught exception kept."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.name = name
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    async def open_live(self, stack: Stack) -> Page:
        """The worker's page, once the worker is ready and the page's event stream is live."""
        await stack.wait_until_ready()
        await self.page.goto(f"{stack.web}/")
        await expect(self.page.locator("#connection")).to_have_text("live", timeout=10_000)
        return self.page

    async def screenshot(self, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{step}.png"
        await self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture()
async def browser_page(request: pytest.FixtureRequest) -> AsyncIterator[BrowserPage]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield BrowserPage(page, request.node.name)
        finally:
            await browser.close()


async def test_the_page_loads_with_no_console_errors(
    worker_stack: Stack, browser_page: BrowserPage
) -> None:
    page = await browser_page.open_live(worker_stack)
    await expect(page.locator('#counters [data-counter="alerts"]')).to_have_text("0")
    await browser_page.screenshot("empty-feed")
    await page.goto(f"{worker_stack.web}/#/stories")
    await expect(page.locator("#stories-view")).to_be_visible()
    assert browser_page.errors == []


async def test_an_alert_from_the_broker_appears_on_the_open_page_without_reload(
    worker_stack: Stack, browser_page: BrowserPage, seed_article: dict[str, Any]
) -> None:
    page = await browser_page.open_live(worker_stack)
    await page.evaluate("window.__sameDocument = true")

    await worker_stack.produce_articles([seed_article])
    [record] = await read_records(worker_stack.bootstrap, worker_stack.settings.alerts_topic, 1)
    on_topic = time.monotonic()
    item = page.locator("#feed li.alert").first
    await expect(item).to_be_visible(timeout=5_000)
    shown_after_s = time.monotonic() - on_topic
    await expect(item).to_have_attribute("data-alert-id", json.loads(record.value)["id"])
    await expect(item).to_contain_text("Netanyahu to meet Trump")
    await expect(page.locator('#counters [data-counter="alerts"]')).to_have_text("1")
    assert await page.evaluate("window.__sameDocument") is True  # never reloaded
    assert shown_after_s < 5
    await browser_page.screenshot("alert-arrived")

    # Filtering by another type hides it; by its own type shows it again.
    await page.select_option("#filter-type", "storywatch.statement.new")
    await expect(page.locator("#feed li.alert")).to_have_count(0)
    await page.select_option("#filter-type", "storywatch.story.new")
    await expect(page.locator("#feed li.alert")).to_have_count(1)
    await page.select_option("#filter-severity", "high")
    await expect(page.locator("#feed li.alert")).to_have_count(0)
    await page.select_option("#filter-severity", "info")
    await expect(page.locator("#feed li.alert")).to_have_count(1)

    # The story view: the development, its evidence and the sentiment chart.
    await item.locator("a").first.click()
    await expect(page.locator("#story-view")).to_be_visible()
    await expect(page.locator("#timeline li.development")).to_have_count(1)
    await expect(page.locator("#timeline")).to_contain_text("Netanyahu")
    await expect(page.locator("#sentiment-chart")).to_be_visible()
    await browser_page.screenshot("story-view")
    assert browser_page.errors == []


async def test_markup_in_an_article_is_shown_as_text_and_runs_nothing(
    worker_stack: Stack, browser_page: BrowserPage
) -> None:
    page = await browser_page.open_live(worker_stack)

    await worker_stack.produce_articles([HOSTILE_ARTICLE])
    item = page.locator("#feed li.alert").first
    await expect(item).to_be_visible(timeout=30_000)
    await expect(item).to_contain_text('<script>window.__pwned = "title"</script>')
    await expect(item).to_contain_text("<img src=x onerror=")
    await item.locator("a").first.click()
    await expect(page.locator("#story-view")).to_contain_text("<script>")
    await browser_page.screenshot("markup-as-text")

    assert await page.evaluate("window.__pwned") is None
    assert await page.locator("#feed img, #story-view img, #feed script").count() == 0
    assert browser_page.errors == []
