"""Draw the sample of alerts to judge by hand, with what a judge needs to read each one.

python bench/realnews/judge_sample.py DATA_DIR OUT.jsonl [--seed 20231206] [--per-kind 25]
    [--streams rss-october-world rss-december-world]

Reads DATA_DIR/<stream>/{articles,alerts,stories}.jsonl (`evaluate.py` writes the last two)
and writes, outside the repository, one line per drawn alert: its id, kind, summary and event,
the article that raised it and the titles of the story's earlier reports. The draw:
`random.Random(seed).sample(alerts of the kind, per_kind)` for each kind in sorted order, over
the alerts of the streams in the order given (all of them when a kind has fewer), then
shuffled with the same generator. The verdicts go to judgements/ as ids, verdicts and reasons
only (README.md).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.article_records import read_jsonl  # noqa: E402

EARLIER_SHOWN = 12


def judged_line(
    stream: str, alert: dict[str, Any], items: dict[str, Any], earlier: list[str]
) -> dict[str, Any]:
    """What a judge reads about one alert."""
    data = alert["data"]
    article = items[data["evidence"][0]["article_id"]]
    return {
        "alert_id": alert["id"],
        "stream": stream,
        "kind": alert["type"],
        "summary": data["summary"],
        "event": data.get("event"),
        "first_report_events": [(e["type"], e["status"]) for e in data.get("events", [])],
        "article": {
            "id": article["id"],
            "published_at": article["published_at"],
            "source": article.get("source"),
            "title": article.get("title"),
            "lede": (article.get("text") or "")[:600],
        },
        "story_earlier_reports": [
            {
                "id": i,
                "published_at": items[i]["published_at"],
                "source": items[i].get("source"),
                "title": items[i].get("title"),
            }
            for i in earlier[-EARLIER_SHOWN:]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20231206)
    parser.add_argument("--per-kind", type=int, default=25)
    parser.add_argument("--streams", nargs="+", default=["rss-october-world", "rss-december-world"])
    arguments = parser.parse_args()
    drawn: list[tuple[str, dict[str, Any], list[str]]] = []
    items: dict[str, Any] = {}
    for stream in arguments.streams:
        folder = arguments.data_dir / stream
        items.update({item["id"]: item for item in read_jsonl(folder / "articles.jsonl")})
        story_of = {
            line["article_id"]: line["story_id"] for line in read_jsonl(folder / "stories.jsonl")
        }
        reports: dict[str, list[str]] = defaultdict(list)
        alerts_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for alert in read_jsonl(folder / "alerts.jsonl"):
            alerts_of[alert["data"]["evidence"][0]["article_id"]].append(alert)
        for line in read_jsonl(folder / "stories.jsonl"):
            story = story_of[line["article_id"]]
            for alert in alerts_of.get(line["article_id"], []):
                drawn.append((stream, alert, list(reports[story])))
            if story:
                reports[story].append(line["article_id"])
    generator = random.Random(arguments.seed)
    by_kind: dict[str, list[tuple[str, dict[str, Any], list[str]]]] = defaultdict(list)
    for entry in drawn:
        by_kind[entry[1]["type"]].append(entry)
    sample = [
        entry
        for kind in sorted(by_kind)
        for entry in generator.sample(by_kind[kind], min(arguments.per_kind, len(by_kind[kind])))
    ]
    generator.shuffle(sample)
    with arguments.out.open("w", encoding="utf-8") as handle:
        for stream, alert, earlier in sample:
            line = judged_line(stream, alert, items, earlier)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(sample)} alerts drawn to {arguments.out}")


if __name__ == "__main__":
    main()
