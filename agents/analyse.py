"""Agent: articles → decode and validate → batch analysis → analyses topic, to the desk."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from service.app import DESK_KEY, analyses_topic, app, articles_topic, dlq_topic, settings
from service.health import STARTUP
from service.ingest import Rejection, SourceMessage, dead_letter, decode_article
from service.metrics import ARTICLES, DEAD_LETTERS, STAGE_SECONDS, count_events
from service.nlp.parsing import Analyser

log = logging.getLogger(__name__)


@app.agent(articles_topic)
async def analyse(stream: Any) -> None:
    """Each valid article's Analysis goes on; anything else goes to the DLQ, counted."""
    analyser = Analyser(settings.spacy_model, settings.parse_processes, settings.triage)
    name = await analyser.start()
    STARTUP.model_loaded = True
    where = (
        f"{settings.parse_processes} parse processes" if settings.parse_processes else "a thread"
    )
    triage = "triaged sentences" if settings.triage else "every sentence"
    log.info("spaCy pipeline %s loaded; parsing %s in %s", name, triage, where)
    try:
        async for events in stream.take_events(settings.batch_size, within=settings.batch_window_s):
            await analyse_batch(analyser, events)
    finally:
        analyser.stop()


async def analyse_batch(analyser: Analyser, events: list[Any]) -> None:
    """Dead-letter what does not decode, analyse the rest, and send every result; deliveries
    are awaited together, and all of them before the batch counts as done."""
    valid = []
    deliveries = []
    for event in events:
        with STAGE_SECONDS.labels("decode").time():
            decoded = decode_article(event.value)
        if isinstance(decoded, Rejection):
            deliveries.append(await reject(event.message, decoded))
        else:
            valid.append((event, decoded))
    if valid:
        with STAGE_SECONDS.labels("analyse").time():
            results = await analyser.analyse([article for _, article in valid])
        for (event, _), result in zip(valid, results, strict=True):
            if isinstance(result, Rejection):
                deliveries.append(await reject(event.message, result))
            else:
                count_events(result)
                result.source_partition = event.message.partition
                result.source_offset = event.message.offset
                deliveries.append(await analyses_topic.send(key=DESK_KEY, value=result))
    await asyncio.gather(*deliveries)


async def reject(message: SourceMessage, rejection: Rejection) -> Any:
    """Send the message's original bytes to the dead-letter topic, with why, and count it;
    returns the delivery to await."""
    letter = dead_letter(message, rejection)
    delivery = await dlq_topic.send(key=letter.key, value=letter.value, headers=letter.headers)
    ARTICLES.labels("invalid").inc()
    DEAD_LETTERS.labels(rejection.kind).inc()
    log.warning(
        "dead-lettered %s partition %d offset %d: %s (%s)",
        message.topic,
        message.partition,
        message.offset,
        rejection.kind,
        rejection.detail,
    )
    return delivery
