"""Worker log lines: plain text by default, one JSON object per line on request."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator

import pytest

from service.logs import logging_config


@pytest.fixture()
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def emit(log_format: str, monkeypatch: pytest.MonkeyPatch) -> str:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    logging.config.dictConfig(logging_config(log_format, "info"))
    logging.getLogger("agents.desk").info(
        "alert published: %s", "New story", extra={"alert_id": "abc", "story_id": "story-1"}
    )
    logging.getLogger("agents.desk").debug("not shown at info")
    return stream.getvalue()


def test_plain_lines_carry_time_level_logger_and_message(
    restored_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    [line] = emit("plain", monkeypatch).splitlines()
    assert line.endswith(" INFO agents.desk: alert published: New story")


def test_json_lines_are_objects_with_the_extra_fields_as_keys(
    restored_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    [line] = emit("json", monkeypatch).splitlines()
    record = json.loads(line)
    assert record["level"] == "INFO"
    assert record["logger"] == "agents.desk"
    assert record["message"] == "alert published: New story"
    assert (record["alert_id"], record["story_id"]) == ("abc", "story-1")
    assert record["time"][:2] == "20"
