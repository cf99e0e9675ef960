"""Specification of tone shifts: a level change of a story's reports, not one report's swing."""

from __future__ import annotations

import pytest

from service.stories.developments import ToneRules
from service.stories.tone import TonePoint, tone_change

RULES = ToneRules(window=4, baseline=6, min_shift=0.3, min_t=3.0, min_outlets=2)
OUTLETS = ("A", "B")


def series(
    values: list[float], start_hour: int = 0, outlets: tuple[str, ...] = OUTLETS
) -> list[TonePoint]:
    return [
        TonePoint(
            f"2025-07-{1 + (start_hour + i) // 24:02d}T{(start_hour + i) % 24:02d}:00:00Z",
            v,
            outlets[i % len(outlets)],
        )
        for i, v in enumerate(values)
    ]


STEADY = [0.1, 0.05, 0.12, 0.0, 0.08, 0.06]


@pytest.mark.parametrize(
    ("values", "shifted"),
    [
        ([*STEADY, -0.5, -0.45, -0.6, -0.4], True),  # the coverage turned: four reports agree
        ([*STEADY, 0.05, 0.1, -0.7, 0.0], False),  # one dark report is not a trend
        ([*STEADY[:4], -0.5, -0.45, -0.6, -0.4], False),  # too short a level to move
        ([*STEADY, -0.1, -0.15, -0.05, -0.12], False),  # moved, but less than min_shift
        ([0.6, -0.6, 0.5, -0.5, 0.6, -0.6, -0.2, -0.3, -0.25, -0.2], False),  # within the spread
    ],
)
def test_a_shift_is_a_window_of_reports_that_has_left_the_settled_level(
    values: list[float], shifted: bool
) -> None:
    assert (tone_change(series(values), RULES) is not None) is shifted


def test_one_outlet_alone_cannot_shift_a_story() -> None:
    values = [*STEADY, -0.5, -0.45, -0.6, -0.4]
    assert tone_change(series(values, outlets=("A",)), RULES) is None


def test_no_second_shift_within_the_cool_down() -> None:
    values = [*STEADY, -0.5, -0.45, -0.6, -0.4]
    points = series(values)
    assert tone_change(points, RULES, last_shift=points[0].at) is None
    assert tone_change(points, RULES, last_shift="2025-06-01T00:00:00Z") is not None


def test_the_change_reports_the_old_level_and_the_new() -> None:
    change = tone_change(series([*STEADY, -0.5, -0.5, -0.5, -0.5]), RULES)
    assert change is not None
    assert change.before == pytest.approx(sum(STEADY) / 6)
    assert change.after == pytest.approx(-0.5)


def test_no_shift_without_news_in_the_window() -> None:
    points = series([*STEADY, -0.5, -0.45, -0.6, -0.4])
    assert tone_change(points, RULES, last_news=points[5].at) is None
    assert tone_change(points, RULES, last_news=points[7].at) is not None


def test_one_report_that_brings_news_may_move_the_level_alone() -> None:
    points = series([*STEADY, -0.6])
    assert tone_change(points, RULES) is None
    change = tone_change(points, RULES, news_now=True)
    assert change is not None and change.size == 1
