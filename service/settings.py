"""The one settings class: every knob is a `STORYWATCH_*` environment variable.

The defaults run on a laptop against the embedded broker. Production sets at least
`STORYWATCH_BROKER_URL`, `STORYWATCH_DATA_DIR` and longer consumer-group timeouts
(see deploy/README.md). The table in README.md is generated from this class by
`storywatch settings` so the two cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Validated, immutable configuration read from `STORYWATCH_*` variables."""

    model_config = SettingsConfigDict(env_prefix="STORYWATCH_", frozen=True, extra="ignore")

    broker_url: str | None = Field(
        default=None,
        description="Kafka bootstrap URL, e.g. kafka://127.0.0.1:9092 (several: comma-separated). "
        "Unset: `storywatch run` starts the embedded broker; `worker` requires it.",
    )
    articles_topic: str = Field(default="articles", description="Input topic of Article JSON.")
    alerts_topic: str = Field(default="alerts", description="Output topic of CloudEvents alerts.")
    dlq_topic: str = Field(
        default="articles-dlq",
        description="Dead-letter topic for input that is not a valid Article.",
    )
    app_id: str = Field(
        default="storywatch",
        description="Faust app id: the consumer group and the prefix of internal topics.",
    )
    partitions: int = Field(
        default=4,
        ge=1,
        description="Partitions of the topics storywatch creates (internal topics and tables must "
        "share one count).",
    )
    replication_factor: int = Field(
        default=1,
        ge=1,
        description="Replicas of each topic storywatch creates; 3 on a production cluster.",
    )
    web_host: str = Field(default="127.0.0.1", description="Address the worker's web server binds.")
    web_port: int = Field(
        default=6066, ge=1, le=65535, description="Port of /metrics, /healthz and the web page."
    )
    spacy_model: str = Field(
        default="en_core_web_sm",
        description="spaCy pipeline to load; falls back to the other packaging of en_core_web_sm.",
    )
    data_dir: Path = Field(
        default=Path(".storywatch"),
        description="Local state (table stores). `run` with the embedded broker uses a fresh "
        "temporary folder, because that broker keeps nothing across restarts.",
    )
    table_store: str = Field(
        default="rocksdb://",
        description="Faust table store: rocksdb:// (durable, default) or memory://.",
    )
    session_timeout_s: float = Field(
        default=3.0,
        gt=0,
        description="Consumer-group session and rebalance timeout; short for quick local joins, "
        "30-60 s on a production cluster.",
    )
    heartbeat_interval_s: float = Field(
        default=1.0, gt=0, description="Consumer-group heartbeat interval."
    )
    batch_size: int = Field(
        default=32, ge=1, description="Most articles analysed together in one spaCy batch."
    )
    batch_window_s: float = Field(
        default=0.2, gt=0, description="Longest wait to fill an analysis batch."
    )
    log_level: str = Field(default="info", description="Worker log level.")

    def analyses_topic(self) -> str:
        """The internal topic between the analysis and tracking agents, keyed by story id."""
        return f"{self.app_id}-analyses"

    def bootstrap_servers(self) -> str:
        """The broker URL as aiokafka wants it: `host:port[,host:port]`, no scheme."""
        if not self.broker_url:
            raise ValueError(
                "no broker URL: set STORYWATCH_BROKER_URL, e.g. kafka://127.0.0.1:9092"
            )
        return ",".join(
            server.strip().removeprefix("kafka://") for server in self.broker_url.split(",")
        )

    def faust_broker_url(self) -> str:
        """The broker URL as Faust wants it: `kafka://host:port[;host:port]`."""
        return "kafka://" + ";".join(self.bootstrap_servers().split(","))


@lru_cache(maxsize=1)
def current_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
