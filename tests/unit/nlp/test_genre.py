"""Specification of article genres: decided from the URL's path and the title, news by default."""

from __future__ import annotations

import pytest

from service.nlp.genre import article_genre, genres


@pytest.mark.parametrize(
    ("title", "url", "genre"),
    [
        (
            "Ministers agree ceasefire terms in Doha",
            "https://example.org/world/2025/07/ceasefire",
            "news",
        ),
        ("Ceasefire talks resume", None, "news"),
        ("Opinion: The ceasefire will not hold", None, "opinion"),
        ("The ceasefire will not hold", "https://example.org/opinion/2025/ceasefire", "opinion"),
        ("Border war live: shelling resumes overnight", None, "live"),
        ("Shelling resumes", "https://example.org/news/live/2025/07/border", "live"),
        ("In pictures: the border after the war", None, "gallery"),
        ("Shelling resumes", "https://example.org/video/world-123", "gallery"),
        ("Tuesday Briefing: talks resume", None, "newsletter"),
        ("Obituary: a diplomat of the old school", None, "obituary"),
        ("Analysis: why the talks stalled", None, "analysis"),
        ("Gaza ceasefire talks: what we know", None, "explainer"),
        ("Is the ceasefire about to collapse?", None, "explainer"),
        ("Why the talks stalled", None, "explainer"),
        ("Former president dies at 98", None, "news"),
    ],
)
def test_genre_from_title_and_url(title: str, url: str | None, genre: str) -> None:
    assert article_genre(title, url) == genre


def test_news_is_the_first_genre_and_every_genre_is_named_once() -> None:
    names = genres()
    assert names[0] == "news" and len(set(names)) == len(names)
