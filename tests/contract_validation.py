"""Checks against the contract: an alert is a valid CloudEvents 1.0 event and matches the
schemas in service/contract/, as does a dead letter's headers and an Article.

Two independent validators for an alert: the CloudEvents SDK parses it as a v1.0 event, and
the JSON Schemas (the same files the worker and docs/asyncapi.yaml use) check storywatch's
own fields.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from cloudevents.core.formats.json import JSONFormat
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

from service.contract_schemas import ALERT, contract_schema


def _retrieve(uri: str) -> Resource[Any]:
    """A schema's `$ref` to a sibling file, by its file name."""
    return Resource.from_contents(contract_schema(Path(uri).name))


@cache
def contract_validator(name: str) -> Draft7Validator:
    """A validator for one schema file, its references to sibling files resolved."""
    return Draft7Validator(
        contract_schema(name),
        registry=Registry(retrieve=_retrieve),  # type: ignore[call-arg]
        format_checker=FormatChecker(),
    )


def schema_errors(name: str, document: Any) -> list[str]:
    """What the schema finds wrong with `document`, one line each (none: it is valid)."""
    errors = sorted(contract_validator(name).iter_errors(document), key=lambda e: list(e.path))
    return [f"{list(error.path)}: {error.message}" for error in errors]


def assert_valid_alert(raw: bytes | str) -> dict[str, Any]:
    """The alert as a dict, after both validators accept it (they raise otherwise)."""
    event = JSONFormat().read(None, raw)
    assert event.get_specversion() == "1.0"
    alert: dict[str, Any] = json.loads(raw)
    errors = schema_errors(ALERT, alert)
    assert not errors, "; ".join(errors)
    return alert
