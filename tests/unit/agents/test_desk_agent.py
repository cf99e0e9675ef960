"""The desk agent in Faust's test_context: it holds reports in event-time order, then reads
the tables, publishes and writes back.

The broker-free part only; tests/e2e runs the same agent through the real broker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

import pytest

import agents
from agents.desk import ACKS, READING, WINDOW, follow_stories, take_released
from service.alert_binding import read_alert
from service.app import app, passed_over_table, stories_table, story_cards_table
from tests.unit.analyses import make_analysis, make_event


@pytest.fixture()
def sent_alerts() -> Iterator[list[dict[str, Any]]]:
    """Alerts the agent sends, captured instead of produced."""
    captured: list[dict[str, Any]] = []

    async def send(
        *, key: bytes, value: bytes, headers: list[tuple[str, bytes]]
    ) -> asyncio.Future[None]:
        alert = read_alert(value, headers)
        assert alert is not None
        captured.append(alert)
        delivered: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        delivered.set_result(None)
        return delivered

    app.finalize()
    app.flow_control.resume()
    with patch("agents.desk.alerts_topic.send", side_effect=send):
        yield captured
    stories_table.data.clear()
    story_cards_table.data.clear()
    passed_over_table.data.clear()
    WINDOW.clear()
    ACKS.__init__()  # type: ignore[misc]
    agents.desk.DESK.reload()


async def put_all(*analyses: Any) -> None:
    """Put the reports through the agent, then release what the window still holds."""
    async with follow_stories.test_context() as agent:
        for analysis in analyses:
            await agent.put(analysis, key="desk")
        await take_released(READING[0], WINDOW.flush())


async def test_first_article_alerts_once_and_a_redelivery_alerts_nothing(
    sent_alerts: list[dict[str, Any]],
) -> None:
    analysis = make_analysis(events=[make_event()])
    await put_all(analysis, make_analysis(events=[make_event()]))
    assert [alert["type"] for alert in sent_alerts] == ["storywatch.story.new"]
    stored = stories_table.data[sent_alerts[0]["subject"]]
    assert stored["sources"] == 1
    assert stored["alert_ids"] == [sent_alerts[0]["id"]]


async def test_a_second_outlet_counts_as_a_source_without_an_alert(
    sent_alerts: list[dict[str, Any]],
) -> None:
    first = make_analysis(events=[make_event()])
    second = make_analysis(article_id="b-1", text_sha256="text-2", events=[make_event()])
    first.terms = second.terms = {"n:israel": 1.0, "w:talks": 1.0}  # the same story
    await put_all(first, second)
    assert len(sent_alerts) == 1
    assert stories_table.data[sent_alerts[0]["subject"]]["sources"] == 2


async def test_a_page_that_is_not_news_opens_no_story(sent_alerts: list[dict[str, Any]]) -> None:
    await put_all(make_analysis(events=[make_event()], genre="opinion"))
    assert sent_alerts == [] and not stories_table.data
