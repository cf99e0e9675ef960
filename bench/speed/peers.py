"""Contender (b), the peers: the stream application a user would write instead, per message
`nlp(text)` with the full en_core_web_sm and one message out per article.

    python bench/speed/peers.py quix|faust BOOTSTRAP IN_TOPIC OUT_TOPIC GROUP STATE_DIR

The model is loaded before the application starts. Each output message is
`{"id", "entities", "tokens"}`. The process runs until it is terminated.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from service.nlp.model import load_pipeline  # noqa: E402


def summary(nlp: Any, article: dict[str, Any]) -> dict[str, Any]:
    doc = nlp(article["text"])
    return {"id": article["id"], "entities": len(doc.ents), "tokens": len(doc)}


def run_quix(bootstrap: str, source: str, sink: str, group: str, state: str) -> None:
    from quixstreams import Application

    nlp = load_pipeline("en_core_web_sm")
    app = Application(
        broker_address=bootstrap,
        consumer_group=group,
        auto_offset_reset="earliest",
        state_dir=state,
    )
    frame = app.dataframe(app.topic(source, value_deserializer="json"))
    frame = frame.apply(lambda article: summary(nlp, article))
    frame.to_topic(app.topic(sink, value_serializer="json"))
    app.run()


def run_faust(bootstrap: str, source: str, sink: str, group: str, state: str) -> None:
    import faust

    nlp = load_pipeline("en_core_web_sm")
    app = faust.App(group, broker=f"kafka://{bootstrap}", web_enabled=False, datadir=state)
    articles = app.topic(source, value_serializer="json")
    summaries = app.topic(sink, value_serializer="json")

    @app.agent(articles)
    async def parse(stream: Any) -> None:
        async for article in stream:
            await summaries.send(key=article["id"], value=summary(nlp, article))

    sys.argv = [sys.argv[0], "worker", "--loglevel", "warn"]
    app.main()


def main() -> None:
    kind, bootstrap, source, sink, group, state = sys.argv[1:7]
    {"quix": run_quix, "faust": run_faust}[kind](bootstrap, source, sink, group, state)


if __name__ == "__main__":
    main()
