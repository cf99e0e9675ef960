"""The Faust agents: thin loops over streams that call `service/` and send on.

Importing this package registers every agent, and the three background tasks (the live page's
feed, the consumer-lag gauge, the broker probe), on `service.app.app`.
"""

from agents import analyse, broker_watch, consumer_lag, desk, page_feed

__all__ = ["analyse", "broker_watch", "consumer_lag", "desk", "page_feed"]
