"""Specification of where the analysis runs: in a thread, or in child processes that give
the same analyses and survive a child's death."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime

from spacy.language import Language

from service.nlp.analysis import analyse_articles
from service.nlp.parsing import Analyser
from service.schemas import Analysis, Article
from service.settings import Settings

MODEL = Settings.model_fields["spacy_model"].default
TEXTS = [
    "The foreign ministers of Korvath and Elbonia will meet in Halden on Monday.",
    "Workers at the National Rail Company went on strike on Friday, the union said.",
    "\u201cWe will not accept this deal,\u201d Anna Halvorsen told reporters in Velmora.",
]


def articles() -> list[Article]:
    published = datetime(2026, 1, 5, 9, tzinfo=UTC)
    return [
        Article(id=f"p-{n}", published_at=published, title="Talks", text=text)
        for n, text in enumerate(TEXTS)
    ]


def comparable(analysis: Analysis) -> dict:
    fields = analysis.asdict()
    fields.pop("received_at")
    return fields


async def test_child_processes_give_the_analyses_of_a_thread(nlp: Language) -> None:
    expected = [comparable(a) for a in analyse_articles(nlp, articles())]
    analyser = Analyser(MODEL, processes=2)
    try:
        await analyser.start()
        got = await analyser.analyse(articles())
    finally:
        analyser.stop()
    assert [comparable(a) for a in got if isinstance(a, Analysis)] == expected


async def test_a_killed_parse_process_costs_no_article() -> None:
    analyser = Analyser(MODEL, processes=1)
    try:
        await analyser.start()
        killed = analyser._pool
        assert killed is not None
        for pid in list(killed._processes):  # the children of the pool
            os.kill(pid, signal.SIGKILL)
        got = await analyser.analyse(articles())
        assert analyser._pool is not killed, "the pool was not started again"
    finally:
        analyser.stop()
    assert [a.article_id for a in got if isinstance(a, Analysis)] == ["p-0", "p-1", "p-2"]
