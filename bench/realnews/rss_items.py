"""RSS-Link-Database items to articles: date windows, HTML to text, topic filters, de-duplication.

The reserved window (2023-11-15 .. 2023-12-05) is kept for an independent check: nothing here
reads, keeps or accepts a date inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from bench.realnews.article_records import ArticleRecord, make_record, url_id

RESERVED_FIRST = date(2023, 11, 15)
RESERVED_LAST = date(2023, 12, 5)
#: The only days whose folders may be opened, inclusive.
ALLOWED_WINDOWS = ((date(2023, 10, 1), date(2023, 10, 31)), (date(2023, 12, 6), date(2023, 12, 31)))


class RangeRefused(ValueError):
    """A requested date range that the builder must not read."""


def check_range(first: date, last: date) -> None:
    """Return only if first..last lies inside one allowed window; else RangeRefused says why."""
    if last < first:
        raise RangeRefused(f"--to {last} is before --from {first}.")
    if first <= RESERVED_LAST and last >= RESERVED_FIRST:
        raise RangeRefused(
            f"{first}..{last} overlaps the reserved window {RESERVED_FIRST}..{RESERVED_LAST}, "
            "which is kept for an independent check and is never read."
        )
    if not any(start <= first and last <= end for start, end in ALLOWED_WINDOWS):
        windows = " or ".join(f"{start}..{end}" for start, end in ALLOWED_WINDOWS)
        raise RangeRefused(f"{first}..{last} is not inside one allowed window ({windows}).")


def is_allowed_day(day: date) -> bool:
    """True only for a day inside an allowed window (never a reserved day)."""
    return any(start <= day <= end for start, end in ALLOWED_WINDOWS)


def day_folders(first: date, last: date) -> list[str]:
    """The daily folders `2023/MM/2023-MM-DD` for first..last, after check_range accepts it."""
    check_range(first, last)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [f"{day:%Y/%m/%Y-%m-%d}" for day in days if is_allowed_day(day)]


class _TextCollector(HTMLParser):
    """Collects the character data of an HTML fragment, with breaks at block elements."""

    BLOCKS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr", "td"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_html(fragment: str) -> str:
    """The visible text of an HTML fragment: tags gone, entities decoded, whitespace collapsed."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return re.sub(r"\s+", " ", "".join(collector.parts)).strip()


def parse_published(value: object) -> datetime | None:
    """An aware datetime from an ISO 8601 `date_published`; naive is UTC; None if unreadable."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Topic:
    """A topic filter: no keywords keeps every item; else a whole-word, case-insensitive match."""

    name: str
    keywords: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        """True if there are no keywords or one of them occurs in `text` as whole words."""
        if not self.keywords:
            return True
        alternatives = "|".join(re.escape(word) for word in sorted(self.keywords, key=len))
        return re.search(rf"(?<!\w)(?:{alternatives})(?!\w)", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Feed:
    """A chosen feed: the outlet name used as `source`, and every URL it appears under."""

    outlet: str
    urls: tuple[str, ...]


def item_record(item: dict[str, Any], outlet: str) -> ArticleRecord | None:
    """The article for one RSS item, or None if it has no link, no readable date or no text."""
    link = (item.get("link") or "").strip()
    published = parse_published(item.get("date_published"))
    title = strip_html(item.get("title") or "")
    text = strip_html(item.get("description") or "") or title
    if not link or published is None or not text:
        return None
    return make_record(url_id("rss-", link), published, title, text, outlet, link)


def in_window(published: datetime, first: date, last: date) -> bool:
    """True only if the UTC day is in first..last and both the UTC and the local day are allowed."""
    utc_day = published.astimezone(UTC).date()
    return first <= utc_day <= last and is_allowed_day(utc_day) and is_allowed_day(published.date())


def select_items(
    items: Iterable[dict[str, Any]], feeds: Iterable[Feed], topic: Topic, first: date, last: date
) -> tuple[list[ArticleRecord], dict[str, int]]:
    """Articles from the chosen feeds in first..last on the topic, each link and feed+title once.

    The counts say how many items were dropped for each reason.
    """
    outlet_of = {url: feed.outlet for feed in feeds for url in feed.urls}
    seen_links: set[str] = set()
    seen_titles: set[tuple[str, str]] = set()
    kept: list[ArticleRecord] = []
    dropped = dict.fromkeys(("other_feed", "unusable", "out_of_window", "duplicate", "topic"), 0)
    for item in items:
        outlet = outlet_of.get(item.get("source") or "")
        if outlet is None:
            dropped["other_feed"] += 1
            continue
        record = item_record(item, outlet)
        published = parse_published(item.get("date_published"))
        if record is None or published is None:
            dropped["unusable"] += 1
            continue
        if not in_window(published, first, last):
            dropped["out_of_window"] += 1
            continue
        title_key = (outlet, record["title"].casefold())
        if record["url"] in seen_links or (record["title"] and title_key in seen_titles):
            dropped["duplicate"] += 1
            continue
        seen_links.add(record["url"])
        seen_titles.add(title_key)
        if not topic.matches(f"{record['title']}\n{record['text']}"):
            dropped["topic"] += 1
            continue
        kept.append(record)
    return kept, dropped
