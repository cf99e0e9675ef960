"""Giveme5W1H's two folders merged by dId, on invented documents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bench.realnews.build_giveme5w1h import merge_documents, parse_date


def cluster_doc(doc_id: str, event: str, published: str | None, **extra: Any) -> dict[str, Any]:
    """An invented news_cluster document."""
    return {
        "dId": doc_id,
        "title": f"Title {doc_id}",
        "text": f"Body of {doc_id}.",
        "date_publish": published,
        "url": f"http://news.example.test/{doc_id}",
        "source_domain": "news.example.test",
        "newsCluster": {"Event": event, "Category": "world"},
        **extra,
    }


def gold_doc(doc_id: str, category: str | None, published: str) -> dict[str, Any]:
    """An invented gold_standard document (its `category` names an event)."""
    return {
        "dId": doc_id,
        "title": f"Gold {doc_id}",
        "text": f"Gold body of {doc_id}.",
        "date_publish": published,
        "url": f"http://paper.example.test/{doc_id}",
        "category": category,
    }


def test_both_date_formats_and_missing_dates_are_read() -> None:
    assert parse_date("2017-09-15T00:00:00") == datetime(2017, 9, 15)
    assert parse_date("2016-11-09 10:50:12") == datetime(2016, 11, 9, 10, 50, 12)
    assert parse_date(None) is None
    assert parse_date("None") is None


def test_one_record_per_did_with_the_earlier_date_and_mapped_gold_labels() -> None:
    clusters = {
        "d1": cluster_doc("d1", "flood_event", "2017-04-07T11:52:04"),
        "d2": cluster_doc("d2", "flood_event", "2016-11-04T08:00:00"),
        "d3": cluster_doc("d3", "vote_event", None),
    }
    gold = {
        "d1": gold_doc("d1", "flood", "2016-11-03 10:50:12"),  # in both: the earlier date wins
        "g1": gold_doc("g1", "flood", "2016-11-05 09:00:00"),  # mapped through d1
        "g2": gold_doc("g2", "parade", "2016-11-06 09:00:00"),  # no shared dId: kept as gold:
        "g3": gold_doc("g3", None, "2016-11-07 09:00:00"),  # no label
    }
    records, labels, report = merge_documents(clusters, gold)
    by_id = {record["id"]: record for record in records}
    assert sorted(by_id) == ["g5w1h-d1", "g5w1h-d2", "g5w1h-g1", "g5w1h-g2", "g5w1h-g3"]
    assert by_id["g5w1h-d1"]["published_at"] == "2016-11-03T10:50:12Z"
    assert by_id["g5w1h-d1"]["title"] == "Title d1"  # the news_cluster copy is the main one
    assert by_id["g5w1h-g1"]["source"] == "paper.example.test"
    assert (report.in_both, report.undated, report.date_conflicts) == (1, 1, 1)
    assert {label["id"]: label["event"] for label in labels} == {
        "g5w1h-d1": "flood_event",
        "g5w1h-d2": "flood_event",
        "g5w1h-g1": "flood_event",
        "g5w1h-g2": "gold:parade",
    }
