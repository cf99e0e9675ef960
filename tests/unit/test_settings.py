"""Specification of settings: STORYWATCH_* variables, defaults that work on a laptop."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.cli import main
from service.settings import Settings


def test_defaults_work_on_a_laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STORYWATCH_BROKER_URL", "STORYWATCH_WEB_HOST", "STORYWATCH_ARTICLES_TOPIC"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.broker_url is None
    assert settings.web_host == "127.0.0.1"
    assert (settings.articles_topic, settings.alerts_topic, settings.dlq_topic) == (
        "articles",
        "alerts",
        "articles-dlq",
    )


def test_variables_override_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYWATCH_BROKER_URL", "kafka://k1:9092,kafka://k2:9093")
    monkeypatch.setenv("STORYWATCH_WEB_PORT", "7000")
    monkeypatch.setenv("STORYWATCH_APP_ID", "newsroom")
    settings = Settings()
    assert settings.bootstrap_servers() == "k1:9092,k2:9093"
    assert settings.faust_broker_url() == "kafka://k1:9092;k2:9093"
    assert settings.web_port == 7000
    assert settings.analyses_topic() == "newsroom-analyses"


def test_settings_are_immutable() -> None:
    with pytest.raises(ValidationError):
        Settings().web_port = 1  # type: ignore[misc]


def test_an_invalid_variable_ends_in_one_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STORYWATCH_WEB_PORT", "not-a-port")
    assert main(["settings"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("storywatch: error: STORYWATCH_WEB_PORT is invalid")
    assert error.count("\n") == 1


def test_the_settings_table_lists_every_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings"]) == 0
    table = capsys.readouterr().out
    for name in Settings.model_fields:
        assert f"`STORYWATCH_{name.upper()}`" in table


def test_the_readme_carries_the_settings_table_as_generated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.conftest import REPO

    main(["settings"])
    table = capsys.readouterr().out.strip()
    assert table in (REPO / "README.md").read_text(encoding="utf-8"), (
        "README.md's settings table is stale: paste the output of `storywatch settings`"
    )
