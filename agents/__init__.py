"""The Faust agents: thin loops over streams that call `service/` and send on.

Importing this package registers every agent, and the background tasks (the live page's feed,
the consumer-lag gauge, the broker probe, the watch for skipped input), on `service.app.app`.
"""

from agents import ack_watch, analyse, broker_watch, consumer_lag, desk, page_feed

__all__ = ["ack_watch", "analyse", "broker_watch", "consumer_lag", "desk", "page_feed"]
