"""`storywatch alerts`: read the alerts topic as a subscriber, filtered (service.subscription),
printed for people or as CloudEvents JSON lines, and optionally appended to a file."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from service.alert_reader import AlertReader
from service.alerts import describe_alert
from service.kafka_access import client_options
from service.settings import Settings
from service.subscription import SEVERITIES, AlertFilter
from service.topics import ensure_topics


def add_alerts_command(commands: Any, command: Callable[..., int]) -> None:
    """The `alerts` subcommand and its options, on the command line's subparsers."""
    alerts = commands.add_parser("alerts", help="read and print alerts")
    alerts.add_argument("--follow", action="store_true", help="keep printing new alerts")
    alerts.add_argument(
        "--from-beginning",
        action="store_true",
        help="start at the oldest alert kept, not at the newest",
    )
    alerts.add_argument("--json", action="store_true", help="print each alert as CloudEvents JSON")
    alerts.add_argument(
        "--out", type=Path, metavar="FILE", help="also append each alert to FILE as a JSON line"
    )
    alerts.add_argument(
        "--kind", action="append", default=[], metavar="KIND", help="e.g. event.status_changed"
    )
    alerts.add_argument("--min-severity", choices=SEVERITIES, help="this severity or higher")
    alerts.add_argument("--story", action="append", default=[], metavar="ID", help="a story id")
    alerts.add_argument(
        "--event-type", action="append", default=[], metavar="TYPE", help="e.g. CEASEFIRE"
    )
    alerts.add_argument("--actor", action="append", default=[], metavar="NAME", help="a name")
    alerts.set_defaults(command=command)


def print_alerts(arguments: argparse.Namespace, settings: Settings, bootstrap: str) -> int:
    """Read, filter and print alerts until the end of the topic (or forever with --follow)."""
    asyncio.run(ensure_topics(settings, [settings.alerts_topic]))

    if not (arguments.follow or arguments.from_beginning):
        print(
            "storywatch: reading only alerts that arrive now; add --follow to keep waiting "
            "or --from-beginning to see the stored ones",
            file=sys.stderr,
        )

    wanted = AlertFilter.of(
        arguments.kind,
        arguments.min_severity,
        arguments.story,
        arguments.event_type,
        arguments.actor,
    )

    async def read(out: IO[str] | None) -> None:
        reader = AlertReader(bootstrap, settings.alerts_topic, client_options(settings))
        await reader.start(from_beginning=arguments.from_beginning)
        try:
            while True:
                for alert in filter(wanted.wants, await reader.read(timeout_s=0.5)):
                    line = json.dumps(alert, ensure_ascii=False)
                    print(line if arguments.json else describe_alert(alert), flush=True)
                    if out is not None:
                        print(line, file=out, flush=True)
                if not arguments.follow and await reader.at_end():
                    return
        finally:
            await reader.stop()

    with contextlib.ExitStack() as outputs:
        out = outputs.enter_context(arguments.out.open("a")) if arguments.out else None
        asyncio.run(read(out))
    return 0
