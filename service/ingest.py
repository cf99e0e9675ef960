"""Decode and validate raw `articles` messages: each becomes an Article or a Rejection.

Nothing here raises on bad input: whatever the bytes are, the caller gets a value it can
route, either on into analysis or to the dead-letter topic with `error.kind` and
`error.detail` headers (docs/CONTRACT.md, "Article").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from service.schemas import Article

MAX_ID_CHARS = 256
MAX_TEXT_CHARS = 200_000
ANALYSED_LANGUAGES = frozenset({"en"})

_REQUIRED_STRINGS = ("id", "published_at", "text")
_OPTIONAL_STRINGS = ("title", "source", "url", "language")


@dataclass(frozen=True)
class Rejection:
    """Why a message is not a valid Article: a stable `kind` and a sentence for people."""

    kind: str
    detail: str

    def headers(self) -> dict[str, bytes]:
        detail = self.detail.encode("utf-8", errors="backslashreplace")
        return {"error.kind": self.kind.encode(), "error.detail": detail}


class SourceMessage(Protocol):
    """Where a consumed message came from (a Faust or aiokafka message has these)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


@dataclass(frozen=True)
class DeadLetter:
    """The dead-letter record for a rejected message: its original bytes, and why."""

    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]


def dead_letter(message: SourceMessage, rejection: Rejection) -> DeadLetter:
    """The original key and bytes, with the contract's error and source headers."""
    return DeadLetter(
        key=message.key,
        value=message.value,
        headers={
            **rejection.headers(),
            "source.topic": message.topic.encode(),
            "source.partition": str(message.partition).encode(),
            "source.offset": str(message.offset).encode(),
        },
    )


def decode_article(raw: bytes | None) -> Article | Rejection:
    """Turn the bytes of one message into an Article, or say exactly why not."""
    if raw is None:
        return Rejection("empty", "the message has no value")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejection(
            "not_utf8", f"the value is not UTF-8 text: {exc.reason} at byte {exc.start}"
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejection("not_json", f"the value is not JSON: {exc.msg} at char {exc.pos}")
    if not isinstance(document, dict):
        return Rejection("not_object", f"the value is a JSON {_json_kind(document)}, not an object")
    return validate_article(document)


def validate_article(document: dict[str, Any]) -> Article | Rejection:
    """Check a decoded JSON object against the contract's Article and build it."""
    for name in _REQUIRED_STRINGS:
        if document.get(name) is None:
            return Rejection("missing_field", f"required field '{name}' is missing")
    for name in (*_REQUIRED_STRINGS, *_OPTIONAL_STRINGS):
        value = document.get(name)
        if value is not None and not isinstance(value, str):
            return Rejection(
                "wrong_type", f"field '{name}' must be a string, not a JSON {_json_kind(value)}"
            )
    article_id: str = document["id"]
    text: str = document["text"]
    if not 1 <= len(article_id) <= MAX_ID_CHARS:
        return Rejection("bad_id", f"'id' must be 1..{MAX_ID_CHARS} characters")
    if not text.strip():
        return Rejection("empty_text", "'text' is empty")
    if len(text) > MAX_TEXT_CHARS:
        return Rejection(
            "too_long", f"'text' has {len(text)} characters; the limit is {MAX_TEXT_CHARS}"
        )
    published_at = parse_timestamp(document["published_at"])
    if published_at is None:
        return Rejection(
            "bad_timestamp",
            f"'published_at' must be ISO 8601 with an offset, got {document['published_at']!r}",
        )
    language = (document.get("language") or "en").lower()
    # A BCP 47 tag's primary subtag names the language: "en-GB" is English.
    if language.split("-")[0] not in ANALYSED_LANGUAGES:
        return Rejection("not_english", f"language {language!r} is not analysed")
    return Article(
        id=article_id,
        published_at=published_at,
        text=text,
        title=document.get("title"),
        source=document.get("source"),
        url=document.get("url"),
        language=language,
    )


def parse_timestamp(value: str) -> datetime | None:
    """An aware datetime from ISO 8601 text with an offset (`Z` allowed), else None."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _json_kind(value: object) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")
