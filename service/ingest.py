"""Decode and validate raw `articles` messages: each becomes an Article or a Rejection.

Nothing here raises on bad input: whatever the bytes are, the caller gets a value it can
route, either on into analysis or to the dead-letter topic with `error.kind` and
`error.detail` headers (docs/CONTRACT.md, "Article").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from service.contract_schemas import ARTICLE, contract_schema
from service.schemas import Article

#: Longest message read at all; longer ones are dead-lettered unread (Kafka's own default
#: record limit is about 1 MB too).
MAX_MESSAGE_BYTES = 1_048_576
#: How much of a `too_large` message its dead letter keeps (the whole is still on its topic).
DEAD_LETTER_KEEPS_BYTES = 65_536
#: Publication times outside these bounds are taken for errors: a report dated 9999 would
#: carry the stream's clock past every story's idle expiry.
EARLIEST_PUBLISHED = datetime(1900, 1, 1, tzinfo=UTC)
MOST_AHEAD = timedelta(days=2)
ANALYSED_LANGUAGES = frozenset({"en"})
#: Control characters no article field carries: C0 and C1 controls but tab and line breaks.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bidirectional overrides and isolates, which can make an id or a URL display as another.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: Fields that name something rather than say it: no bidirectional controls there.
_NAMING_FIELDS = ("id", "source", "url")
#: A declared-English text of this many words or more...
ENGLISH_CHECK_WORDS = 20
#: ...is taken for another language when fewer of its words than this are English function
#: words (spaCy's English stop words; English prose runs at 30-50%).
MIN_ENGLISH_FUNCTION_WORDS = 0.1
#: ...or when fewer of its letters than this are Latin.
MIN_LATIN_LETTERS = 0.5
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

#: The Article's fields, which are required, and the limits on `id` and `text` are the
#: contract's schema file's (service/contract/article-v1.schema.json): every field is a
#: string; an optional one may be null.
_ARTICLE_FIELDS = contract_schema(ARTICLE)["properties"]
_REQUIRED_STRINGS = tuple(contract_schema(ARTICLE)["required"])
_OPTIONAL_STRINGS = tuple(name for name in _ARTICLE_FIELDS if name not in _REQUIRED_STRINGS)
MAX_ID_CHARS: int = _ARTICLE_FIELDS["id"]["maxLength"]
MAX_TEXT_CHARS: int = _ARTICLE_FIELDS["text"]["maxLength"]


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


@dataclass
class MessagePosition:
    """A message known only by where it was, when it can no longer be read."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None = None


@dataclass(frozen=True)
class DeadLetter:
    """The dead-letter record for a rejected message: its original bytes, and why."""

    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]


def dead_letter(message: SourceMessage, rejection: Rejection) -> DeadLetter:
    """The original key and bytes, with the contract's error and source headers; of a value
    over `MAX_MESSAGE_BYTES`, its first `DEAD_LETTER_KEEPS_BYTES` and its full length."""
    headers = {
        **rejection.headers(),
        "source.topic": message.topic.encode(),
        "source.partition": str(message.partition).encode(),
        "source.offset": str(message.offset).encode(),
    }
    value = message.value
    if value is not None and len(value) > MAX_MESSAGE_BYTES:
        headers["value.truncated_from"] = str(len(value)).encode()
        value = value[:DEAD_LETTER_KEEPS_BYTES]
    return DeadLetter(key=message.key, value=value, headers=headers)


def decode_article(raw: bytes | None) -> Article | Rejection:
    """Turn the bytes of one message into an Article, or say exactly why not."""
    if raw is None:
        return Rejection("empty", "the message has no value")
    if len(raw) > MAX_MESSAGE_BYTES:
        return Rejection(
            "too_large", f"the value has {len(raw)} bytes; the limit is {MAX_MESSAGE_BYTES}"
        )
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
    except RecursionError:
        return Rejection("not_json", "the value is JSON nested too deeply to read")
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
    unreadable = _control_characters(document)
    if unreadable is not None:
        return unreadable
    article_id: str = document["id"]
    text: str = document["text"]
    if not 1 <= len(article_id) <= MAX_ID_CHARS:
        return Rejection("bad_id", f"'id' must be 1..{MAX_ID_CHARS} characters")
    if not text.strip():
        return Rejection("empty_text", "'text' is empty")
    if not any(character.isalpha() for character in text):
        return Rejection("no_words", "'text' has no letters: only digits, signs or punctuation")
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
    if not EARLIEST_PUBLISHED <= published_at <= datetime.now(UTC) + MOST_AHEAD:
        return Rejection(
            "bad_timestamp",
            f"'published_at' {document['published_at']!r} is before 1900 or more than "
            f"{MOST_AHEAD.days} days ahead of this worker's clock",
        )
    language = (document.get("language") or "en").lower()
    # A BCP 47 tag's primary subtag names the language: "en-GB" is English.
    if language.split("-")[0] not in ANALYSED_LANGUAGES:
        return Rejection("not_english", f"language {language!r} is not analysed")
    foreign = _other_language(text)
    if foreign is not None:
        return Rejection("not_english", f"'text' does not read as English: {foreign}")
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


def _control_characters(document: dict[str, Any]) -> Rejection | None:
    for name in (*_REQUIRED_STRINGS, *_OPTIONAL_STRINGS):
        value = document.get(name)
        if value is None:
            continue
        found = CONTROL_CHARS.search(value)
        if found is None and name in _NAMING_FIELDS:
            found = BIDI_CONTROLS.search(value)
        if found is not None:
            return Rejection(
                "control_chars",
                f"field '{name}' holds the control character U+{ord(found.group()):04X} "
                f"at {found.start()}",
            )
    return None


def _other_language(text: str) -> str | None:
    """Why a text declared English reads as another language, or None when it may be English."""
    letters = latin = 0
    for character in text:
        if character.isalpha():
            letters += 1
            latin += character < "\u0250"
    if latin < MIN_LATIN_LETTERS * letters:
        return f"{latin} of its {letters} letters are Latin"
    words = _WORD.findall(text)
    if len(words) < ENGLISH_CHECK_WORDS:
        return None
    function_words = sum(1 for word in words if word.lower() in STOP_WORDS)
    if function_words < MIN_ENGLISH_FUNCTION_WORDS * len(words):
        return f"{function_words} of its {len(words)} words are English function words"
    return None


def _json_kind(value: object) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")
