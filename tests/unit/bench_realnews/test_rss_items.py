"""The reserved-window guard, HTML stripping, topic filters and de-duplication on invented items."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.realnews import build_rss
from bench.realnews.rss_items import (
    Feed,
    RangeRefused,
    Topic,
    check_range,
    day_folders,
    select_items,
    strip_html,
)

FEEDS = [
    Feed(
        "Example News",
        ("http://feeds.example.test/world.xml", "https://feeds.example.test/world.xml"),
    )
]
WORLD = Topic("world")
OCTOBER = (date(2023, 10, 1), date(2023, 10, 31))
DECEMBER = (date(2023, 12, 6), date(2023, 12, 31))


def item(link: str, title: str, description: str, published: str, **extra: Any) -> dict[str, Any]:
    """An invented RSS-Link-Database item of the example feed."""
    return {
        "source": "https://feeds.example.test/world.xml",
        "link": link,
        "title": title,
        "description": description,
        "date_published": published,
        "language": "en-US",
        **extra,
    }


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2023, 11, 15), date(2023, 11, 15)),
        (date(2023, 12, 5), date(2023, 12, 5)),
        (date(2023, 11, 1), date(2023, 11, 30)),
        (date(2023, 10, 1), date(2023, 12, 31)),
        (date(2023, 12, 1), date(2023, 12, 10)),
    ],
)
def test_a_range_touching_the_reserved_window_is_refused(first: date, last: date) -> None:
    with pytest.raises(RangeRefused, match="reserved window"):
        check_range(first, last)


@pytest.mark.parametrize(
    ("first", "last"),
    [(date(2023, 9, 1), date(2023, 9, 30)), (date(2023, 11, 1), date(2023, 11, 14))],
)
def test_a_range_outside_the_allowed_windows_is_refused(first: date, last: date) -> None:
    with pytest.raises(RangeRefused, match="not inside one allowed window"):
        check_range(first, last)


def test_allowed_ranges_give_only_their_own_daily_folders() -> None:
    check_range(*OCTOBER)
    check_range(*DECEMBER)
    assert day_folders(date(2023, 12, 6), date(2023, 12, 7)) == [
        "2023/12/2023-12-06",
        "2023/12/2023-12-07",
    ]
    assert len(day_folders(*OCTOBER)) == 31


def test_the_builder_exits_2_before_reading_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status = build_rss.main(
        [str(tmp_path / "no-such-git-dir"), str(out), "--from", "2023-11-20", "--to", "2023-11-21"]
    )
    assert status == 2
    assert "reserved window" in capsys.readouterr().err
    assert not out.exists()


def test_items_dated_in_the_reserved_window_are_dropped_even_from_an_allowed_folder() -> None:
    items = [
        # 23:30 on 5 December in New York is 04:30 UTC on 6 December: still a reserved day.
        item("https://example.test/a", "Late", "Text.", "2023-12-05T23:30:00-05:00"),
        item("https://example.test/b", "Early", "Text.", "2023-12-05T23:59:59+00:00"),
        item("https://example.test/c", "Kept", "Text.", "2023-12-06T00:00:01+00:00"),
    ]
    kept, dropped = select_items(items, FEEDS, WORLD, *DECEMBER)
    assert [record["title"] for record in kept] == ["Kept"]
    assert dropped["out_of_window"] == 2


def test_html_is_stripped_to_text() -> None:
    fragment = '<p>First &amp; <a href="x">second</a></p><p>third&nbsp;part</p><br/>'
    # Entities are decoded; a no-break space counts as whitespace and collapses with the rest.
    assert strip_html(fragment) == "First & second third part"
    assert strip_html("<script>var x = 1;</script>Visible <b>bold</b>") == "Visible bold"
    assert strip_html("  plain   text \n") == "plain text"


def test_duplicates_by_link_or_by_feed_and_title_are_kept_once() -> None:
    items = [
        item(
            "https://example.test/one",
            "Storm hits coast",
            "<p>A storm.</p>",
            "2023-10-02T08:00:00+00:00",
        ),
        # The same link in the next daily file.
        item(
            "https://example.test/one", "Storm hits coast", "A storm.", "2023-10-02T08:00:00+00:00"
        ),
        # The same feed and title under another link (and the feed's http address).
        item(
            "https://example.test/one?x=1",
            "Storm Hits Coast",
            "Again.",
            "2023-10-02T09:00:00+00:00",
            source="http://feeds.example.test/world.xml",
        ),
        item("https://example.test/two", "Dam opens", "", "2023-10-03T10:00:00+00:00"),
        item("https://example.test/three", "", "<p> </p>", "2023-10-03T11:00:00+00:00"),
        item(
            "https://example.test/four",
            "Elsewhere",
            "x",
            "2023-10-03T11:00:00+00:00",
            source="https://blog.example.test/feed",
        ),
    ]
    kept, dropped = select_items(items, FEEDS, WORLD, *OCTOBER)
    assert [(record["title"], record["text"]) for record in kept] == [
        ("Storm hits coast", "A storm."),
        ("Dam opens", "Dam opens"),  # no description: the title is the text
    ]
    assert dropped == {
        "other_feed": 1,
        "unusable": 1,  # no text at all after stripping
        "out_of_window": 0,
        "duplicate": 2,
        "topic": 0,
    }
    first = kept[0]
    assert first["id"].startswith("rss-") and len(first["id"]) == 20
    assert first["published_at"] == "2023-10-02T08:00:00Z"
    assert (first["source"], first["language"]) == ("Example News", "en")


def test_a_topic_matches_whole_words_in_title_or_text_case_insensitively() -> None:
    topic = Topic("israel-gaza", ("Gaza", "West Bank", "IDF"))
    assert topic.matches("Aid convoy\nTrucks reach GAZA overnight")
    assert topic.matches("Raids in the west bank")
    assert not topic.matches("The Gazette reports")
    assert not topic.matches("idfa festival")
    assert WORLD.matches("anything at all")
