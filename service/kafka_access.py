"""How storywatch's Kafka clients reach the broker: plaintext, TLS, SASL, or SASL over TLS.

One place turns the `STORYWATCH_KAFKA_*` settings into Faust credentials, and Faust's own
mapping (`credentials_to_aiokafka_auth`) turns those into the keyword arguments of every
aiokafka client storywatch makes, so the worker's Faust app and its own clients (topic
creation, lag, the broker probe, the page's alert reader, `replay`, `alerts`) connect alike.
Passwords are `SecretStr` settings: their value is read here, for the client, and nowhere else.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from typing import Any

import faust
from aiokafka.helpers import create_ssl_context
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth
from faust.types.auth import CredentialsT

from service.settings import Settings

#: What a client gets when the settings ask for nothing: plaintext, as Kafka's default.
PLAINTEXT: Mapping[str, Any] = {"security_protocol": "PLAINTEXT"}


def faust_credentials(settings: Settings) -> CredentialsT | None:
    """The Faust credentials the settings describe; None for plaintext."""
    protocol = settings.kafka_security_protocol
    context = tls_context(settings) if protocol in ("SSL", "SASL_SSL") else None
    if protocol == "SSL":
        return faust.SSLCredentials(context)
    if protocol in ("SASL_PLAINTEXT", "SASL_SSL"):
        if not settings.kafka_sasl_username or settings.kafka_sasl_password is None:
            raise ValueError(
                f"STORYWATCH_KAFKA_SECURITY_PROTOCOL={protocol} needs "
                "STORYWATCH_KAFKA_SASL_USERNAME and STORYWATCH_KAFKA_SASL_PASSWORD"
            )
        return faust.SASLCredentials(
            username=settings.kafka_sasl_username,
            password=settings.kafka_sasl_password.get_secret_value(),
            ssl_context=context,
            mechanism=settings.kafka_sasl_mechanism,
        )
    return None


def client_options(settings: Settings) -> Mapping[str, Any]:
    """Keyword arguments for an aiokafka client: the security the settings describe."""
    credentials = faust_credentials(settings)
    if credentials is None:
        return PLAINTEXT
    return dict(credentials_to_aiokafka_auth(credentials))


def tls_context(settings: Settings) -> ssl.SSLContext:
    """A client TLS context: the CA file to trust (else the system's), and a client
    certificate and key when the broker asks for one."""
    password = settings.kafka_ssl_key_password
    return create_ssl_context(
        cafile=str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None,
        certfile=str(settings.kafka_ssl_certfile) if settings.kafka_ssl_certfile else None,
        keyfile=str(settings.kafka_ssl_keyfile) if settings.kafka_ssl_keyfile else None,
        password=password.get_secret_value() if password else None,
    )
