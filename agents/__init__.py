"""The Faust agents: thin loops over streams that call `service/` and send on.

Importing this package registers every agent, and the two background tasks (the live page's
feed, the consumer-lag gauge), on `service.app.app`.
"""

from agents import analyse, assign, consumer_lag, page_feed, track

__all__ = ["analyse", "assign", "consumer_lag", "page_feed", "track"]
