"""The storywatch_* metrics: bounded labels, every series exported from the start."""

from __future__ import annotations

from prometheus_client import REGISTRY

from service.metrics import CONSUMER_LAG, EVENTS, count_events, set_consumer_lag, totals
from service.schemas import EVENT_TYPES, Event
from tests.unit.analyses import make_analysis


def sample(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


def test_every_event_type_and_alert_type_is_exported_before_the_first_article() -> None:
    for kind in EVENT_TYPES:
        assert sample("storywatch_events_total", type=kind) is not None
    assert sample("storywatch_alerts_total", type="storywatch.sentiment.shift") is not None
    assert sample("storywatch_articles_total", outcome="invalid") is not None


def test_events_are_counted_by_type() -> None:
    before = totals(EVENTS)
    analysis = make_analysis()
    analysis.events = [
        Event(type="MEETING", status="planned", trigger="meet", sentence="s"),
        Event(type="MEETING", status="occurred", trigger="met", sentence="s"),
        Event(type="STATEMENT", status="occurred", trigger="said", sentence="s"),
    ]
    count_events(analysis)
    after = totals(EVENTS)
    assert after["MEETING"] - before["MEETING"] == 2
    assert after["STATEMENT"] - before["STATEMENT"] == 1
    assert after["CEASEFIRE"] == before["CEASEFIRE"]


def test_consumer_lag_shows_only_the_partitions_last_measured() -> None:
    set_consumer_lag({("articles", 0): 5, ("articles", 1): 0})
    assert sample("storywatch_consumer_lag", topic="articles", partition="0") == 5
    set_consumer_lag({("articles", 1): 2})  # partition 0 went to another worker
    assert sample("storywatch_consumer_lag", topic="articles", partition="0") is None
    assert sample("storywatch_consumer_lag", topic="articles", partition="1") == 2
    CONSUMER_LAG.clear()
