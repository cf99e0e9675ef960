"""An article's genre: news, or one of the kinds of page that report no development.

Opinion, live-blog shells, galleries and videos, newsletters, obituaries, analyses and
explainers restate, argue or collect what other reports said. Read as news they open
stories that are not stories and announce background as new. The genre is decided from the
URL's path and the title, by the shapes of `data/genres.json`; none names an outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from service.nlp.furniture import without_furniture
from service.nlp.lexicon import read_data
from service.schemas import NEWS


@dataclass(frozen=True)
class GenreRule:
    """How one genre shows: path segments of its URLs and patterns of its titles."""

    genre: str
    url_segments: frozenset[str]
    title_patterns: tuple[re.Pattern[str], ...]

    def matches(self, segments: set[str], title: str) -> bool:
        return bool(self.url_segments & segments) or any(
            pattern.search(title) for pattern in self.title_patterns
        )


@cache
def genre_rules() -> tuple[GenreRule, ...]:
    """The rules of `data/genres.json`, in the order written (the first match wins)."""
    document = read_data("genres.json")
    return tuple(
        GenreRule(
            genre=name,
            url_segments=frozenset(rule.get("url_segments", ())),
            title_patterns=tuple(re.compile(p, re.IGNORECASE) for p in rule["title_patterns"]),
        )
        for name, rule in document["genres"].items()
    )


def genres() -> tuple[str, ...]:
    """Every genre an article can have, news first."""
    return (NEWS, *(rule.genre for rule in genre_rules()))


def article_genre(title: str | None, url: str | None) -> str:
    """The article's genre: the first rule its URL path or title matches, else news."""
    segments = _path_segments(url)
    plain = " ".join(without_furniture(title or "").split())
    for rule in genre_rules():
        if rule.matches(segments, plain):
            return rule.genre
    return NEWS


def _path_segments(url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        path = urlsplit(url).path
    except ValueError:
        return set()
    return {segment.lower() for segment in path.split("/") if segment}
