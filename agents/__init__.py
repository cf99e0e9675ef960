"""The Faust agents: thin loops over streams that call `service/` and send on.

Importing this package registers every agent on `service.app.app`.
"""

from agents import analyse, assign, track

__all__ = ["analyse", "assign", "track"]
