"""Specification of page-furniture removal: page text goes, news stays."""

from __future__ import annotations

import pytest

from service.nlp.furniture import is_furniture, without_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jane Doe/Northwind Pictures",
        "Image caption, Rescuers search the rubble",
        "Image source, Harbour Agency",
        "Jane Doe/Northwind Pictures",
        "By Jane Doe",
        "By Jane Doe and Omar Haddad, Example Wire",
        "Updated 10:52 GMT, 1 July 2025",
        "Example Wire | Updated: 2025-07-01 17:52",
        "Sign up to our free daily newsletter",
        "Sign up for our Morning Briefing newsletter to get the news in your inbox",
        "Invalid email address",
        "Read more: the talks so far",
        "Share this article",
        "Follow us on the social networks",
        "Advertisement",
        "We use cookies to improve your experience; accept or change your settings",
        "© 2025 Example Wire. All rights reserved.",
    ],
)
def test_page_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Rescuers searched the rubble for survivors on Tuesday.",
        "By nightfall the talks had collapsed, officials said.",
        "Share prices fell sharply on Monday after the announcement.",
        "The minister said the newsletter scandal had cost her the job.",
        "Photographers were barred from the courtroom.",
        "Updated figures show 40 people were killed.",
        "Ceasefire talks resumed in Doha on Tuesday / Wednesday, mediators said.",
    ],
)
def test_news_lines_are_kept(line: str) -> None:
    assert not is_furniture(line)


def test_furniture_goes_and_the_news_stays_in_order() -> None:
    text = (
        "By Jane Doe\n"
        "Photo: Jane Doe/Northwind Pictures\n"
        "Rescuers searched the rubble on Tuesday.\n"
        "Sign up to our free daily newsletter\n"
        "The death toll rose to 40. (Photo by Omar Haddad/Harbour Agency)\n"
        "Read more"
    )
    assert without_furniture(text) == (
        "Rescuers searched the rubble on Tuesday.\nThe death toll rose to 40."
    )


def test_a_long_paragraph_is_never_dropped_as_furniture() -> None:
    paragraph = "Sign up " + "the council agreed to fund more rescue teams and shelters " * 5
    assert not is_furniture(paragraph)


def test_an_article_of_only_furniture_leaves_nothing() -> None:
    assert without_furniture("By Jane Doe\nAdvertisement") == ""
