"""Precision and recall of event type+status on the hand-labelled articles in tests/.

python bench/extraction_quality.py            # the summary
python bench/extraction_quality.py --misses   # and every sentence that is not exact
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.nlp.pipeline import build_pipeline
from service.settings import current_settings
from tests.unit.nlp.extraction_scoring import score_corpus


def main() -> None:
    score = score_corpus(build_pipeline(current_settings().spacy_model))
    results = score.results
    expected = sum(len(r.sentence.expected) for r in results)
    predicted = sum(len(r.predicted) for r in results)
    print(f"sentences {len(results)}, expected events {expected}, predicted {predicted}")
    print(f"type+status precision {score.precision:.3f}  recall {score.recall:.3f}")
    for check in ("who", "when"):
        agree, total = score.agreement(check)
        print(f"{check} right on matched events: {agree}/{total}")
    exact = sum(r.exact for r in results)
    print(f"sentences exactly right: {exact}/{len(results)}")
    for attribute in ("type", "status"):
        print(f"\n{attribute:12} found predicted expected")
        for key, (found, guessed, wanted) in score.by(attribute).items():
            print(f"{key:12} {found:5} {guessed:9} {wanted:8}")
    if "--misses" in sys.argv:
        for result in results:
            if result.exact:
                continue
            print(f"\n{result.article.id}: {result.sentence.text}")
            for e in result.missed:
                print(f"   MISSED   {e.type} {e.status} who={list(e.who)} when={e.when}")
            for p in result.spurious:
                print(f"   SPURIOUS {p.type} {p.status} who={sorted(p.who)} when={p.when}")
            for e, p in result.matched:
                if not set(e.who) <= p.who or (e.when and e.when != p.when):
                    print(
                        f"   PARTIAL  {e.type} {e.status} who={list(e.who)}/{sorted(p.who)} "
                        f"when={e.when}/{p.when}"
                    )


if __name__ == "__main__":
    main()
