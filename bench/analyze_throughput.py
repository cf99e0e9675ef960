"""Articles per second for the analysis stage on one core, batched as the worker batches.

The articles are the hand-labelled test articles plus the seed article. Each round analyses all
of them in batches of STORYWATCH_BATCH_SIZE through one `nlp.pipe` call per batch, as the
analysis agent does; for contrast it also times one `nlp()` call per article. The process is
pinned to one CPU and numeric libraries to one thread before spaCy is imported.

    python bench/analyze_throughput.py [ROUNDS]
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.ingest import parse_timestamp  # noqa: E402
from service.nlp.analysis import analyse_articles, analysis_of  # noqa: E402
from service.nlp.pipeline import build_pipeline  # noqa: E402
from service.schemas import Article  # noqa: E402
from service.settings import current_settings  # noqa: E402
from tests.unit.nlp.extraction_cases import ARTICLES  # noqa: E402


def test_articles() -> list[Article]:
    articles = [
        Article(
            id=labelled.id,
            published_at=parse_timestamp(labelled.published_at),
            text=" ".join(sentence.text for sentence in labelled.sentences),
        )
        for labelled in ARTICLES
    ]
    seed = json.loads((REPO / "seeds" / "000_gaza_ceasefire_talks.jsonl").read_text())
    articles.append(
        Article(
            id=seed["id"], published_at=parse_timestamp(seed["published_at"]), text=seed["text"]
        )
    )
    return articles


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    settings = current_settings()
    nlp = build_pipeline(settings.spacy_model)
    articles = test_articles()
    characters = sum(len(article.text) for article in articles)
    analyse_articles(nlp, articles)  # warm up caches and lazy tables
    batched, single = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for at in range(0, len(articles), settings.batch_size):
            analyse_articles(nlp, articles[at : at + settings.batch_size])
        batched.append(time.perf_counter() - started)
        started = time.perf_counter()
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.published_at = article.published_at
            analysis_of(article, nlp(doc), 0.0)
        single.append(time.perf_counter() - started)
    per_second = len(articles) / statistics.median(batched)
    print(
        f"{len(articles)} articles, {characters} characters in all, "
        f"{rounds} rounds, one CPU (pid {os.getpid()}), batch size {settings.batch_size}"
    )
    print(
        f"nlp.pipe batches: median {statistics.median(batched):.3f} s a round = "
        f"{per_second:.1f} articles/s ({per_second * characters / len(articles) / 1000:.1f} "
        "k characters/s)"
    )
    print(
        f"nlp() per article: median {statistics.median(single):.3f} s a round = "
        f"{len(articles) / statistics.median(single):.1f} articles/s; "
        f"batched/single speed ratio {statistics.median(single) / statistics.median(batched):.2f}"
    )


if __name__ == "__main__":
    main()
