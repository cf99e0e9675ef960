"""Story assignment's cost per report as the number of active stories grows (synthetic cards).

python bench/assignment_scale.py                      # 100, 1,000, 5,000, 20,000 stories
python bench/assignment_scale.py --stories 100 50000 --reports 2000

For each size, that many story cards are built from a Zipf-distributed vocabulary of words
plus names of their own (as real stories have), then `--reports` reports are assigned with
`StoryAssigner.assign`, the step the worker runs: half are follow-ups of a random story (a few
of its words and names, some new words), half are about nothing held. A report that opens a
story has that story dropped again, so the number of active stories stays the size measured.
The store is a dict: the worker's table write (RocksDB and its changelog) is not in these
figures. Figures, not assertions: the ratio to the smallest size shows whether blocking keeps
the cost flat.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.schemas import Analysis, utc_iso  # noqa: E402
from service.settings import current_settings  # noqa: E402
from service.stories.assigning import StoryAssigner, identity_rules  # noqa: E402
from service.stories.identity import StoryCard  # noqa: E402

VOCABULARY = 50_000
WORDS_PER_REPORT = 30
NAMES_PER_STORY = 6
START = datetime(2025, 7, 1, tzinfo=UTC)
BATCH = 100


def zipf_word(rng: random.Random) -> str:
    """A word id drawn with a Zipf-like law (rank r has weight about 1/r)."""
    rank = int(VOCABULARY ** rng.random())
    return f"w:v{rank}"


def story_terms(rng: random.Random, story: int) -> dict[str, float]:
    terms = {zipf_word(rng): 1.0 + rng.random() for _ in range(WORDS_PER_REPORT)}
    terms.update({f"n:S{story}N{n}": 1.5 for n in range(NAMES_PER_STORY)})
    return terms


def build(assigner: StoryAssigner, stories: int, rng: random.Random) -> None:
    """`stories` cards, each seen from 1 to 6 reports, all within the last day."""
    for story in range(stories):
        seen = utc_iso(START - timedelta(minutes=rng.randrange(24 * 60)))
        card = StoryCard(f"story-{story:08d}", seen, seen)
        for _ in range(rng.randint(1, 6)):
            card.add(story_terms(rng, story), seen)
        assigner.cards[card.story_id] = card.to_json()
    assigner.reload()


def report(rng: random.Random, number: int, stories: int) -> Analysis:
    if number % 2:
        story = rng.randrange(stories)
        terms = dict(rng.sample(sorted(story_terms(rng, story).items()), 12))
        terms.update({zipf_word(rng): 1.0 for _ in range(10)})
    else:
        terms = story_terms(rng, stories + number)
    return Analysis(
        article_id=f"report-{number}",
        published_at=START + timedelta(seconds=number),
        lead="",
        terms=terms,
    )


def measure(stories: int, reports: int, seed: int) -> tuple[float, float, int]:
    """Median seconds per report over batches, reports per second, candidates scored (mean)."""
    rng = random.Random(seed)
    settings = current_settings()
    assigner = StoryAssigner({}, {}, identity_rules(settings), sweep_days=10**6)
    build(assigner, stories, rng)
    analyses = [report(rng, number, stories) for number in range(reports)]
    per_report: list[float] = []
    candidates = 0
    for at in range(0, reports, BATCH):
        started = time.perf_counter()
        for analysis in analyses[at : at + BATCH]:
            joined = assigner.assign(analysis)
            if joined.new:
                assigner.index.remove(joined.card.story_id)
                del assigner.cards[joined.card.story_id]
        per_report.append((time.perf_counter() - started) / BATCH)
    for analysis in analyses[:BATCH]:
        probe = assigner.index.probe(analysis.terms)
        candidates += len(assigner.index.candidates(probe.weighted))
    median = statistics.median(per_report)
    return median, 1 / median, candidates // BATCH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[100, 1_000, 5_000, 20_000])
    parser.add_argument("--reports", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    print(f"{arguments.reports} reports per size, batches of {BATCH}, seed {arguments.seed}")
    header = ("stories", "µs/report", "reports/s", "candidates", "× smallest")
    print(" ".join(f"{name:>{8 if at == 0 else 10}}" for at, name in enumerate(header)))
    smallest: float | None = None
    for stories in arguments.stories:
        median, rate, candidates = measure(stories, arguments.reports, arguments.seed)
        smallest = smallest or median
        print(
            f"{stories:>8} {median * 1e6:>10.0f} {rate:>10.0f} {candidates:>10} "
            f"{median / smallest:>10.2f}"
        )


if __name__ == "__main__":
    main()
