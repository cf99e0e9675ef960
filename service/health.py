"""What `GET /healthz` and `GET /readyz` answer.

Alive: the event loop answers a request. Ready: the worker has joined its consumer group (a
rebalance has completed and none is under way), its tables are recovered from their
changelogs, the spaCy pipeline is loaded and the broker answers (`service.broker_watch`), so
an article that arrives now is processed. A rebalance, or a broker gone silent, makes a ready
worker not ready until it ends.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import faust

from service.broker_watch import BROKER


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
    broker_reachable: bool

    @property
    def ready(self) -> bool:
        return all(asdict(self).values())

    @property
    def status(self) -> str:
        """ready; starting (not yet joined, recovered or loaded); or degraded (started, but
        the broker is silent)."""
        if self.ready:
            return "ready"
        started = self.group_joined and self.tables_recovered and self.model_loaded
        return "degraded" if started else "starting"

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "checks": asdict(self)}


def readiness_of(app: faust.App, startup: Startup) -> Readiness:
    """The worker's readiness now, read from Faust's own state."""
    recovery = app.tables.recovery  # type: ignore[attr-defined]  # on TableManager, not its type
    return Readiness(
        group_joined=app.rebalancing_count > 0 and not app.rebalancing,
        tables_recovered=recovery.completed.is_set() and not app.in_recovery,
        model_loaded=startup.model_loaded,
        broker_reachable=BROKER.reachable,
    )
