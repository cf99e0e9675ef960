"""The contract's JSON Schemas, kept in one place: `service/contract/*.schema.json`.

The worker's input checks (`service.ingest`) take the Article's fields and limits from them,
the tests validate real alerts, dead letters and the seed articles with them, and
`docs/asyncapi.yaml` refers to the same files. They ship inside the package, so an installed
worker and a container image carry them too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

CONTRACT_DIR = Path(__file__).parent / "contract"
ARTICLE = "article-v1.schema.json"
ALERT = "alert-v1.schema.json"
ALERT_DATA = "alert-data-v1.schema.json"
DLQ_HEADERS = "dlq-headers-v1.schema.json"


@cache
def contract_schema(name: str) -> dict[str, Any]:
    """One schema file, parsed."""
    schema: dict[str, Any] = json.loads((CONTRACT_DIR / name).read_text(encoding="utf-8"))
    return schema
