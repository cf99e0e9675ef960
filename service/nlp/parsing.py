"""Where the analysis runs: a thread of the worker, or processes of its own.

spaCy holds the GIL while it parses, so in a thread it shares one core with everything else
the worker does (fetching, the story desk, publishing). With `STORYWATCH_PARSE_PROCESSES` at
1 or more, batches go to that many child processes, each with its own pipeline, and the
worker's event loop keeps a core to itself. Both ways call the same function,
`analyse_or_reject`.

A child that dies (killed, out of memory) breaks its pool: the pool is started again, the
batch is tried again one article at a time, and an article that breaks a fresh pool on its
own is rejected as `analysis_failed`, so the stream flows on.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from service.ingest import Rejection
from service.nlp.analysis import analyse_or_reject
from service.nlp.pipeline import build_pipeline
from service.schemas import Analysis, Article

log = logging.getLogger(__name__)

Result = Analysis | Rejection

#: The pipeline of a parse process, built once when the process starts.
_CHILD_PIPELINE: list[Language] = []


def _start_child(model: str, triage: bool) -> None:
    _CHILD_PIPELINE[:] = [build_pipeline(model, triage)]


def _child_ready() -> str:
    return str(_CHILD_PIPELINE[0].meta.get("name", "?"))


def _child_analyse(articles: Sequence[Article]) -> list[Result]:
    return analyse_or_reject(_CHILD_PIPELINE[0], articles)


class Analyser:
    """Analyses batches in a worker thread (`processes == 0`) or in child processes."""

    def __init__(self, model: str, processes: int, triage: bool = False) -> None:
        self.model = model
        self.processes = processes
        self.triage = triage
        self._nlp: Language | None = None
        self._pool: ProcessPoolExecutor | None = None

    async def start(self) -> str:
        """Load the pipeline (in each child, when there are children); returns its name."""
        if self.processes == 0:
            self._nlp = await asyncio.to_thread(build_pipeline, self.model, self.triage)
            return str(self._nlp.meta.get("name", self.model))
        self._pool = self._new_pool()
        loop = asyncio.get_running_loop()
        names = await asyncio.gather(
            *(loop.run_in_executor(self._pool, _child_ready) for _ in range(self.processes))
        )
        return names[0]

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: a child starts clean, without the parent's event loop, sockets or threads.
        return ProcessPoolExecutor(
            self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_child,
            initargs=(self.model, self.triage),
        )

    async def analyse(self, articles: Sequence[Article]) -> list[Result]:
        """One result per article, in order: its Analysis, or the Rejection saying why not."""
        if self._nlp is not None:
            return await asyncio.to_thread(analyse_or_reject, self._nlp, articles)
        try:
            return await self._in_pool(articles)
        except BrokenProcessPool:
            log.error("a parse process died; starting the pool again, one article at a time")
            self._restart_pool()
        results: list[Result] = []
        for article in articles:
            try:
                results += await self._in_pool([article])
            except BrokenProcessPool:
                self._restart_pool()
                results.append(Rejection("analysis_failed", "the parse process died on it"))
        return results

    async def _in_pool(self, articles: Sequence[Article]) -> list[Result]:
        """The batch cut into one slice per process, parsed side by side, results in order."""
        assert self._pool is not None, "Analyser.start() was not awaited"
        loop = asyncio.get_running_loop()
        size = -(-len(articles) // self.processes)
        slices = [list(articles[start : start + size]) for start in range(0, len(articles), size)]
        parsed = await asyncio.gather(
            *(loop.run_in_executor(self._pool, _child_analyse, part) for part in slices)
        )
        return [result for part in parsed for result in part]

    def _restart_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
