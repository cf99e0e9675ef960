"""Readiness: every condition must hold; the body says which do not yet."""

from __future__ import annotations

import pytest

from service.health import Readiness


@pytest.mark.parametrize(
    ("joined", "recovered", "loaded", "ready"),
    [
        (True, True, True, True),
        (False, True, True, False),
        (True, False, True, False),
        (True, True, False, False),
        (False, False, False, False),
    ],
)
def test_ready_only_when_joined_recovered_and_loaded(
    joined: bool, recovered: bool, loaded: bool, ready: bool
) -> None:
    readiness = Readiness(group_joined=joined, tables_recovered=recovered, model_loaded=loaded)
    assert readiness.ready is ready
    body = readiness.as_json()
    assert body["status"] == ("ready" if ready else "starting")
    assert body["checks"] == {
        "group_joined": joined,
        "tables_recovered": recovered,
        "model_loaded": loaded,
    }
