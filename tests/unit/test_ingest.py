"""Specification of ingest: which bytes become an Article, and the kind of every rejection."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from service.ingest import (
    DEAD_LETTER_KEEPS_BYTES,
    MAX_MESSAGE_BYTES,
    MAX_TEXT_CHARS,
    Rejection,
    dead_letter,
    decode_article,
)
from service.schemas import Article

GOOD = {"id": "a-1", "published_at": "2025-07-01T06:00:00Z", "text": "Talks resumed in Doha."}
#: Written for these tests: a report in German and one in Russian, each declared English.
GERMAN = (
    "Die Gespräche zwischen beiden Seiten wurden am Montag in Doha fortgesetzt, nachdem die "
    "Vermittler einen neuen Vorschlag vorgelegt hatten, der eine längere Waffenruhe vorsieht "
    "und den Austausch von Gefangenen regeln soll."
)
RUSSIAN = "Переговоры возобновились в Дохе в понедельник после нового предложения посредников."


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
        (encoded(text=GERMAN), "not_english"),
        (encoded(text=RUSSIAN), "not_english"),
        (b" " * (MAX_MESSAGE_BYTES + 1), "too_large"),
        (b"[" * 100_000 + b"]" * 100_000, "not_json"),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "not_json"),
        (encoded(text="Talks\u0000 resumed."), "control_chars"),
        (encoded(title="Talks \u001b[31m resumed"), "control_chars"),
        (encoded(id="a-\u202e1"), "control_chars"),
        (encoded(url="https://example.org/\u2066a"), "control_chars"),
        (encoded(text="1,234 -- 56% !!! (7)"), "no_words"),
        (encoded(published_at="9999-12-31T00:00:00Z"), "bad_timestamp"),
        (encoded(published_at="0001-01-01T00:00:00Z"), "bad_timestamp"),
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
        encoded(text="Talks resumed.\n\n\tThe envoy, \u0639\u0644\u064a, said: \u200fyes."),
        encoded(title="\u05e9\u05dc\u05d5\u05dd: talks resumed \u202b(Doha)\u202c"),
        encoded(text="Gespräche in Doha fortgesetzt"),  # too short to judge: analysed
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


def test_the_dead_letter_of_an_oversized_message_keeps_its_head_and_says_its_length() -> None:
    @dataclass
    class Message:
        topic: str = "articles"
        partition: int = 0
        offset: int = 7
        key: bytes | None = b"k"
        value: bytes | None = b"x" * (MAX_MESSAGE_BYTES + 10)

    message = Message()
    rejection = decode_article(message.value)
    assert isinstance(rejection, Rejection)
    letter = dead_letter(message, rejection)
    assert letter.value == b"x" * DEAD_LETTER_KEEPS_BYTES
    assert letter.headers["value.truncated_from"] == str(MAX_MESSAGE_BYTES + 10).encode()
    assert letter.headers["error.kind"] == b"too_large"
