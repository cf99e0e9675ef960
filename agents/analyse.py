"""Agent: articles → decode and validate → batch analysis → analyses topic, to the desk."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from service.app import DESK_KEY, analyses_topic, app, articles_topic, dlq_topic, settings
from service.health import STARTUP
from service.ingest import Rejection, dead_letter, decode_article
from service.metrics import ARTICLES, DEAD_LETTERS, STAGE_SECONDS, count_events
from service.nlp.analysis import analyse_or_reject
from service.nlp.pipeline import build_pipeline

log = logging.getLogger(__name__)


@app.agent(articles_topic)
async def analyse(stream: Any) -> None:
    """Each valid article's Analysis goes on; anything else goes to the DLQ, counted."""
    nlp = await asyncio.to_thread(build_pipeline, settings.spacy_model)
    STARTUP.model_loaded = True
    log.info("spaCy pipeline %s loaded", nlp.meta.get("name", settings.spacy_model))
    async for events in stream.take_events(settings.batch_size, within=settings.batch_window_s):
        valid = []
        for event in events:
            with STAGE_SECONDS.labels("decode").time():
                decoded = decode_article(event.value)
            if isinstance(decoded, Rejection):
                await reject(event, decoded)
            else:
                valid.append((event, decoded))
        if not valid:
            continue
        # spaCy holds the CPU; a thread keeps the event loop (heartbeats, web) answering.
        with STAGE_SECONDS.labels("analyse").time():
            results = await asyncio.to_thread(analyse_or_reject, nlp, [a for _, a in valid])
        for (event, _), result in zip(valid, results, strict=True):
            if isinstance(result, Rejection):
                await reject(event, result)
            else:
                count_events(result)
                result.source_partition = event.message.partition
                await (await analyses_topic.send(key=DESK_KEY, value=result))


async def reject(event: Any, rejection: Rejection) -> None:
    """Send the message's original bytes to the dead-letter topic, with why, and count it."""
    letter = dead_letter(event.message, rejection)
    await (await dlq_topic.send(key=letter.key, value=letter.value, headers=letter.headers))
    ARTICLES.labels("invalid").inc()
    DEAD_LETTERS.labels(rejection.kind).inc()
    log.warning(
        "dead-lettered %s partition %d offset %d: %s (%s)",
        event.message.topic,
        event.message.partition,
        event.message.offset,
        rejection.kind,
        rejection.detail,
    )
