"""Readiness: every condition must hold; the body says which do not yet."""

from __future__ import annotations

import pytest

from service.health import Readiness


@pytest.mark.parametrize(
    ("joined", "recovered", "loaded", "broker", "status"),
    [
        (True, True, True, True, "ready"),
        (False, True, True, True, "starting"),
        (True, False, True, True, "starting"),
        (True, True, False, True, "starting"),
        (False, False, False, False, "starting"),
        (True, True, True, False, "degraded"),
    ],
)
def test_ready_only_when_joined_recovered_loaded_and_the_broker_answers(
    joined: bool, recovered: bool, loaded: bool, broker: bool, status: str
) -> None:
    readiness = Readiness(
        group_joined=joined,
        tables_recovered=recovered,
        model_loaded=loaded,
        broker_reachable=broker,
    )
    assert readiness.ready is (status == "ready")
    body = readiness.as_json()
    assert body["status"] == status
    assert body["checks"] == {
        "group_joined": joined,
        "tables_recovered": recovered,
        "model_loaded": loaded,
        "broker_reachable": broker,
    }
