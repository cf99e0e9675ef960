"""Precision of alerts read by hand: the verdicts in judgements/*.jsonl, by kind.

python bench/realnews/judged.py
python bench/realnews/judged.py --kept DATA_DIR [--streams rss-october-world ...]

Each line of a judgements file is an alert id, its kind, a verdict (right or wrong) and a
one-line reason; no article text. bench/realnews/README.md says how the sample was drawn.

With `--kept`, every verdict ever given (superseded draws too) is looked up among the alerts
the current build raised (DATA_DIR/<stream>/alerts.jsonl, written by `evaluate.py`): how many
of the right and of the wrong alerts it still raises, by kind. A quick check of a change
before a new draw is read; it sees only alerts judged before, and an alert whose story changed
gets another id, so it is no precision figure.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

JUDGEMENTS = Path(__file__).with_name("judgements")
STREAMS = ["rss-october-world", "rss-december-world"]


def read_verdicts(paths: list[Path]) -> dict[str, dict[str, str]]:
    """Verdicts by alert id; a later file's verdict on an id wins."""
    verdicts: dict[str, dict[str, str]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                verdict = json.loads(line)
                verdicts[verdict["alert_id"]] = verdict
    return verdicts


def precision(verdicts: dict[str, dict[str, str]]) -> None:
    right: Counter[str] = Counter()
    read: Counter[str] = Counter()
    for verdict in verdicts.values():
        read[verdict["kind"]] += 1
        right[verdict["kind"]] += verdict["verdict"] == "right"
    for kind in sorted(read):
        print(
            f"{kind:<24}{right[kind]:>4} of {read[kind]:<4} right  {right[kind] / read[kind]:.2f}"
        )
    total, correct = sum(read.values()), sum(right.values())
    if total:
        print(f"{'all':<24}{correct:>4} of {total:<4} right  {correct / total:.2f}")


def kept(verdicts: dict[str, dict[str, str]], raised: set[str]) -> None:
    counts: Counter[tuple[str, str, bool]] = Counter(
        (v["kind"], v["verdict"], v["alert_id"] in raised) for v in verdicts.values()
    )
    for kind in sorted({v["kind"] for v in verdicts.values()}):
        right = counts[kind, "right", True]
        wrong = counts[kind, "wrong", True]
        shares = [
            f"{verdict} kept {counts[kind, verdict, True]} of "
            f"{counts[kind, verdict, True] + counts[kind, verdict, False]}"
            for verdict in ("right", "wrong")
        ]
        print(
            f"{kind:<24}{'  '.join(shares)}  right among kept {right / max(1, right + wrong):.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kept", type=Path, metavar="DATA_DIR")
    parser.add_argument("--streams", nargs="+", default=STREAMS)
    arguments = parser.parse_args()
    if arguments.kept is None:
        precision(read_verdicts(sorted(JUDGEMENTS.glob("*.jsonl"))))
        return
    raised: set[str] = set()
    for stream in arguments.streams:
        with (arguments.kept / stream / "alerts.jsonl").open(encoding="utf-8") as handle:
            raised.update(json.loads(line)["id"] for line in handle if line.strip())
    superseded = sorted((JUDGEMENTS / "superseded").glob("*.jsonl"))
    kept(read_verdicts([*superseded, *sorted(JUDGEMENTS.glob("*.jsonl"))]), raised)


if __name__ == "__main__":
    main()
