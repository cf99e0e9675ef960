"""Precision of alerts read by hand: the verdicts in judgements/*.jsonl, by kind.

python bench/realnews/judged.py

Each line of a judgements file is an alert id, its kind, a verdict (right or wrong) and a
one-line reason; no article text. bench/realnews/README.md says how the sample was drawn.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

JUDGEMENTS = Path(__file__).with_name("judgements")


def main() -> None:
    right: Counter[str] = Counter()
    read: Counter[str] = Counter()
    for path in sorted(JUDGEMENTS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                verdict = json.loads(line)
                read[verdict["kind"]] += 1
                right[verdict["kind"]] += verdict["verdict"] == "right"
    for kind in sorted(read):
        print(
            f"{kind:<24}{right[kind]:>4} of {read[kind]:<4} right  {right[kind] / read[kind]:.2f}"
        )
    total, correct = sum(read.values()), sum(right.values())
    if total:
        print(f"{'all':<24}{correct:>4} of {total:<4} right  {correct / total:.2f}")


if __name__ == "__main__":
    main()
