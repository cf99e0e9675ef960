"""Agent: articles → decode and validate → batch analysis → analyses topic, keyed by story."""

from __future__ import annotations

import asyncio
from typing import Any

from service.app import analyses_topic, app, articles_topic, dlq_topic, settings
from service.ingest import Rejection, dead_letter, decode_article
from service.metrics import ARTICLES, DEAD_LETTERS, STAGE_SECONDS
from service.nlp.analysis import analyse_articles
from service.nlp.model import load_pipeline


@app.agent(articles_topic)
async def analyse(stream: Any) -> None:
    """Each valid article's Analysis goes on; each invalid message goes to the DLQ, counted."""
    nlp = await asyncio.to_thread(load_pipeline, settings.spacy_model)
    async for events in stream.take_events(settings.batch_size, within=settings.batch_window_s):
        articles = []
        for event in events:
            with STAGE_SECONDS.labels("decode").time():
                decoded = decode_article(event.value)
            if isinstance(decoded, Rejection):
                letter = dead_letter(event.message, decoded)
                await (
                    await dlq_topic.send(key=letter.key, value=letter.value, headers=letter.headers)
                )
                ARTICLES.labels("invalid").inc()
                DEAD_LETTERS.labels(decoded.kind).inc()
            else:
                articles.append(decoded)
        if articles:
            # spaCy holds the CPU; a thread keeps the event loop (heartbeats, web) answering.
            with STAGE_SECONDS.labels("analyse").time():
                analyses = await asyncio.to_thread(analyse_articles, nlp, articles)
            for analysis in analyses:
                await (await analyses_topic.send(key=analysis.story_id, value=analysis))
