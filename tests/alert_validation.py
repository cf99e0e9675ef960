"""Checks that an alert is a valid CloudEvents 1.0 event and matches the contract's schema.

Two independent validators: the CloudEvents SDK parses it as a v1.0 event, and the JSON
Schema in docs/alert-v1.schema.json checks storywatch's own fields.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cloudevents.core.formats.json import JSONFormat
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import ALERT_SCHEMA_FILE


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(ALERT_SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def assert_valid_alert(raw: bytes | str) -> dict[str, Any]:
    """The alert as a dict, after both validators accept it (they raise otherwise)."""
    event = JSONFormat().read(None, raw)
    assert event.get_specversion() == "1.0"
    alert: dict[str, Any] = json.loads(raw)
    errors = sorted(_validator().iter_errors(alert), key=lambda error: list(error.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    return alert
