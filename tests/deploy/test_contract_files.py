"""The contract's machine-readable files: docs/asyncapi.yaml is a valid AsyncAPI 3 document to
the AsyncAPI project's own parser, its messages are the schemas in service/contract/, and the
worker's input checks, the seeds and the dead-letter kinds agree with those schemas.

Real alerts and dead letters produced through the broker are validated against the same files
in tests/e2e (test_pipeline.py, test_alert_subscribers.py).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.contract_schemas import (
    ALERT,
    ALERT_DATA,
    ARTICLE,
    CONTRACT_DIR,
    DLQ_HEADERS,
    contract_schema,
)
from service.ingest import Rejection, validate_article
from tests.contract_validation import schema_errors

REPO = Path(__file__).parents[2]
ASYNCAPI = REPO / "docs" / "asyncapi.yaml"
CHECKER = REPO / "tests" / "asyncapi"
#: Kinds of failure that the Article schema states; the others need more than a schema.
STRUCTURAL_KINDS = {"missing_field", "wrong_type", "bad_id", "too_long"}


def asyncapi_parse(document: Path) -> dict[str, Any]:
    """What @asyncapi/parser says of a document: diagnostics, and the resolved messages."""
    node = shutil.which("node")
    if node is None or not (CHECKER / "node_modules").is_dir():
        pytest.fail(
            "the AsyncAPI check needs Node.js and its parser: `make test` installs them "
            "(tests/system-packages.sh, then `npm ci --prefix tests/asyncapi`)"
        )
    result = subprocess.run(
        [node, str(CHECKER / "validate.mjs"), str(document)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def without_parser_marks(value: Any) -> Any:
    """A schema as the parser returns it, less the `x-parser-*` keys it adds."""
    if isinstance(value, dict):
        return {k: without_parser_marks(v) for k, v in value.items() if not k.startswith("x-")}
    if isinstance(value, list):
        return [without_parser_marks(v) for v in value]
    return value


@pytest.fixture(scope="module")
def asyncapi() -> dict[str, Any]:
    return asyncapi_parse(ASYNCAPI)


def test_the_asyncapi_document_parses_with_no_error_or_warning(asyncapi: dict[str, Any]) -> None:
    assert asyncapi["parsed"]
    serious = [d for d in asyncapi["diagnostics"] if d["severity"] <= 1]
    assert not serious, serious


def test_the_asyncapi_messages_are_the_contract_schema_files(asyncapi: dict[str, Any]) -> None:
    messages = asyncapi["messages"]
    schemas = {
        ("article", "payload"): ARTICLE,
        ("alertStructured", "payload"): ALERT,
        ("alertBinary", "payload"): ALERT_DATA,
        ("deadLetter", "headers"): DLQ_HEADERS,
    }
    for (message, part), name in schemas.items():
        resolved = without_parser_marks(messages[message][part]["schema"])
        expected = contract_schema(name)
        if name == ALERT:  # the parser resolves the envelope's reference to the data's file
            expected = {**expected, "properties": {**expected["properties"], "data": None}}
            resolved["properties"]["data"] = None
        assert resolved == expected, (message, part)


def test_the_parser_refuses_a_document_whose_schema_file_is_missing(tmp_path: Path) -> None:
    broken = tmp_path / "docs" / "asyncapi.yaml"
    broken.parent.mkdir()
    broken.write_text(ASYNCAPI.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "service" / "contract").mkdir(parents=True)
    for path in CONTRACT_DIR.glob("*.json"):
        if path.name != ALERT_DATA:
            shutil.copy(path, tmp_path / "service" / "contract" / path.name)
    parsed = asyncapi_parse(broken)
    assert not parsed["parsed"] or [d for d in parsed["diagnostics"] if d["severity"] == 0]


def test_the_seed_articles_are_valid_articles() -> None:
    lines = [
        line
        for path in sorted((REPO / "seeds").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert lines
    for line in lines:
        assert not schema_errors(ARTICLE, json.loads(line))


FIELD_VALUES = st.one_of(
    st.none(),
    st.integers(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.text(alphabet="abc xyz", min_size=0, max_size=300),
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            name: FIELD_VALUES for name in contract_schema(ARTICLE)["properties"] if name != "id"
        }
        | {"id": st.one_of(FIELD_VALUES, st.just("x" * 257))},
    )
)
def test_the_workers_checks_agree_with_the_article_schema_on_structure(
    document: dict[str, Any],
) -> None:
    """Where the schema finds a document wrong, the worker refuses it for that reason; where
    the schema accepts it, the worker refuses it only for what a schema cannot state."""
    document.setdefault("published_at", "2025-07-01T06:00:00Z")
    checked = validate_article(document)
    structural = isinstance(checked, Rejection) and checked.kind in STRUCTURAL_KINDS
    errors = schema_errors(ARTICLE, document)
    wrong_timestamp_only = errors and all("published_at" in error for error in errors)
    if not wrong_timestamp_only:
        assert structural == bool(errors), (document, checked, errors)


def rejection_kinds_in_code() -> set[str]:
    kinds = set()
    for path in [*(REPO / "service").rglob("*.py"), *(REPO / "agents").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "Rejection"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                kinds.add(node.args[0].value)
    return kinds


def test_every_dead_letter_kind_the_code_gives_is_in_the_schema_and_the_contract() -> None:
    in_schema = set(contract_schema(DLQ_HEADERS)["properties"]["error.kind"]["enum"])
    assert rejection_kinds_in_code() == in_schema
    contract = (REPO / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    assert all(f"| `{kind}` |" in contract for kind in in_schema)


def test_the_asyncapi_version_is_the_contracts_latest() -> None:
    from srsly.ruamel_yaml import YAML

    document = YAML(typ="safe").load(ASYNCAPI.read_text(encoding="utf-8"))
    changelog = (REPO / "docs" / "CONTRACT.md").read_text(encoding="utf-8").split("## Changelog")[1]
    latest = re.findall(r"^- v([0-9.]+) \(", changelog, re.MULTILINE)[-1]
    assert document["info"]["version"] == latest
