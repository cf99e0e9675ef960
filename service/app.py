"""The Faust app, its topics and table, as module-level names; `import agents` adds the agents.

Topics:
- `articles` (raw bytes: decoded by `service.ingest`, so bad input can be dead-lettered),
- `<app id>-analyses` (internal; every analysis under one key, `desk`: the story desk
  compares each report with every active story, in event-time order),
- `alerts` (CloudEvents JSON bytes) and `articles-dlq` (the original bytes plus headers).
"""

from __future__ import annotations

import faust

from service.fetch_wait import set_fetch_wait
from service.health import STARTUP, readiness_of
from service.kafka_access import faust_credentials
from service.metrics import add_faust_sensor
from service.schemas import Analysis
from service.settings import Settings, current_settings
from service.web.access import web_application_options
from service.web.live import LiveFeed
from service.web.pages import add_pages


def create_app(settings: Settings) -> faust.App:
    """A Faust app configured from settings; agents register on it when imported."""
    set_fetch_wait(settings.fetch_wait_ms)
    return faust.App(
        settings.app_id,
        broker=settings.faust_broker_url() if settings.broker_url else "kafka://127.0.0.1:9092",
        broker_credentials=faust_credentials(settings),
        store=settings.table_store,
        datadir=str(settings.data_dir),
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        web_application_options=web_application_options(
            settings.web_token.get_secret_value() if settings.web_token else None
        ),
        broker_session_timeout=settings.session_timeout_s,
        broker_rebalance_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        # Tansu refuses idempotent producers; alerts are de-duplicated by stable ids instead.
        producer_acks=-1,
        producer_max_batch_size=settings.producer_batch_bytes,
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        consumer_auto_offset_reset="earliest",
        # Neither a rebalance nor a stop waits for every message in hand to be acknowledged:
        # the desk holds reports unacknowledged for event-time order (agents/desk.py), and a
        # worker that waited for them would wait for input it no longer reads. What is not
        # acknowledged is not committed, and the partition's next owner reads it again.
        stream_wait_empty=False,
        logging_config=None,
    )


settings = current_settings()
app = create_app(settings)

articles_topic = app.topic(
    settings.articles_topic, key_serializer="raw", value_serializer="raw", allow_empty=True
)
analyses_topic = app.topic(
    settings.analyses_topic(),
    key_type=str,
    value_type=Analysis,
    internal=True,
    partitions=settings.partitions,
)
alerts_topic = app.topic(settings.alerts_topic, key_serializer="raw", value_serializer="raw")
dlq_topic = app.topic(settings.dlq_topic, key_serializer="raw", value_serializer="raw")

#: The key of every message on the analyses topic: the story desk is one ordered step.
DESK_KEY = "desk"

story_cards_table = app.Table(
    "story-cards",
    default=None,
    key_type=str,
    partitions=settings.partitions,
    help="Active stories' name vectors by story id (service.stories.identity.StoryCard).",
)
stories_table = app.Table(
    "stories",
    default=None,
    key_type=str,
    partitions=settings.partitions,
    help="Story state by story id (service.stories.tracking.StoryState as JSON).",
)

passed_over_table = app.Table(
    "passed-over",
    default=None,
    key_type=str,
    partitions=settings.partitions,
    help="Reports that joined no story, by article id: [text hash, published_at]; a "
    "re-delivery of one is a repeat (service.stories.assigning).",
)


#: `GET /metrics`: Faust's own sensor (storywatch_faust_*: messages, sends, commits,
#: rebalances, web requests) next to the storywatch_* metrics, from one registry.
add_faust_sensor(app)

#: What the live page shows; filled from the alerts topic by agents/page_feed.py.
live_feed = LiveFeed()
add_pages(app, live_feed, stories_table)


@app.page("/healthz")
async def healthz(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
    """The process is alive and its event loop answers."""
    return view.json({"status": "ok", "app": settings.app_id})


@app.page("/readyz")
async def readyz(view: faust.web.View, request: faust.web.Request) -> faust.web.Response:
    """200 once the group is joined, the tables recovered and the model loaded; 503 before."""
    readiness = readiness_of(app, STARTUP)
    return view.json(readiness.as_json(), status=200 if readiness.ready else 503)
