"""Backtest every dataset folder under DATA_DIR and print its reports.

python bench/realnews/evaluate.py /work/realnews-data
python bench/realnews/evaluate.py /work/realnews-data --only giveme5w1h --skip-backtest

For each DATA_DIR/X/articles.jsonl: `storywatch backtest DATA_DIR/X/articles.jsonl
--alerts-out DATA_DIR/X/alerts.jsonl --stories-out DATA_DIR/X/stories.jsonl`, then the stream
report, and the score table where DATA_DIR/X/labels.jsonl exists.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.alert_report import recall_lines, shift_lines  # noqa: E402
from bench.realnews.score_stories import score_table  # noqa: E402
from bench.realnews.story_files import read_alerts, read_labels, read_stories  # noqa: E402
from bench.realnews.stream_report import alert_lines, stream_lines  # noqa: E402


def datasets(data_dir: Path, only: list[str] | None) -> list[Path]:
    """The folders of DATA_DIR holding an articles.jsonl, by name (only those named, if given)."""
    found = sorted(path.parent for path in data_dir.glob("*/articles.jsonl"))
    return [folder for folder in found if not only or folder.name in only]


def backtest(folder: Path) -> int:
    """Run `storywatch backtest` on one folder; its exit status."""
    binary = Path(sys.executable).with_name("storywatch")
    command = [
        str(binary),
        "backtest",
        str(folder / "articles.jsonl"),
        "--alerts-out",
        str(folder / "alerts.jsonl"),
        "--stories-out",
        str(folder / "stories.jsonl"),
    ]
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, check=False).returncode


def report(folder: Path) -> list[str]:
    """The stream report, and the score table if the folder has labels."""
    placements = read_stories(folder / "stories.jsonl")
    lines = stream_lines(placements)
    if (folder / "alerts.jsonl").exists():
        alerts = read_alerts(folder / "alerts.jsonl")
        lines += alert_lines(alerts, len(placements))
        lines += shift_lines(alerts) + recall_lines(alerts, folder.name)
    if (folder / "labels.jsonl").exists():
        predicted = {p.article_id: p.story_id for p in placements}
        lines += score_table(predicted, read_labels(folder / "labels.jsonl"))
    return lines


def main() -> int:
    """Backtest and report each dataset; 1 if any backtest failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="folder of dataset folders (outside the repo)")
    parser.add_argument("--only", nargs="+", help="dataset folder names to run")
    parser.add_argument("--skip-backtest", action="store_true", help="report existing files")
    arguments = parser.parse_args()
    failed = 0
    for folder in datasets(arguments.data_dir, arguments.only):
        print(f"\n=== {folder.name}", flush=True)
        if not arguments.skip_backtest:
            started = time.perf_counter()
            status = backtest(folder)
            print(f"backtest exit {status} in {time.perf_counter() - started:.0f} s")
            if status != 0:
                failed += 1
                continue
        if not (folder / "stories.jsonl").exists():
            print("no stories.jsonl: run without --skip-backtest")
            continue
        print("\n".join(report(folder)), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
