"""Stories from `storywatch backtest --stories-out` scored against gold events (B-cubed, pairs).

python bench/realnews/score_stories.py --stories /work/realnews-data/giveme5w1h/stories.jsonl \
    --labels /work/realnews-data/giveme5w1h/labels.jsonl
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.clusters import bcubed, pairwise, shape, shared, split_gold  # noqa: E402
from bench.realnews.story_files import read_labels, read_stories  # noqa: E402


def score_table(predicted: dict[str, str], gold: dict[str, str]) -> list[str]:
    """The lines of the score table, computed on the ids both sides have."""
    ids = shared(predicted, gold)
    b3, pairs = bcubed(predicted, gold), pairwise(predicted, gold)
    mine, truth = shape(predicted, ids), shape(gold, ids)
    split, multi = split_gold(predicted, gold)
    lines = [
        f"articles scored {len(ids)} (stories file {len(predicted)}, labels {len(gold)})",
        f"{'':24}{'precision':>10}{'recall':>10}{'F1':>10}",
        f"{'B-cubed':24}{b3.precision:>10.3f}{b3.recall:>10.3f}{b3.f1:>10.3f}",
        f"{'pairwise':24}{pairs.precision:>10.3f}{pairs.recall:>10.3f}{pairs.f1:>10.3f}",
        f"{'':24}{'predicted':>10}{'gold':>10}",
        f"{'clusters':24}{mine.clusters:>10}{truth.clusters:>10}",
        f"{'one-article clusters':24}{mine.singleton_cluster_share:>10.1%}"
        f"{truth.singleton_cluster_share:>10.1%}",
        f"{'articles alone':24}{mine.alone_item_share:>10.1%}{truth.alone_item_share:>10.1%}",
        f"{'largest cluster':24}{mine.largest_share:>10.1%}{truth.largest_share:>10.1%}",
        f"gold stories with >1 article split over several predicted stories: {split} of {multi}",
    ]
    return lines


def main() -> None:
    """Print the score table for one stories file and one labels file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, required=True, help="backtest --stories-out file")
    parser.add_argument("--labels", type=Path, required=True, help="labels.jsonl of a builder")
    arguments = parser.parse_args()
    predicted = {p.article_id: p.story_id for p in read_stories(arguments.stories)}
    print("\n".join(score_table(predicted, read_labels(arguments.labels))))


if __name__ == "__main__":
    main()
