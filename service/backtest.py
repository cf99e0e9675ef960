"""`storywatch backtest`: an archive through the worker's own steps, in one process, no broker.

The steps are the ones the agents call, in the same order: decode (`service.ingest`),
analyse (`service.nlp.analysis`), assign in event-time order (`service.stories.assigning`),
track (`service.stories.tracker`), alerts (`service.alerts`). Only the transport differs:
dicts instead of changelog-backed tables, a sort instead of the reorder window (a whole
archive is known up front, so its event-time order is exact). The same archive gives the
same alert ids here as through the broker.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from spacy.language import Language
from tqdm import tqdm

from service.alerts import encode_alert
from service.ingest import Rejection, decode_article
from service.nlp.analysis import analyse_or_reject
from service.schemas import Analysis, Article, utc_iso
from service.settings import Settings
from service.stories.desk import StoryDesk
from service.stories.identity import Assignment
from service.stories.reorder import event_time_key


@dataclass
class BacktestSummary:
    """What a backtest read and raised."""

    articles: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    #: Articles again with the same id and text: they change nothing.
    repeats: int = 0
    alerts: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        kinds = ", ".join(
            f"{kind.removeprefix('storywatch.')} {n}" for kind, n in self.alerts.items()
        )
        rejected = sum(self.rejected.values())
        return (
            f"backtest: {self.articles} articles, {rejected} rejected, {self.repeats} repeated, "
            f"{self.stories} stories "
            f"opened, {sum(self.alerts.values())} alerts" + (f" ({kinds})" if kinds else "")
        )


def decoded_archive(lines: Sequence[bytes], summary: BacktestSummary) -> list[Article]:
    """The valid Articles of an archive in event-time order; rejections are counted."""
    articles = []
    for raw in lines:
        decoded = decode_article(raw)
        if isinstance(decoded, Rejection):
            summary.rejected[decoded.kind] += 1
        else:
            articles.append(decoded)
    articles.sort(key=lambda a: event_time_key(a.published_at, a.id))
    return articles


def archive_lines(paths: Sequence[Path]) -> list[bytes]:
    """Every non-blank line of the JSONL files, as the bytes a producer would send."""
    lines: list[bytes] = []
    for path in paths:
        with path.open("rb") as handle:
            lines += [line.rstrip(b"\r\n") for line in handle if line.strip()]
    return lines


def analysed(
    nlp: Language, articles: Sequence[Article], batch_size: int, summary: BacktestSummary
) -> Iterator[Analysis]:
    """The Analyses of the articles, in their order, analysed in batches as the worker does."""
    for start in range(0, len(articles), batch_size):
        for result in analyse_or_reject(nlp, articles[start : start + batch_size]):
            if isinstance(result, Rejection):
                summary.rejected[result.kind] += 1
            else:
                yield result


def run_backtest(
    paths: Sequence[Path],
    settings: Settings,
    nlp: Language,
    alerts_out: IO[str] | None = None,
    stories_out: IO[str] | None = None,
    progress: bool = True,
    on_alert: Callable[[dict[str, Any]], None] | None = None,
) -> BacktestSummary:
    """Run the archive through the steps; write alerts and per-article stories as JSON lines."""
    summary = BacktestSummary()
    articles = decoded_archive(archive_lines(paths), summary)
    summary.articles = len(articles)
    desk = StoryDesk({}, {}, {}, settings)
    with tqdm(total=len(articles), unit="article", disable=not progress, desc="backtest") as bar:
        for analysis in analysed(nlp, articles, settings.batch_size, summary):
            report = desk.take(analysis, datetime.now(UTC))
            bar.update()
            if report is None:
                summary.repeats += 1
                continue
            if isinstance(report, Rejection):
                summary.rejected[report.kind] += 1
                continue
            desk.keep(report)
            joined = report.joined
            summary.stories += joined.new
            for alert in report.alerts:
                summary.alerts[alert["type"]] += 1
                if alerts_out is not None:
                    alerts_out.write(encode_alert(alert).decode() + "\n")
                if on_alert is not None:
                    on_alert(alert)
            if stories_out is not None:
                stories_out.write(json.dumps(story_line(analysis, joined), ensure_ascii=False))
                stories_out.write("\n")
    return summary


def story_line(analysis: Analysis, joined: Assignment) -> dict[str, Any]:
    """One line of `--stories-out`: the article, its story, and how it got there."""
    return {
        "article_id": analysis.article_id,
        "story_id": joined.card.story_id if joined.card else None,
        "published_at": utc_iso(analysis.published_at),
        "title": analysis.title,
        "opened": joined.new,
        "similarity": round(joined.similarity, 4),
    }
