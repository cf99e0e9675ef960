"""Alerts against an editor's labels, tracked in process (no broker): P/R and TDT cost.

python bench/alert_quality.py                                  # seeds/ and demo_labels.json
python bench/alert_quality.py --labels tests/e2e/heldout/labels.json \
    --articles tests/e2e/heldout/stream.jsonl                  # the held-out stream
python bench/alert_quality.py --alerts                         # and every alert's summary

The end-to-end test (tests/e2e/test_story_alerts.py) measures the same through the broker.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.backtest import run_backtest  # noqa: E402
from service.nlp.pipeline import build_pipeline  # noqa: E402
from service.replay import article_files  # noqa: E402
from service.settings import current_settings  # noqa: E402
from tests.alert_scoring import read_labels, score_alerts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "seeds/demo_labels.json")
    parser.add_argument("--articles", type=Path, nargs="+", default=[ROOT / "seeds"])
    parser.add_argument("--alerts", action="store_true", help="print every alert")
    arguments = parser.parse_args()
    settings = current_settings()
    nlp = build_pipeline(settings.spacy_model, settings.triage)
    started = time.perf_counter()
    alerts: list[dict[str, Any]] = []
    summary = run_backtest(
        article_files(arguments.articles), settings, nlp, progress=False, on_alert=alerts.append
    )
    if arguments.alerts:
        for alert in alerts:
            print(
                f"{alert['data']['story']['id']}  {alert['type'].removeprefix('storywatch.'):<22} "
                f"{alert['data']['severity']:<6} {alert['data']['summary']}"
            )
    elapsed = time.perf_counter() - started
    print(f"{summary.articles} articles, {len(alerts)} alerts, {elapsed:.1f} s in process")
    print(score_alerts(read_labels(arguments.labels), alerts).report())


if __name__ == "__main__":
    main()
