"""How a backtest shaped a stream: stories, their sizes per ISO week, and alerts by kind and day.

python bench/realnews/stream_report.py --stories DIR/stories.jsonl --alerts DIR/alerts.jsonl
python bench/realnews/stream_report.py --stories DIR/stories.jsonl --week 2023-10-09

--week prints titles of the publishers' articles: read them in the terminal, never save them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.story_files import Placement, read_alerts, read_stories  # noqa: E402


def parse_time(value: str) -> datetime | None:
    """A datetime from ISO 8601 text (a trailing Z allowed); None if it is not one."""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


def iso_week(value: str) -> str:
    """'2023-W41' for an ISO 8601 time; '?' if unreadable."""
    moment = parse_time(value)
    if moment is None:
        return "?"
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


#: Weeks with fewer items are left out of the maximum share (one item is always 100%).
FULL_WEEK_ITEMS = 20


def stream_lines(placements: list[Placement], full_week: int = FULL_WEEK_ITEMS) -> list[str]:
    """Items, stories, one-article share, and per ISO week the largest story's share of items.

    The maximum over weeks counts only weeks with at least `full_week` items.
    """
    sizes = Counter(p.story_id for p in placements)
    opened = sum(1 for p in placements if p.opened)
    one = sum(1 for n in sizes.values() if n == 1)
    lines = [
        f"items {len(placements)}, stories {len(sizes)} (opened flags {opened}), "
        f"one-article stories {one / len(sizes) if sizes else 0:.1%}, "
        f"largest story {max(sizes.values(), default=0)} items",
        f"{'ISO week':10}{'items':>8}{'stories':>9}{'largest':>9}{'share':>8}",
    ]
    weeks: dict[str, Counter[str]] = defaultdict(Counter)
    for p in placements:
        weeks[iso_week(p.published_at)][p.story_id] += 1
    worst = 0.0
    for week in sorted(weeks):
        counts = weeks[week]
        items, largest = sum(counts.values()), max(counts.values())
        if items >= full_week:
            worst = max(worst, largest / items)
        lines.append(f"{week:10}{items:>8}{len(counts):>9}{largest:>9}{largest / items:>8.1%}")
    lines.append(
        f"largest story's share of a week's items, max over weeks of >= {full_week} items: "
        f"{worst:.1%}"
    )
    return lines


def alert_day(alert: dict[str, Any]) -> str:
    """The day of an alert: data.published_at if present, else the CloudEvents `time`."""
    data = alert.get("data") if isinstance(alert.get("data"), dict) else {}
    value = (data or {}).get("published_at") or alert.get("time") or ""
    moment = parse_time(str(value))
    return moment.date().isoformat() if moment else "?"


def alert_lines(alerts: list[dict[str, Any]], items: int) -> list[str]:
    """Alerts per 100 items, by CloudEvents type as found, and per day."""
    per_100 = 100 * len(alerts) / items if items else 0.0
    lines = [f"alerts {len(alerts)}, per 100 items {per_100:.2f}", "by kind:"]
    kinds = Counter(str(alert.get("type")) for alert in alerts)
    lines += [f"  {kind:40}{n:>7}" for kind, n in kinds.most_common()]
    lines.append("by day:")
    days = Counter(alert_day(alert) for alert in alerts)
    lines += [f"  {day:12}{n:>7}" for day, n in sorted(days.items())]
    return lines


def week_lines(placements: list[Placement], start: date, top: int = 10) -> list[str]:
    """The `top` stories with most items in the 7 days from `start`, with their first 3 titles."""
    end = start + timedelta(days=7)
    inside = [
        p
        for p in placements
        if (moment := parse_time(p.published_at)) and start <= moment.date() < end
    ]
    members: dict[str, list[Placement]] = defaultdict(list)
    for p in sorted(inside, key=lambda p: p.published_at):
        members[p.story_id].append(p)
    totals = Counter(p.story_id for p in placements)
    ranked = sorted(members.items(), key=lambda entry: (-len(entry[1]), entry[0]))[:top]
    lines = [
        f"week {start}..{end - timedelta(days=1)}: {len(inside)} items, {len(members)} stories"
    ]
    for story_id, story in ranked:
        lines.append(f"{len(story):>5} this week ({totals[story_id]} in all)  story {story_id}")
        lines += [f"        {p.published_at[:16]}  {p.title or '(no title)'}" for p in story[:3]]
    return lines


def main() -> None:
    """Print the stream report (and the week's largest stories with --week)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, required=True, help="backtest --stories-out file")
    parser.add_argument("--alerts", type=Path, help="backtest --alerts-out file")
    parser.add_argument("--week", type=date.fromisoformat, help="first day of a week to list")
    arguments = parser.parse_args()
    placements = read_stories(arguments.stories)
    lines = stream_lines(placements)
    if arguments.alerts:
        lines += alert_lines(read_alerts(arguments.alerts), len(placements))
    if arguments.week:
        lines += week_lines(placements, arguments.week)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
