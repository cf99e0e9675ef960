"""What `GET /healthz` and `GET /readyz` answer.

Alive: the event loop answers a request. Ready: the worker has joined its consumer group (a
rebalance has completed and none is under way), its tables are recovered from their
changelogs, and the spaCy pipeline is loaded, so an article that arrives now is processed.
A rebalance makes a ready worker not ready until it ends.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import faust


@dataclass
class Startup:
    """What the agents report of their own start, for readiness."""

    model_loaded: bool = False


#: Set by the analysis agent once its spaCy pipeline is loaded.
STARTUP = Startup()


@dataclass(frozen=True)
class Readiness:
    """Each condition of readiness, and whether all hold."""

    group_joined: bool
    tables_recovered: bool
    model_loaded: bool

    @property
    def ready(self) -> bool:
        return self.group_joined and self.tables_recovered and self.model_loaded

    def as_json(self) -> dict[str, Any]:
        return {"status": "ready" if self.ready else "starting", "checks": asdict(self)}


def readiness_of(app: faust.App, startup: Startup) -> Readiness:
    """The worker's readiness now, read from Faust's own state."""
    recovery = app.tables.recovery  # type: ignore[attr-defined]  # on TableManager, not its type
    return Readiness(
        group_joined=app.rebalancing_count > 0 and not app.rebalancing,
        tables_recovered=recovery.completed.is_set() and not app.in_recovery,
        model_loaded=startup.model_loaded,
    )
