"""Specification of `storywatch backtest`'s reading: event-time order, bad lines counted."""

from __future__ import annotations

import json
from pathlib import Path

from service.backtest import BacktestSummary, archive_lines, decoded_archive


def line(article_id: str, published_at: str) -> bytes:
    document = {"id": article_id, "published_at": published_at, "text": "Words."}
    return json.dumps(document).encode()


def test_articles_come_out_in_publication_order_then_by_id() -> None:
    lines = [
        line("c", "2025-07-01T10:00:00Z"),
        line("b", "2025-07-01T09:00:00+00:00"),
        line("a", "2025-07-01T11:00:00+02:00"),
    ]
    summary = BacktestSummary()
    assert [a.id for a in decoded_archive(lines, summary)] == ["a", "b", "c"]
    assert sum(summary.rejected.values()) == 0


def test_lines_that_are_no_article_are_counted_by_why() -> None:
    summary = BacktestSummary()
    articles = decoded_archive(
        [b"not json", line("a", "yesterday"), line("b", "2025-07-01T09:00:00Z")], summary
    )
    assert [a.id for a in articles] == ["b"]
    assert sum(summary.rejected.values()) == 2


def test_an_archive_is_its_non_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_bytes(
        line("a", "2025-07-01T09:00:00Z") + b"\n\n" + line("b", "2025-07-01T09:00:00Z") + b"\r\n"
    )
    assert len(archive_lines([path])) == 2
