"""Speed, side by side: the parser's limit, the peers and storywatch on one corpus, one broker.

    python bench/speed/contenders.py CORPUS.jsonl [--count N] [--runs 3] [--only NAME ...]

Contenders (bench/README.md says why each):
  limit       spaCy's `nlp.pipe`, full en_core_web_sm, one process, no broker (limit.py)
  limit-b32   the same in batches of 32, as storywatch batches
  quix        a Quix Streams application, `nlp(text)` per message (peers.py)
  faust       a minimal Faust agent, `nlp(text)` per message (peers.py)
  storywatch  `storywatch worker`, one process, every alert read back
  storywatch2 two `storywatch worker` processes sharing the partitions
  storywatch-p2  one worker that parses in two child processes (STORYWATCH_PARSE_PROCESSES=2)
  storywatch-t   one worker, parse in a thread, with triage (STORYWATCH_TRIAGE=1)
  storywatch-p2t one worker, two parse processes, with triage

Every broker contender gets fresh topics of the same partition count on one embedded broker.
Start-up is reported apart: from spawning the process until one warm-up article has gone
through. The timed part runs from the first produce of the corpus to the last article done
(for a peer: its last output message read back; for storywatch: every article and every
analysis committed by the worker group). Contenders take turns, round by round, so a noisy
minute of the machine does not fall on one of them. Prints medians and their ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.speed.broker_runs import RunFigures, peer_run, storywatch_run  # noqa: E402
from bench.speed.corpus import corpus_articles  # noqa: E402
from service.broker import EmbeddedBroker  # noqa: E402

#: Name: the storywatch workers, parse processes and triage of each storywatch contender.
STORYWATCH = {
    "storywatch": (1, 0, False),
    "storywatch2": (2, 0, False),
    "storywatch-p2": (1, 2, False),
    "storywatch-t": (1, 0, True),
    "storywatch-p2t": (1, 2, True),
}
CONTENDERS = ("limit", "limit-b32", "quix", "faust", *STORYWATCH)


@dataclass
class Outcome:
    """One contender's one run."""

    articles: int
    seconds: float
    startup_s: float
    peak_rss: list[int]
    alerts: int | None = None
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


@dataclass
class Tally:
    """Every run of one contender."""

    name: str
    runs: list[Outcome] = field(default_factory=list)

    def median(self, value: Callable[[Outcome], float]) -> float:
        return statistics.median(value(run) for run in self.runs)


def limit_run(corpus: Path, count: int, batch_size: int | None = None) -> Outcome:
    batch = [] if batch_size is None else [str(batch_size)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench/speed/limit.py"), str(corpus), str(count), *batch],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Outcome(
        figures["articles"], figures["seconds"], figures["startup_s"], [figures["peak_rss"]]
    )


def token_count(articles: list[dict[str, Any]]) -> int:
    """Tokens in the texts, by spaCy's English tokenizer (the models' own rules)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return sum(len(tokenizer(article["text"])) for article in articles)


async def one_round(
    names: list[str],
    corpus: Path,
    articles: list[dict[str, Any]],
    broker: EmbeddedBroker,
    scratch: Path,
) -> dict[str, Outcome]:
    outcomes = {}
    for name in names:
        folder = scratch / f"{name}-{uuid.uuid4().hex[:6]}"
        folder.mkdir()
        run: Coroutine[Any, Any, RunFigures]
        if name.startswith("limit"):
            batch_size = 32 if name == "limit-b32" else None
            outcomes[name] = await asyncio.to_thread(limit_run, corpus, len(articles), batch_size)
            continue
        if name in ("quix", "faust"):
            run = peer_run(name, broker, articles, folder)
        else:
            workers, processes, triage = STORYWATCH[name]
            run = storywatch_run(broker, articles, folder, workers, processes, triage)
        done, seconds, startup_s, peaks, alerts, stages = await run
        outcomes[name] = Outcome(done, seconds, startup_s, peaks, alerts, stages)
        busy = ", ".join(f"{stage} {total:.1f}" for stage, total in stages.items() if total)
        read_back = f"; {alerts} alerts read back" if alerts is not None else ""
        rate = f"{done / seconds:.2f} articles/s in {seconds:.1f} s"
        print(f"  {name}: {rate}{read_back}", flush=True)
        if busy:
            print(f"    stage seconds (all workers, warm-up included): {busy}", flush=True)
    return outcomes


def print_table(tallies: dict[str, Tally], tokens: int, count: int) -> None:
    print(
        f"\n{'contender':<14} {'articles/s':>10} {'tokens/s':>9} {'peak RSS MiB':>13} "
        f"{'start-up s':>10}  runs (articles/s)"
    )
    for tally in tallies.values():
        rate = tally.median(lambda run: run.rate)
        peak = tally.median(lambda run: max(run.peak_rss)) / 2**20
        startup = tally.median(lambda run: run.startup_s)
        runs = " ".join(f"{run.rate:.2f}" for run in tally.runs)
        print(
            f"{tally.name:<14} {rate:>10.2f} {rate * tokens / count:>9.0f} {peak:>13.0f} "
            f"{startup:>10.1f}  {runs}"
        )
    alerts = {run.alerts for t in tallies.values() for run in t.runs if run.alerts is not None}
    if alerts:
        print(f"alerts read back per storywatch run: {sorted(alerts)}")
    rates = {name: tally.median(lambda run: run.rate) for name, tally in tallies.items()}
    print("\nratios of medians:")
    for top, bottom in (
        ("storywatch", "limit"),
        ("storywatch", "limit-b32"),
        ("storywatch", "quix"),
        ("storywatch", "faust"),
        ("storywatch2", "storywatch"),
        ("storywatch2", "limit"),
        ("storywatch-p2", "storywatch"),
        ("storywatch-p2", "limit"),
        ("storywatch-p2", "quix"),
        ("storywatch-p2", "faust"),
        ("storywatch-t", "storywatch"),
        ("storywatch-t", "limit"),
        ("storywatch-t", "limit-b32"),
        ("storywatch-p2t", "limit"),
        ("storywatch-p2t", "limit-b32"),
        ("storywatch-p2t", "quix"),
        ("storywatch-p2t", "faust"),
    ):
        if top in rates and bottom in rates:
            print(f"  {top} / {bottom}: {rates[top] / rates[bottom]:.2f}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--count", type=int, default=None, help="first N articles (all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    args = parser.parse_args()
    articles = corpus_articles(args.corpus, args.count)
    words = statistics.median(len(article["text"].split()) for article in articles)
    tokens = token_count(articles)
    print(
        f"corpus {args.corpus.name}: {len(articles)} articles, median {words:.0f} words, "
        f"{tokens} tokens; {args.runs} runs each; {os.cpu_count()} CPUs",
        flush=True,
    )
    tallies = {name: Tally(name) for name in args.only}
    with (
        tempfile.TemporaryDirectory(prefix="storywatch-speed-") as scratch,
        EmbeddedBroker(log_path=Path(scratch) / "broker.log") as broker,
    ):
        for number in range(1, args.runs + 1):
            print(f"round {number}", flush=True)
            started = time.monotonic()
            outcomes = await one_round(args.only, args.corpus, articles, broker, Path(scratch))
            for name, outcome in outcomes.items():
                tallies[name].runs.append(outcome)
            print(f"  round took {time.monotonic() - started:.0f} s", flush=True)
    print_table(tallies, tokens, len(articles))


if __name__ == "__main__":
    asyncio.run(main())
