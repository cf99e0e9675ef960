"""The one settings class: every knob is a `STORYWATCH_*` environment variable.

The defaults run on a laptop against the embedded broker. Production sets at least
`STORYWATCH_BROKER_URL`, `STORYWATCH_DATA_DIR` and longer consumer-group timeouts
(see deploy/README.md). The table in README.md is generated from this class by
`storywatch settings` so the two cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Validated, immutable configuration read from `STORYWATCH_*` variables."""

    model_config = SettingsConfigDict(env_prefix="STORYWATCH_", frozen=True, extra="ignore")

    broker_url: str | None = Field(
        default=None,
        description="Kafka bootstrap URL, e.g. kafka://127.0.0.1:9092 (several: comma-separated). "
        "Unset: `storywatch run` starts the embedded broker; `worker` requires it.",
    )
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT",
        description="How every Kafka client of storywatch connects (docs/OPERATIONS.md, "
        '"Security").',
    )
    kafka_ssl_cafile: Path | None = Field(
        default=None, description="CA certificate (PEM) to trust for SSL; unset: the system's."
    )
    kafka_ssl_certfile: Path | None = Field(
        default=None, description="Client certificate (PEM), for a broker that asks for one."
    )
    kafka_ssl_keyfile: Path | None = Field(default=None, description="Client key (PEM).")
    kafka_ssl_key_password: SecretStr | None = Field(
        default=None, description="Password of the client key, if it has one (secret)."
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        default="PLAIN", description="SASL mechanism, with SASL_PLAINTEXT or SASL_SSL."
    )
    kafka_sasl_username: str | None = Field(default=None, description="SASL user name.")
    kafka_sasl_password: SecretStr | None = Field(
        default=None, description="SASL password (secret: never logged or printed)."
    )
    producer_batch_bytes: int = Field(
        default=1,
        ge=1,
        description="Most bytes a producer gathers per partition into one record batch; 1 sends "
        "every record in a batch of its own. The embedded broker (Tansu 0.6) reports a "
        "partition's end at the start of its last batch, so larger batches hide records from "
        "lag, table recovery and event-time order (DEVELOPERS.md); on Apache Kafka, raise it "
        "for high volumes.",
    )
    articles_topic: str = Field(default="articles", description="Input topic of Article JSON.")
    alerts_topic: str = Field(default="alerts", description="Output topic of CloudEvents alerts.")
    alert_mode: Literal["structured", "binary"] = Field(
        default="structured",
        description="CloudEvents Kafka binding of the alerts: structured (the whole event as "
        "JSON) or binary (attributes as ce_* headers, the data as the value); readers take both.",
    )
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
    web_token: SecretStr | None = Field(
        default=None,
        description="Bearer token the page and its API require (docs/OPERATIONS.md, "
        '"Security"); /metrics, /healthz and /readyz stay open. Unset: no token.',
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
    fetch_wait_ms: int = Field(
        default=50,
        ge=0,
        le=60_000,
        description="Longest the broker may hold a fetch with nothing new; every hop between "
        "agents can wait this long (service.fetch_wait).",
    )
    parse_processes: int = Field(
        default=0,
        ge=0,
        description="Child processes that parse, each with its own spaCy pipeline; 0 parses in "
        "a thread of the worker (service.nlp.parsing says when processes pay).",
    )
    triage: bool = Field(
        default=False,
        description="Parse only the sentences that can carry news: the lede, quotes, and "
        "sentences with a trigger or reporting word (service.nlp.triage).",
    )
    batch_window_s: float = Field(
        default=0.05,
        gt=0,
        description="Longest wait to fill an analysis batch (a backlog fills it at once).",
    )
    log_level: str = Field(default="info", description="Worker log level.")
    log_format: Literal["plain", "json"] = Field(
        default="plain",
        description="Worker log lines: plain text, or one JSON object per line for a log pipeline.",
    )
    page_backlog: int = Field(
        default=200,
        ge=0,
        description="Alerts per partition of the alerts topic the live page loads when the "
        "worker starts.",
    )
    broker_wait_s: float = Field(
        default=120.0,
        ge=0,
        description="How long `worker` keeps trying, with back-off, to reach a broker that "
        "does not answer at start before it gives up; 0: at once.",
    )
    broker_probe_interval_s: float = Field(
        default=2.0,
        gt=0,
        description="How often the worker asks the broker for its metadata (readiness, "
        "storywatch_broker_reachable).",
    )
    broker_probe_timeout_s: float = Field(
        default=5.0,
        gt=0,
        description="A broker that has not answered the probe within this many seconds is "
        "silent: one log line, /readyz 503, until it answers again.",
    )
    lag_interval_s: float = Field(
        default=10.0,
        gt=0,
        description="How often the worker measures its consumer lag (storywatch_consumer_lag).",
    )
    story_idle_days: float = Field(
        default=30.0,
        gt=0,
        description="A story with no report for this long (by articles' published_at) is dropped "
        "from state; a later report opens a new story. Bounds state; joining fades earlier, by "
        "the half-life.",
    )
    story_half_life_days: float = Field(
        default=30.0,
        gt=0,
        description="A story's similarity to a new report halves with every this many days of "
        "silence since its last report (time decay instead of a hard cut).",
    )
    story_similarity: float = Field(
        default=0.25,
        gt=0,
        le=1,
        description="Similarity (cosine of TF-IDF weighted words and names, after time decay) of "
        "a report to an active story at which the report joins that story; below it, the report "
        "opens a new story.",
    )
    story_name_weight: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of a report's similarity to a story that comes from the names they "
        "share; the rest comes from their words.",
    )
    reorder_idle_s: float = Field(
        default=5.0,
        ge=0,
        description="Story assignment holds reports until every input partition has reported a "
        "later one (event-time order), or has sent nothing for this many seconds; 0 assigns in "
        "arrival order.",
    )
    reorder_drained_s: float = Field(
        default=0.3,
        ge=0,
        description="An input partition whose every message has reached story assignment "
        "stops holding reports back once it has sent nothing for this many seconds; a burst "
        "sent with shorter gaps keeps event-time order whatever the number of workers.",
    )
    reorder_capacity: int = Field(
        default=10_000,
        ge=1,
        description="Most reports held for event-time order; past it the earliest is assigned.",
    )
    near_copy_similarity: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="Estimated shingle overlap (Jaccard, 0..1) above which an article is a copy "
        "of a report the story has: it raises nothing and counts one more source.",
    )
    update_min_overlap: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="An article that comes again under its id with another text is an update "
        "if the two share at least this estimated shingle overlap (Jaccard, 0..1); below it, "
        "another article under a taken id, and it goes to the dead-letter topic (`id_conflict`).",
    )
    quote_repeat_overlap: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="Share of a quote's word pairs already in a reported statement above which "
        "it is a repeat, not a new statement.",
    )
    speaker_hours: float = Field(
        default=12.0,
        ge=0,
        description="Hours after a speaker's statement alerts in which the same story raises no "
        "other statement of theirs (outlets word one speech differently all day).",
    )
    tone_shift_threshold: float = Field(
        default=0.3,
        gt=0,
        description="Least difference of mean sentiment (-1..1) between a story's recent reports "
        "and its settled tone that raises a sentiment.shift alert.",
    )
    tone_significance: float = Field(
        default=3.0,
        gt=0,
        description="Least Welch t statistic of that difference: a swing, not the spread of "
        "the reports.",
    )
    tone_window_reports: int = Field(
        default=4,
        ge=2,
        description="Recent reports of a story compared with its settled tone.",
    )
    tone_baseline_reports: int = Field(
        default=6,
        ge=2,
        description="Reports a story's settled tone needs before it can shift, also after a "
        "shift (hysteresis).",
    )
    tone_min_outlets: int = Field(
        default=2,
        ge=1,
        description="Least distinct outlets among the recent reports of a tone shift.",
    )
    tone_cooldown_hours: float = Field(
        default=24.0,
        ge=0,
        description="Least hours between two sentiment.shift alerts of one story.",
    )
    story_sources: int = Field(
        default=6,
        ge=1,
        description="Outlets that announce a story (story.new) whose first report stated no "
        "development of its own.",
    )
    repeat_days: float = Field(
        default=3.0,
        ge=0,
        description="Days within which a development another active story announced (same "
        "event type and status, a shared participant) is not announced again.",
    )
    background_days: float = Field(
        default=7.0,
        gt=0,
        description="An event dated more than this many days before its article is background "
        "and never alerts.",
    )
    expiry_sweep_days: float = Field(
        default=1.0,
        gt=0,
        description="The story desk drops idle cards and stories once per this many days of "
        "stream time (publication times), as of the period's start, so every runner, and a "
        "desk restarted mid-stream, drops the same ones.",
    )

    def analyses_topic(self) -> str:
        """The internal topic between analysis and the story desk, under one key."""
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
