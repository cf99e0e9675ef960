"""Giveme5W1H's labelled news clusters as articles.jsonl and labels.jsonl, outside the repo.

python bench/realnews/build_giveme5w1h.py /work/.mirror/fhamborg+Giveme5W1H/repo \
    /work/realnews-data/giveme5w1h

Reads news_cluster/data/*.json (labels: newsCluster.Event and .Category) and
gold_standard/data/*.json (label: `category`, which names an event), one record per dId.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.article_records import (  # noqa: E402
    ArticleRecord,
    make_record,
    write_articles,
    write_jsonl,
)
from bench.realnews.gitsource import BlobReader, list_folder  # noqa: E402

DATASETS = "Giveme5W1H/examples/datasets"
CLUSTER_FOLDER = f"{DATASETS}/news_cluster/data"
GOLD_FOLDER = f"{DATASETS}/gold_standard/data"


@dataclass
class BuildReport:
    """What the merge kept and dropped, for the terminal."""

    cluster_files: int = 0
    gold_files: int = 0
    in_both: int = 0
    undated: int = 0
    empty_text: int = 0
    date_conflicts: int = 0
    gold_labels_mapped: dict[str, str] = field(default_factory=dict)


def parse_date(value: object) -> datetime | None:
    """A datetime from '2017-09-15T00:00:00' or '2016-11-09 00:00:00'; None if absent or not one."""
    if not isinstance(value, str) or not value.strip() or value.strip() == "None":
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def gold_event_names(
    cluster_docs: dict[str, dict[str, Any]], gold_docs: dict[str, dict[str, Any]]
) -> dict[str, str]:
    """Gold-standard `category` → news_cluster Event, where every shared dId agrees on one Event."""
    seen: dict[str, set[str]] = defaultdict(set)
    for doc_id, gold in gold_docs.items():
        if doc_id in cluster_docs and gold.get("category"):
            seen[gold["category"]].add(cluster_docs[doc_id]["newsCluster"]["Event"])
    return {name: next(iter(events)) for name, events in seen.items() if len(events) == 1}


def merge_documents(
    cluster_docs: dict[str, dict[str, Any]], gold_docs: dict[str, dict[str, Any]]
) -> tuple[list[ArticleRecord], list[dict[str, str | None]], BuildReport]:
    """One dated record per dId with its label; a dId in both folders takes the earlier date."""
    report = BuildReport(in_both=len(cluster_docs.keys() & gold_docs.keys()))
    mapped = gold_event_names(cluster_docs, gold_docs)
    report.gold_labels_mapped = mapped
    category_of = {
        doc["newsCluster"]["Event"]: doc["newsCluster"].get("Category")
        for doc in cluster_docs.values()
    }
    records: list[ArticleRecord] = []
    labels: list[dict[str, str | None]] = []
    for doc_id in sorted(cluster_docs.keys() | gold_docs.keys()):
        copies = [doc for doc in (cluster_docs.get(doc_id), gold_docs.get(doc_id)) if doc]
        dates = sorted({date for doc in copies if (date := parse_date(doc.get("date_publish")))})
        if len(dates) > 1:
            report.date_conflicts += 1
        main = copies[0]
        text = (main.get("text") or "").strip()
        if not dates:
            report.undated += 1
            continue
        if not text:
            report.empty_text += 1
            continue
        url = main.get("url") or ""
        source = main.get("source_domain") or urlparse(url).netloc
        article_id = f"g5w1h-{doc_id}"
        records.append(
            make_record(article_id, dates[0], main.get("title") or "", text, source, url)
        )
        if "newsCluster" in main:
            event, category = main["newsCluster"]["Event"], main["newsCluster"].get("Category")
        elif main.get("category"):
            name = main["category"]
            event = mapped.get(name, f"gold:{name}")
            category = category_of.get(event)
        else:
            continue
        labels.append({"id": article_id, "event": event, "category": category})
    return records, labels, report


def read_folder(reader: BlobReader, git_dir: Path, folder: str) -> dict[str, dict[str, Any]]:
    """The JSON documents of one data folder at HEAD, by dId."""
    documents: dict[str, dict[str, Any]] = {}
    for path in list_folder(git_dir, "HEAD", folder):
        if path.endswith(".json"):
            document = json.loads(reader.read(path))
            documents[document["dId"]] = document
    return documents


def main() -> None:
    """Build both files and print the counts; the texts go only to OUT_DIR."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", type=Path, help="bare git directory of fhamborg/Giveme5W1H")
    parser.add_argument("out_dir", type=Path, help="folder for articles.jsonl and labels.jsonl")
    arguments = parser.parse_args()
    with BlobReader(arguments.git_dir, "HEAD") as reader:
        cluster_docs = read_folder(reader, arguments.git_dir, CLUSTER_FOLDER)
        gold_docs = read_folder(reader, arguments.git_dir, GOLD_FOLDER)
    records, labels, report = merge_documents(cluster_docs, gold_docs)
    write_articles(arguments.out_dir / "articles.jsonl", records)
    write_jsonl(arguments.out_dir / "labels.jsonl", labels)
    sizes = Counter(label["event"] for label in labels)
    days = sorted(record["published_at"][:10] for record in records)
    print(
        f"news_cluster files {len(cluster_docs)}, gold_standard files {len(gold_docs)}, "
        f"in both {report.in_both}"
    )
    print(
        f"undated (dropped) {report.undated}, empty text (dropped) {report.empty_text}, "
        f"dIds whose two copies disagree on the date (earlier kept) {report.date_conflicts}"
    )
    print(f"gold_standard labels mapped to a news_cluster event: {len(report.gold_labels_mapped)}")
    print(
        f"articles {len(records)} ({days[0]} .. {days[-1]}), labelled {len(labels)}, "
        f"events {len(sizes)} ({sum(1 for n in sizes.values() if n > 1)} with >1 article), "
        f"outlets {len({record['source'] for record in records})}"
    )
    print(f"wrote {arguments.out_dir / 'articles.jsonl'} and {arguments.out_dir / 'labels.jsonl'}")


if __name__ == "__main__":
    main()
