"""The broker's state from probe results: a silence starts once and ends with its length."""

from __future__ import annotations

from service.broker_watch import BrokerState


def test_a_silence_starts_at_the_first_failed_probe_and_ends_at_the_first_answer() -> None:
    state = BrokerState()
    assert state.answered(now=1.0) is None  # answering all along: no silence to report
    assert state.failed(now=2.0) is True  # the silence starts: one log line
    assert state.failed(now=4.0) is False  # still silent: nothing more
    assert state.reachable is False
    assert state.answered(now=9.5) == 7.5
    assert state.reachable is True
    assert state.failed(now=12.0) is True  # a new silence is reported again
