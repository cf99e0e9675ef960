"""Specification of the alerts' CloudEvents Kafka binding: both content modes, read back by
storywatch's own reader and by the CloudEvents SDK (the e2e tests do it through the broker)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_kafka
from cloudevents.core.formats.json import JSONFormat

from service.alert_binding import STRUCTURED_CONTENT_TYPE, alert_message, read_alert
from service.alerts import build_alert, encode_alert
from service.contract_schemas import ALERT_DATA
from service.stories.tracking import track
from tests.contract_validation import assert_valid_alert, schema_errors
from tests.unit.analyses import make_analysis, make_event
from tests.unit.test_alerts import DETECTED, RULES


def an_alert() -> dict[str, Any]:
    development = track(None, make_analysis(events=[make_event()]), RULES).developments[0]
    return build_alert(development, "sw", DETECTED)


def sdk_event(message: Any) -> Any:
    return from_kafka(KafkaMessage(dict(message.headers), message.key, message.value), JSONFormat())


def test_structured_mode_is_the_whole_event_with_its_content_type() -> None:
    alert = an_alert()
    message = alert_message(alert, "structured")
    assert message.headers == [("content-type", STRUCTURED_CONTENT_TYPE.encode())]
    assert message.key == alert["subject"].encode()
    assert_valid_alert(message.value)
    assert read_alert(message.value, message.headers) == alert
    event = sdk_event(message)
    assert (event.get_id(), event.get_type()) == (alert["id"], alert["type"])


def test_binary_mode_carries_the_attributes_as_ce_headers_and_the_data_as_the_value() -> None:
    alert = an_alert()
    message = alert_message(alert, "binary")
    headers = dict(message.headers)
    assert headers["ce_type"] == alert["type"].encode()
    assert headers["ce_id"] == alert["id"].encode()
    assert headers["ce_subject"] == alert["subject"].encode()
    assert headers["content-type"] == b"application/json"
    assert "ce_data" not in headers and "ce_datacontenttype" not in headers
    assert json.loads(message.value) == alert["data"]
    assert not schema_errors(ALERT_DATA, json.loads(message.value))
    assert read_alert(message.value, message.headers) == alert
    event = sdk_event(message)
    assert (event.get_id(), event.get_type(), event.get_data()) == (
        alert["id"],
        alert["type"],
        alert["data"],
    )


def test_a_plain_json_value_without_headers_is_still_read() -> None:
    alert = an_alert()
    assert read_alert(encode_alert(alert)) == alert


@pytest.mark.parametrize(
    ("value", "headers"),
    [
        (b"not json", []),
        (b"[1, 2]", []),
        (None, []),
        (b'{"a": 1}', [("ce_specversion", b"\xff\xfe")]),
        (b"not json", [("ce_specversion", b"1.0")]),
    ],
    ids=["not-json", "not-object", "no-value", "header-not-utf8", "binary-not-json"],
)
def test_a_record_that_holds_no_alert_reads_as_none(
    value: bytes | None, headers: list[tuple[str, bytes]]
) -> None:
    assert read_alert(value, headers) is None
