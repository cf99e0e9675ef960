"""Specification of reading article files for replay: JSONL and plain text, errors with places."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from service.replay import ArticleFileError, read_articles
from tests.conftest import SEED_FILE


def test_jsonl_lines_become_articles_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert [article["id"] for article in read_articles([path])] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a"}\n{"id": \n', "bad.jsonl:2: not valid JSON"),
        ('{"id": "a"}\n[1, 2]\n', "bad.jsonl:2: a JSONL line must be a JSON object"),
    ],
)
def test_a_malformed_jsonl_line_is_named_by_file_and_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleFileError, match=message):
        read_articles([path])


def test_a_plain_text_file_is_one_article_dated_as_asked(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Ceasefire holds\n\nThe truce held overnight.", encoding="utf-8")
    [article] = read_articles([path], published_at=datetime(2025, 7, 8, 9, tzinfo=UTC))
    assert article["id"].startswith("report-")
    assert article["title"] == "Ceasefire holds"
    assert article["published_at"] == "2025-07-08T09:00:00Z"
    assert article["text"].endswith("overnight.")


def test_a_folder_gives_its_article_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text('{"id": "b"}\n', encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    (tmp_path / "labels.json").write_text("{}", encoding="utf-8")
    assert [article["id"] for article in read_articles([tmp_path])] == ["a", "b"]


def test_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleFileError, match="no such file or folder"):
        read_articles([tmp_path / "nowhere.jsonl"])


def test_the_seed_file_holds_the_seed_article_dated_as_the_design_says() -> None:
    [article] = read_articles([SEED_FILE])
    assert article["published_at"] == "2025-07-01T06:00:00Z"
    assert article["text"].startswith("Israeli Prime Minister Benjamin Netanyahu is scheduled")


def test_the_replay_summary_says_how_many_where_how_fast_and_up_to_which_offsets() -> None:
    from service.replay import ReplaySummary

    summary = ReplaySummary(sent=31, end_offsets={0: 62}, topic="articles", seconds=0.5)
    assert summary.describe() == (
        "replayed 31 articles to 'articles' in 0.50 s (62 articles/s); partition 0 to offset 62"
    )
