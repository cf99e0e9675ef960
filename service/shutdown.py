"""How a worker stops: at once on SIGTERM or Ctrl-C, committing only what it has finished.

Faust's worker, when it stops, waits for every message it has started on to be acknowledged
(`stream_wait_empty`). The desk holds reports in its reorder window, unacknowledged, until
every input partition has reported a later one, and once the worker stops fetching nothing
later ever comes: the wait would never end. So a stopping worker does not wait. It commits
what is acknowledged (every report the desk has taken, with its alerts sent) and leaves the
group; what it held is not committed, and whoever owns the partitions next reads it again and
takes it to the desk in event-time order, as an uninterrupted run would have. An article whose
analysis was under way is analysed again too, and counts as a duplicate of itself.

A rebalance still waits, as Faust does by default: the worker keeps running, and its timer
releases what the window holds once the input goes quiet.
"""

from __future__ import annotations

import faust


class StoryWorker(faust.Worker):
    """`faust.Worker`, which stops without waiting for the reports the desk holds."""

    async def on_stop(self) -> None:
        self.app.conf.stream_wait_empty = False
        await super().on_stop()
