"""Shared by every test: the in-process Faust app uses the memory store (test_context needs it),
and every e2e worker gets its own settings through the environment it is started with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("STORYWATCH_TABLE_STORE", "memory://")

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_gaza_ceasefire_talks.jsonl"


@pytest.fixture(scope="session")
def seed_article() -> dict[str, Any]:
    """The seed article (Gaza ceasefire talks, published 2025-07-01T06:00:00Z) as a JSON object."""
    return json.loads(SEED_FILE.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate for 127.0.0.1 (cert.pem), its key beside it (key.pem), made
    with Debian's openssl."""
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder / "cert.pem"
