"""Specification of ingest: which bytes become an Article, and the kind of every rejection."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from service.ingest import MAX_TEXT_CHARS, Rejection, dead_letter, decode_article
from service.schemas import Article

GOOD = {"id": "a-1", "published_at": "2025-07-01T06:00:00Z", "text": "Talks resumed in Doha."}


def encoded(**changes: object) -> bytes:
    document = {**GOOD, **changes}
    return json.dumps({k: v for k, v in document.items() if v is not ...}).encode()


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (None, "empty"),
        (b"\xff\xfe not utf-8", "not_utf8"),
        (b"{not json", "not_json"),
        (b"", "not_json"),
        (b"[1, 2]", "not_object"),
        (b'"a string"', "not_object"),
        (b"42", "not_object"),
        (encoded(text=...), "missing_field"),
        (encoded(id=...), "missing_field"),
        (encoded(published_at=...), "missing_field"),
        (encoded(text=None), "missing_field"),
        (encoded(text=17), "wrong_type"),
        (encoded(title=["x"]), "wrong_type"),
        (encoded(id=""), "bad_id"),
        (encoded(id="x" * 257), "bad_id"),
        (encoded(text="   "), "empty_text"),
        (encoded(text="a" * (MAX_TEXT_CHARS + 1)), "too_long"),
        (encoded(published_at="yesterday"), "bad_timestamp"),
        (encoded(published_at="2025-07-01T06:00:00"), "bad_timestamp"),
        (encoded(language="fr"), "not_english"),
    ],
)
def test_invalid_input_is_rejected_with_its_kind(raw: bytes | None, kind: str) -> None:
    decoded = decode_article(raw)
    assert isinstance(decoded, Rejection)
    assert decoded.kind == kind
    assert decoded.detail


@pytest.mark.parametrize(
    "raw",
    [
        encoded(),
        encoded(text="a" * MAX_TEXT_CHARS),
        encoded(language="EN", title="T", source="Outlet", url="https://example.org/a"),
        encoded(published_at="2025-07-01T09:30:00+03:00"),
        encoded(language="en-GB"),
        encoded(unknown_field={"is": "ignored"}),
    ],
)
def test_valid_input_becomes_an_article(raw: bytes) -> None:
    decoded = decode_article(raw)
    assert isinstance(decoded, Article)
    assert decoded.id == "a-1"
    assert decoded.published_at.tzinfo is not None


def test_article_keeps_the_optional_fields() -> None:
    decoded = decode_article(encoded(title="T", source="Outlet", url="https://example.org/a"))
    assert isinstance(decoded, Article)
    assert (decoded.title, decoded.source, decoded.url, decoded.language) == (
        "T",
        "Outlet",
        "https://example.org/a",
        "en",
    )


@dataclass
class ConsumedMessage:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


def test_dead_letter_keeps_the_original_bytes_and_says_where_they_came_from() -> None:
    message = ConsumedMessage("articles", 3, 41, b"a-1", b"{not json")
    rejection = decode_article(message.value)
    assert isinstance(rejection, Rejection)
    letter = dead_letter(message, rejection)
    assert (letter.key, letter.value) == (b"a-1", b"{not json")
    assert letter.headers["error.kind"] == b"not_json"
    assert letter.headers["error.detail"].startswith(b"the value is not JSON")
    assert letter.headers["source.topic"] == b"articles"
    assert letter.headers["source.partition"] == b"3"
    assert letter.headers["source.offset"] == b"41"
