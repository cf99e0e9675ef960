"""The `storywatch` command: run, worker, broker, replay, alerts, analyze, backtest, settings.

Errors a user can cause end in one sentence on stderr and exit code 1 (2 for bad usage);
tracebacks are for bugs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from service.alerts_command import add_alerts_command, print_alerts
from service.broker import BrokerError, EmbeddedBroker
from service.ingest import Rejection, parse_timestamp, validate_article
from service.kafka_access import client_options
from service.local_run import RunError, check_web_port, log_folder
from service.nlp.model import ModelNotInstalled
from service.replay import (
    ArticleFileError,
    article_files,
    article_from_text,
    produce_articles,
    read_articles,
    read_jsonl,
)
from service.schemas import Article, utc_iso
from service.settings import Settings
from service.topics import (
    BrokerUnreachable,
    ensure_topics,
    ensure_topics_patiently,
    external_topics,
)

DEFAULT_ARTICLES = Path("seeds")
USER_ERRORS = (
    ArticleFileError,
    BrokerError,
    BrokerUnreachable,
    ModelNotInstalled,
    FileNotFoundError,
    IsADirectoryError,
    PermissionError,
    RunError,
)


class CommandError(RuntimeError):
    """A user-caused failure of a command, worded for the user."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "STORYWATCH_" + "_".join(str(part) for part in first["loc"]).upper()
        return _fail(f"{name} is invalid: {first['msg']}")
    command: Callable[[argparse.Namespace, Settings], int] = arguments.command
    # Commands report broker trouble in one sentence of their own; aiokafka's connection log
    # lines would only repeat it. The running worker turns them back on, for its log.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    try:
        return command(arguments, settings)
    except KeyboardInterrupt:
        return 130
    except (CommandError, *USER_ERRORS) as exc:
        return _fail(str(exc))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _fail(message: str) -> int:
    print(f"storywatch: error: {message}", file=sys.stderr)
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storywatch",
        description="Watch a Kafka stream of news articles; alert only on what is new.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run", help="local all-in-one: broker, worker, replay of articles, alerts printed"
    )
    run.add_argument(
        "--articles",
        type=Path,
        nargs="+",
        default=[DEFAULT_ARTICLES],
        metavar="PATH",
        help="JSONL or text files, or folders of them (default: seeds/)",
    )
    run.add_argument(
        "--until-idle",
        action="store_true",
        help="exit 0 once every replayed article is processed and its alerts are read back",
    )
    run.add_argument(
        "--alerts-out",
        type=Path,
        metavar="FILE",
        help="also write each alert as one CloudEvents JSON line",
    )
    run.add_argument(
        "--idle-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="with --until-idle, fail if not idle after this long (default 300)",
    )
    run.set_defaults(command=command_run)

    worker = commands.add_parser("worker", help="the stream worker alone (production entry point)")
    worker.set_defaults(command=command_worker)

    broker = commands.add_parser("broker", help="the embedded broker alone; prints its URL first")
    broker.add_argument("--port", type=int, help="port to listen on (default: a free one)")
    broker.set_defaults(command=command_broker)

    replay = commands.add_parser("replay", help="produce articles from JSONL or text files")
    replay.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    replay.add_argument(
        "--published-at", metavar="ISO", help="date for plain-text files (default: now)"
    )
    replay.set_defaults(command=command_replay)

    add_alerts_command(commands, command_alerts)

    analyze = commands.add_parser("analyze", help="analyse one article, print JSON; no broker")
    analyze.add_argument(
        "file", type=Path, metavar="FILE", help="one Article JSON object, or plain text"
    )
    analyze.add_argument("--published-at", metavar="ISO", help="date for plain text (default: now)")
    analyze.set_defaults(command=command_analyze)

    backtest = commands.add_parser(
        "backtest", help="run JSONL archives through the worker's steps in one process; no broker"
    )
    backtest.add_argument("paths", type=Path, nargs="+", metavar="FILE", help="JSONL files")
    backtest.add_argument(
        "--alerts-out", type=Path, metavar="FILE", help="write each alert as CloudEvents JSON"
    )
    backtest.add_argument(
        "--stories-out", type=Path, metavar="FILE", help="write each article's story id"
    )
    backtest.set_defaults(command=command_backtest)

    table = commands.add_parser("settings", help="print the STORYWATCH_* settings as a table")
    table.set_defaults(command=command_settings)
    return parser


def command_run(arguments: argparse.Namespace, settings: Settings) -> int:
    from service.local_run import RunOptions, run_all_in_one

    # SIGTERM unwinds like Ctrl-C, so the worker and the embedded broker are stopped too.
    # SIGINT is set as well: a shell starts background jobs with it ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    options = RunOptions(
        article_paths=arguments.articles,
        until_idle=arguments.until_idle,
        alerts_out=arguments.alerts_out,
        idle_timeout_s=arguments.idle_timeout,
    )
    return run_all_in_one(settings, options)


def command_worker(arguments: argparse.Namespace, settings: Settings) -> int:
    if not settings.broker_url:
        raise CommandError(
            "the worker needs a broker: set STORYWATCH_BROKER_URL (for a local one, "
            "run `storywatch broker` and use the URL it prints)"
        )
    check_web_port(settings)
    asyncio.run(
        ensure_topics_patiently(
            settings,
            external_topics(settings),
            say=lambda line: print(f"storywatch: {line}", file=sys.stderr, flush=True),
        )
    )

    import faust

    import agents  # noqa: F401  (registers the agents on the app)
    from service.app import app
    from service.logs import logging_config

    logging.getLogger("aiokafka").setLevel(logging.NOTSET)
    worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        logging_config=logging_config(settings.log_format, settings.log_level),
        # Faust's start-up banner is not a log line: it would break one-JSON-object-per-line.
        quiet=settings.log_format == "json",
    )
    worker.execute_from_commandline()
    return 0


def command_broker(arguments: argparse.Namespace, settings: Settings) -> int:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    log_path = log_folder(settings) / "broker.log"
    with EmbeddedBroker(port=arguments.port, log_path=log_path) as broker:
        print(broker.url, flush=True)
        print(
            f"embedded broker (Tansu) listening; log: {broker.log_path}; Ctrl-C stops it",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.5):
            if not broker.is_running():
                raise CommandError(f"the embedded broker stopped; see {broker.log_path}")
    return 0


def command_replay(arguments: argparse.Namespace, settings: Settings) -> int:
    published_at = _timestamp_option(arguments.published_at)
    articles = read_articles(arguments.paths, published_at)
    bootstrap = _require_broker(settings)
    asyncio.run(ensure_topics(settings, external_topics(settings)))
    summary = asyncio.run(
        produce_articles(
            bootstrap,
            settings.articles_topic,
            articles,
            progress=True,
            security=client_options(settings),
            batch_bytes=settings.producer_batch_bytes,
        )
    )
    print(summary.describe(), file=sys.stderr)
    return 0


def command_alerts(arguments: argparse.Namespace, settings: Settings) -> int:
    return print_alerts(arguments, settings, _require_broker(settings))


def command_analyze(arguments: argparse.Namespace, settings: Settings) -> int:
    from service.nlp.analysis import analyse_articles
    from service.nlp.pipeline import build_pipeline

    article = _article_from_file(arguments.file, _timestamp_option(arguments.published_at))
    nlp = build_pipeline(settings.spacy_model, settings.triage)
    [analysis] = analyse_articles(nlp, [article])
    document = analysis.asdict()
    document.pop("received_at", None)
    print(json.dumps(_plain(document), ensure_ascii=False, indent=2))
    return 0


def command_backtest(arguments: argparse.Namespace, settings: Settings) -> int:
    from service.backtest import run_backtest
    from service.nlp.pipeline import build_pipeline

    paths = article_files(arguments.paths)
    nlp = build_pipeline(settings.spacy_model, settings.triage)
    with contextlib.ExitStack() as outputs:
        alerts_out = _output(outputs, arguments.alerts_out)
        stories_out = _output(outputs, arguments.stories_out)
        summary = run_backtest(paths, settings, nlp, alerts_out, stories_out)
    print(summary.describe(), file=sys.stderr)
    return 0


def _output(outputs: contextlib.ExitStack, path: Path | None) -> IO[str] | None:
    return outputs.enter_context(path.open("w", encoding="utf-8")) if path else None


def command_settings(arguments: argparse.Namespace, settings: Settings) -> int:
    print("| variable | default | meaning |\n|---|---|---|")
    for name, field in Settings.model_fields.items():
        default = "unset" if field.default is None else f"`{field.default}`"
        print(f"| `STORYWATCH_{name.upper()}` | {default} | {field.description} |")
    return 0


def _article_from_file(path: Path, published_at: datetime | None) -> Article:
    if path.suffix in (".json", ".jsonl"):
        text = path.read_text(encoding="utf-8")
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            objects = read_jsonl(path)
            if len(objects) != 1:
                raise CommandError(f"{path} must hold one Article JSON object") from None
            document = objects[0]
        if not isinstance(document, dict):
            raise CommandError(f"{path} must hold one Article JSON object")
    else:
        document = article_from_text(path, published_at or datetime.now().astimezone())
    if published_at is not None:
        document["published_at"] = published_at.isoformat()
    validated = validate_article(document)
    if isinstance(validated, Rejection):
        raise CommandError(f"{path} is not a valid Article: {validated.detail}")
    return validated


def _timestamp_option(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = parse_timestamp(value)
    if parsed is None:
        raise CommandError(
            "--published-at must be ISO 8601 with an offset, "
            f"e.g. 2025-07-01T06:00:00Z; got {value!r}"
        )
    return parsed


def _require_broker(settings: Settings) -> str:
    if not settings.broker_url:
        raise CommandError(
            "no broker configured: set STORYWATCH_BROKER_URL "
            "(e.g. to the URL `storywatch broker` prints)"
        )
    return settings.bootstrap_servers()


def _plain(value: object) -> object:
    """Records and datetimes as JSON-ready values, without Faust's metadata."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "__faust"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "asdict"):
        return _plain(value.asdict())
    if isinstance(value, datetime):
        return utc_iso(value)
    return value


if __name__ == "__main__":
    sys.exit(main())
