"""The cached attribute ruler against the model's own, on one corpus: time and exactness.

    python bench/speed/attribute_rules.py CORPUS.jsonl [COUNT]

Tags and parses the texts once (attribute rules, lemmatizer and NER off), then applies the
model's `AttributeRuler` to one copy of each Doc and storywatch's `CachedAttributeRuler`
(`service/nlp/attribute_rules.py`) to another, twice: the first pass starts with no token kind
remembered, the second with the first pass's. Prints seconds per pass, the token kinds
remembered, and how many Docs differ in any of TAG, POS, MORPH, LEMMA, DEP or HEAD (the cached
ruler is meant to give exactly the model's: 0).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from bench.speed.corpus import corpus_articles  # noqa: E402
from service.nlp.attribute_rules import CachedAttributeRuler  # noqa: E402
from service.nlp.model import load_pipeline  # noqa: E402

ASSIGNED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def timed(apply: Callable[[Doc], Doc], docs: list[Doc]) -> tuple[float, list[Doc]]:
    copies = [doc.copy() for doc in docs]
    started = time.perf_counter()
    done = [apply(doc) for doc in copies]
    return time.perf_counter() - started, done


def main() -> None:
    articles = corpus_articles(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
    nlp = load_pipeline("en_core_web_sm")
    texts = [article["text"] for article in articles]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(texts, batch_size=32))
    stock = nlp.get_pipe("attribute_ruler")
    cached = CachedAttributeRuler(nlp.vocab)
    cached.add_patterns(stock.patterns)
    stock_s, expected = timed(stock, docs)
    first_s, first = timed(cached, docs)
    warm_s, warm = timed(cached, docs)
    differing = sum(
        int((want.to_array(ASSIGNED) != got.to_array(ASSIGNED)).any())
        for want, a, b in zip(expected, first, warm, strict=True)
        for got in (a, b)
    )
    kinds = len(cached._cached.kinds) if cached._cached is not None else 0
    print(
        json.dumps(
            {
                "articles": len(docs),
                "tokens": sum(len(doc) for doc in docs),
                "stock_s": round(stock_s, 3),
                "cached_first_pass_s": round(first_s, 3),
                "cached_warm_s": round(warm_s, 3),
                "speed_up_first_pass": round(stock_s / first_s, 2),
                "speed_up_warm": round(stock_s / warm_s, 2),
                "token_kinds": kinds,
                "docs_differing": differing,
            }
        )
    )


if __name__ == "__main__":
    main()
