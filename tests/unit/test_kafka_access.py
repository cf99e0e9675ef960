"""Kafka security from settings: what every client gets, and secrets that stay secret."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from service.kafka_access import PLAINTEXT, client_options
from service.settings import Settings

SECRET = "pa55-w0rd-never-shown"


def test_plaintext_is_the_default() -> None:
    assert client_options(Settings()) == PLAINTEXT


def test_sasl_gives_every_client_the_mechanism_user_and_password() -> None:
    settings = Settings(
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username="storywatch",
        kafka_sasl_password=SECRET,
    )
    options = client_options(settings)
    assert options["security_protocol"] == "SASL_PLAINTEXT"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == (
        "storywatch",
        SECRET,
    )


def test_ssl_trusts_the_configured_ca(certificate: Path) -> None:
    options = client_options(
        Settings(kafka_security_protocol="SASL_SSL", kafka_ssl_cafile=certificate,
                 kafka_sasl_username="u", kafka_sasl_password=SECRET)
    )  # fmt: skip
    assert options["security_protocol"] == "SASL_SSL"
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "127.0.0.1"),),)]


def test_sasl_without_a_password_is_one_clear_error() -> None:
    with pytest.raises(ValueError, match="STORYWATCH_KAFKA_SASL_PASSWORD"):
        client_options(Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_username="u"))


def test_secrets_are_hidden_when_settings_are_shown() -> None:
    settings = Settings(kafka_sasl_password=SECRET, kafka_ssl_key_password=SECRET, web_token=SECRET)
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings.model_dump())
    assert SECRET not in settings.model_dump_json()
