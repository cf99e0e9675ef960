"""Clustering scores of predicted stories against gold events, on the ids both sides label.

Every function takes `predicted` and `gold` as dicts id → cluster label and looks only at the ids
present in both. A ratio whose denominator is zero (no ids, no pairs) is reported as 1.0: with
nothing to get wrong, nothing was got wrong.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

Labels = Mapping[str, Hashable]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean (0.0 when both are 0)."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """2PR/(P+R), or 0.0 if P+R is 0."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def shared(predicted: Labels, gold: Labels) -> list[str]:
    """The ids labelled on both sides, sorted."""
    return sorted(predicted.keys() & gold.keys())


def groups(labels: Labels, ids: list[str]) -> dict[Hashable, set[str]]:
    """The clusters of `labels` restricted to `ids`: label → its ids."""
    members: dict[Hashable, set[str]] = defaultdict(set)
    for item in ids:
        members[labels[item]].add(item)
    return dict(members)


def bcubed(predicted: Labels, gold: Labels) -> PRF:
    """B-cubed precision and recall, each the mean over the shared ids of a per-item share.

    Precision of an item: the share of its predicted cluster that is in its gold cluster;
    recall: the share of its gold cluster that is in its predicted cluster.
    """
    ids = shared(predicted, gold)
    if not ids:
        return PRF(1.0, 1.0)
    by_predicted, by_gold = groups(predicted, ids), groups(gold, ids)
    precision = recall = 0.0
    for item in ids:
        mine, truth = by_predicted[predicted[item]], by_gold[gold[item]]
        overlap = len(mine & truth)
        precision += overlap / len(mine)
        recall += overlap / len(truth)
    return PRF(precision / len(ids), recall / len(ids))


def _pairs(sizes: Counter[Any]) -> int:
    """The number of unordered pairs inside the groups whose sizes are counted."""
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(predicted: Labels, gold: Labels) -> PRF:
    """Pairwise precision and recall over the unordered pairs of shared ids.

    Precision: of the pairs predicted together, the share gold has together; recall: of the
    pairs gold has together, the share predicted together.
    """
    ids = shared(predicted, gold)
    together = _pairs(Counter(predicted[item] for item in ids))
    truly_together = _pairs(Counter(gold[item] for item in ids))
    both = _pairs(Counter((predicted[item], gold[item]) for item in ids))
    return PRF(
        both / together if together else 1.0, both / truly_together if truly_together else 1.0
    )


@dataclass(frozen=True)
class Shape:
    """How one clustering of n items is shaped."""

    items: int
    clusters: int
    singleton_cluster_share: float
    alone_item_share: float
    largest_share: float


def shape(labels: Labels, ids: list[str] | None = None) -> Shape:
    """Clusters, share of one-item clusters, share of items alone, largest cluster's item share."""
    chosen = sorted(labels) if ids is None else ids
    sizes = Counter(labels[item] for item in chosen)
    singletons = sum(1 for n in sizes.values() if n == 1)
    n = len(chosen)
    return Shape(
        items=n,
        clusters=len(sizes),
        singleton_cluster_share=singletons / len(sizes) if sizes else 1.0,
        alone_item_share=singletons / n if n else 1.0,
        largest_share=max(sizes.values()) / n if n else 1.0,
    )


def split_gold(predicted: Labels, gold: Labels) -> tuple[int, int]:
    """(gold clusters of >1 shared item spread over >1 predicted cluster, gold clusters of >1)."""
    ids = shared(predicted, gold)
    multi = [members for members in groups(gold, ids).values() if len(members) > 1]
    split = sum(1 for members in multi if len({predicted[item] for item in members}) > 1)
    return split, len(multi)
