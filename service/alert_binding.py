"""Alerts as Kafka messages in the CloudEvents Kafka protocol binding 1.0, both content modes.

- Structured mode (the default): the value is the whole CloudEvent as JSON, and the
  `content-type` header says so (`application/cloudevents+json; charset=UTF-8`).
- Binary mode (`STORYWATCH_ALERT_MODE=binary`): every attribute is a `ce_<name>` header (UTF-8
  text), `datacontenttype` is the `content-type` header, and the value is the data alone. A
  consumer or a broker-side filter can then route on `ce_type` or `ce_subject` without
  decoding the value.

Either way the key is the story id (the `subject`), so one story's alerts stay in order on one
partition. `read_alert` reads both modes, and plain JSON values without headers (alerts
written before the binding), back into the structured form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from service.alerts import encode_alert

AlertMode = Literal["structured", "binary"]
STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
#: The header prefix of CloudEvents attributes in binary mode.
ATTRIBUTE_PREFIX = "ce_"
#: Attributes that binary mode does not carry as `ce_*` headers.
_NOT_HEADERS = ("data", "datacontenttype")


@dataclass(frozen=True)
class AlertMessage:
    """One alert as a Kafka record."""

    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def alert_message(alert: dict[str, Any], mode: AlertMode) -> AlertMessage:
    """The record that carries `alert` (a CloudEvent as a dict) in the given content mode."""
    key = str(alert["subject"]).encode()
    if mode == "structured":
        return AlertMessage(
            key, encode_alert(alert), [("content-type", _utf8(STRUCTURED_CONTENT_TYPE))]
        )
    headers = [
        (ATTRIBUTE_PREFIX + name, _utf8(str(value)))
        for name, value in alert.items()
        if name not in _NOT_HEADERS and value is not None
    ]
    headers.append(("content-type", _utf8(alert.get("datacontenttype", "application/json"))))
    data = json.dumps(alert.get("data"), ensure_ascii=False, separators=(",", ":"))
    return AlertMessage(key, data.encode(), headers)


def read_alert(
    value: bytes | None, headers: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...] = ()
) -> dict[str, Any] | None:
    """The CloudEvent a record holds, in structured form; None when it holds none (a record
    another producer wrote by mistake): a reader skips it rather than stop."""
    try:
        named = {name.lower(): raw.decode() for name, raw in headers or () if raw is not None}
        body = json.loads(value) if value is not None else None
    except (UnicodeDecodeError, ValueError):
        return None
    if ATTRIBUTE_PREFIX + "specversion" not in named:
        return body if isinstance(body, dict) else None
    alert: dict[str, Any] = {
        name.removeprefix(ATTRIBUTE_PREFIX): text
        for name, text in named.items()
        if name.startswith(ATTRIBUTE_PREFIX)
    }
    if "content-type" in named:
        alert["datacontenttype"] = named["content-type"]
    alert["data"] = body
    return alert


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")
