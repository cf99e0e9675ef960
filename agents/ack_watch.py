"""Task: an input partition whose commit is stuck at offsets nobody acknowledged is read again."""

from __future__ import annotations

import logging
import time
from typing import cast

from service.ack_gaps import AckBook, GapWatch
from service.app import app, settings

#: How often the acknowledgements are looked at, and how long a gap may stand: far longer than
#: a batch takes, so a message being analysed is never taken for a lost one.
CHECK_EVERY_S = 10.0
STUCK_S = 30.0
WATCH = GapWatch(settings.articles_topic, STUCK_S)
log = logging.getLogger(__name__)


@app.timer(interval=CHECK_EVERY_S)
async def read_skipped_articles_again() -> None:
    """Seek back to the committed offset of a partition stuck at a gap (service.ack_gaps)."""
    consumer = cast(AckBook, app.consumer)  # Faust's ConsumerT does not declare them
    for tp, (committed, first) in WATCH.stuck_gaps(consumer, time.monotonic()).items():
        log.warning(
            "%s partition %d: offsets %d to %d were read past and never acknowledged, so "
            "nothing could be committed; reading again from %d",
            tp.topic,
            tp.partition,
            committed,
            first - 1,
            committed,
        )
        await app.consumer.seek(tp, committed)
