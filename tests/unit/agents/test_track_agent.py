"""The tracking agent in Faust's test_context: it reads the table, publishes, writes back.

The broker-free part only; tests/e2e runs the same agent through the real broker.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

import pytest

import agents  # noqa: F401  (registers the agents)
from agents.track import track_stories
from service.app import app, stories_table
from tests.unit.analyses import make_analysis


@pytest.fixture()
def sent_alerts() -> Iterator[list[dict[str, Any]]]:
    """Alerts the agent sends, captured instead of produced."""
    captured: list[dict[str, Any]] = []

    async def send(*, key: bytes, value: bytes) -> asyncio.Future[None]:
        captured.append(json.loads(value))
        delivered: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        delivered.set_result(None)
        return delivered

    app.finalize()
    app.flow_control.resume()
    with patch("agents.track.alerts_topic.send", side_effect=send):
        yield captured
    stories_table.data.clear()


async def test_first_article_alerts_once_and_a_redelivery_alerts_nothing(
    sent_alerts: list[dict[str, Any]],
) -> None:
    analysis = make_analysis()
    async with track_stories.test_context() as agent:
        await agent.put(analysis, key=analysis.story_key)
        await agent.put(analysis, key=analysis.story_key)
    assert [alert["type"] for alert in sent_alerts] == ["storywatch.story.new"]
    stored = stories_table.data[analysis.story_key]
    assert stored["sources"] == 1
    assert stored["alert_ids"] == [sent_alerts[0]["id"]]


async def test_a_second_outlet_counts_as_a_source_without_an_alert(
    sent_alerts: list[dict[str, Any]],
) -> None:
    first, second = make_analysis(), make_analysis(article_id="b-1", text_sha256="text-2")
    async with track_stories.test_context() as agent:
        await agent.put(first, key=first.story_key)
        await agent.put(second, key=second.story_key)
    assert len(sent_alerts) == 1
    assert stories_table.data[first.story_key]["sources"] == 2
