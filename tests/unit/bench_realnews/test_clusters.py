"""B-cubed and pairwise scores on invented clusterings, against values worked out by hand."""

from __future__ import annotations

from collections.abc import Hashable

import pytest

from bench.realnews.clusters import bcubed, pairwise, shape, split_gold

# Each row: predicted, gold, B-cubed (P, R), pairwise (P, R), (split gold, gold with >1).
CASES = [
    pytest.param(
        {"a": 1, "b": 1, "c": 2},
        {"a": "x", "b": "x", "c": "y"},
        (1.0, 1.0),
        (1.0, 1.0),
        (0, 1),
        id="identical",
    ),
    pytest.param(
        # One predicted story of 4; gold: 4 singletons. Each item: P 1/4, R 1/1.
        # Pairs: 6 predicted, 0 gold, 0 in both -> P 0/6, R vacuous.
        {"a": "s", "b": "s", "c": "s", "d": "s"},
        {"a": 1, "b": 2, "c": 3, "d": 4},
        (0.25, 1.0),
        (0.0, 1.0),
        (0, 0),
        id="all-merged",
    ),
    pytest.param(
        # Four predicted singletons; gold: one event of 4. Each item: P 1, R 1/4.
        {"a": 1, "b": 2, "c": 3, "d": 4},
        {"a": "x", "b": "x", "c": "x", "d": "x"},
        (1.0, 0.25),
        (1.0, 0.0),
        (1, 1),
        id="all-split",
    ),
    pytest.param(
        # Gold X={a,b,c}, Y={d,e}; predicted s1={a,b}, s2={c,d,e}.
        # P: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/15.  R: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15.
        # Pairs predicted ab,cd,ce,de; gold ab,ac,bc,de; both ab,de -> 2/4 and 2/4.
        {"a": "s1", "b": "s1", "c": "s2", "d": "s2", "e": "s2"},
        {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"},
        (11 / 15, 11 / 15),
        (0.5, 0.5),
        (1, 2),
        id="one-wrong-item",
    ),
    pytest.param(
        # Only a and b are on both sides: z and w are ignored.
        {"a": 1, "b": 1, "z": 1},
        {"a": "X", "b": "Y", "w": "X"},
        (0.5, 1.0),
        (0.0, 1.0),
        (0, 0),
        id="shared-ids-only",
    ),
    pytest.param({}, {}, (1.0, 1.0), (1.0, 1.0), (0, 0), id="empty"),
]


@pytest.mark.parametrize(("predicted", "gold", "b3", "pairs", "split"), CASES)
def test_scores_match_the_hand_computed_values(
    predicted: dict[str, Hashable],
    gold: dict[str, Hashable],
    b3: tuple[float, float],
    pairs: tuple[float, float],
    split: tuple[int, int],
) -> None:
    scored = bcubed(predicted, gold)
    assert (scored.precision, scored.recall) == pytest.approx(b3)
    scored_pairs = pairwise(predicted, gold)
    assert (scored_pairs.precision, scored_pairs.recall) == pytest.approx(pairs)
    assert split_gold(predicted, gold) == split


def test_f1_is_the_harmonic_mean_and_zero_when_both_are_zero() -> None:
    merged = bcubed({"a": 1, "b": 1, "c": 1, "d": 1}, {"a": 1, "b": 2, "c": 3, "d": 4})
    assert merged.f1 == pytest.approx(2 * 0.25 * 1.0 / 1.25)
    assert pairwise({"a": 1, "b": 1}, {"a": 1, "b": 2}).f1 == pytest.approx(0.0)


def test_shape_counts_singletons_by_cluster_and_by_item() -> None:
    # Clusters 1={a}, 2={b,c}, 3={d}: 2 of 3 clusters are singletons; 2 of 4 items are alone.
    found = shape({"a": 1, "b": 2, "c": 2, "d": 3})
    assert (found.items, found.clusters) == (4, 3)
    assert found.singleton_cluster_share == pytest.approx(2 / 3)
    assert found.alone_item_share == pytest.approx(0.5)
    assert found.largest_share == pytest.approx(0.5)
