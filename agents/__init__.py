"""The Faust agents: thin loops over streams that call `service/` and send on.

Importing this package registers every agent, and the two background tasks (the live page's
feed, the consumer-lag gauge), on `service.app.app`.
"""

from agents import analyse, consumer_lag, desk, page_feed

__all__ = ["analyse", "consumer_lag", "desk", "page_feed"]
