"""Contender (a), the limit: spaCy's own `nlp.pipe` over the corpus texts, one process.

    python bench/speed/limit.py CORPUS.jsonl [COUNT [BATCH_SIZE]]

The full en_core_web_sm (every component on), no broker, spaCy's own batch size unless one is
given (storywatch batches 32). Prints one JSON line: seconds for the
pipe (model load apart), articles, and this process's peak RSS in bytes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.speed.corpus import corpus_texts, peak_rss_bytes  # noqa: E402
from service.nlp.model import load_pipeline  # noqa: E402


def main() -> None:
    texts = corpus_texts(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
    batch_size = int(sys.argv[3]) if len(sys.argv) > 3 else None
    started = time.monotonic()
    nlp = load_pipeline("en_core_web_sm")
    loaded = time.monotonic()
    done = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    finished = time.monotonic()
    print(
        json.dumps(
            {
                "articles": done,
                "seconds": finished - loaded,
                "startup_s": loaded - started,
                "peak_rss": peak_rss_bytes(),
            }
        )
    )


if __name__ == "__main__":
    main()
