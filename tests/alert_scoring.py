"""Scoring alerts against an editor's labels: precision, recall and the TDT detection cost.

A labels file lists, per article in arrival order, the alerts a careful editor would want
(`seeds/demo_labels.json`, `tests/e2e/heldout/labels.json`). An alert belongs to the article
named in its evidence. Matching is per article, as multisets of (alert type, event type) and,
stricter, of (alert type, event type, status).

The detection cost is the measure of first-story detection in Topic Detection and Tracking
(Fiscus and Doddington, 2002): each article is a trial, the first report of each story is a
target, and `story.new` is the system saying "target".
C_det = C_miss · P_miss · P_target + C_FA · P_FA · (1 − P_target), normalised by dividing
by min(C_miss · P_target, C_FA · (1 − P_target)), the cost of always or never saying "new".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STORY_NEW = "storywatch.story.new"
C_MISS, C_FA, P_TARGET = 1.0, 0.1, 0.02


@dataclass(frozen=True)
class AlertScore:
    """How the alerts of one run compare with the labels."""

    expected: int
    predicted: int
    matched: int
    matched_with_status: int
    missed: list[tuple[str, tuple[Any, ...]]]
    unexpected: list[tuple[str, tuple[Any, ...]]]
    first_story_targets: int
    first_story_misses: int
    first_story_non_targets: int
    first_story_false_alarms: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision_with_status(self) -> float:
        return self.matched_with_status / self.predicted if self.predicted else 1.0

    @property
    def recall_with_status(self) -> float:
        return self.matched_with_status / self.expected if self.expected else 1.0

    @property
    def detection_cost(self) -> float:
        """Normalised TDT detection cost of `story.new`: 0 is perfect, 1 is no better than
        a system that never says "new"."""
        p_miss = self.first_story_misses / max(self.first_story_targets, 1)
        p_fa = self.first_story_false_alarms / max(self.first_story_non_targets, 1)
        cost = C_MISS * p_miss * P_TARGET + C_FA * p_fa * (1 - P_TARGET)
        return cost / min(C_MISS * P_TARGET, C_FA * (1 - P_TARGET))

    def report(self) -> str:
        lines = [
            f"alerts expected {self.expected}, emitted {self.predicted}, matched {self.matched}",
            f"(alert type, event type)         precision {self.precision:.3f}  "
            f"recall {self.recall:.3f}",
            f"(alert type, event type, status) precision {self.precision_with_status:.3f}  "
            f"recall {self.recall_with_status:.3f}",
            f"story.new: {self.first_story_misses} of {self.first_story_targets} first reports "
            f"missed, {self.first_story_false_alarms} of {self.first_story_non_targets} other "
            f"reports called new; normalised detection cost {self.detection_cost:.3f}",
        ]
        lines += [f"  missed     {article}: {alert}" for article, alert in self.missed]
        lines += [f"  unexpected {article}: {alert}" for article, alert in self.unexpected]
        return "\n".join(lines)


def read_labels(path: Path) -> list[dict[str, Any]]:
    """The labelled articles of a labels file, in arrival order."""
    articles: list[dict[str, Any]] = json.loads(path.read_text())["articles"]
    return articles


def score_alerts(labels: list[dict[str, Any]], alerts: Iterable[dict[str, Any]]) -> AlertScore:
    """Compare the alerts of a run with the labels of the articles it was given."""
    emitted: dict[str, list[tuple[Any, ...]]] = {}
    for alert in alerts:
        data = alert.get("data") or {}
        article_id = (data.get("evidence") or [{}])[0].get("article_id")
        event = data.get("event") or {}
        emitted.setdefault(article_id, []).append(
            (alert["type"], event.get("type"), event.get("status"))
        )
    expected_total = predicted_total = matched = matched_status = 0
    missed: list[tuple[str, tuple[Any, ...]]] = []
    unexpected: list[tuple[str, tuple[Any, ...]]] = []
    targets = misses = non_targets = false_alarms = 0
    known_ids = {article["id"] for article in labels}
    for article in labels:
        want = [(e["type"], e.get("event_type"), e.get("status")) for e in article["expect"]]
        got = emitted.get(article["id"], [])
        expected_total += len(want)
        predicted_total += len(got)
        loose = Counter(w[:2] for w in want) & Counter(g[:2] for g in got)
        strict = Counter(want) & Counter(got)
        matched += sum(loose.values())
        matched_status += sum(strict.values())
        missed += [(article["id"], w) for w in (Counter(want) - Counter(got)).elements()]
        unexpected += [(article["id"], g) for g in (Counter(got) - Counter(want)).elements()]
        said_new = any(g[0] == STORY_NEW for g in got)
        if article.get("kind") == "first report":
            targets += 1
            misses += not said_new
        else:
            non_targets += 1
            false_alarms += said_new
    for article_id, got in emitted.items():
        if article_id not in known_ids:
            predicted_total += len(got)
            unexpected += [(str(article_id), g) for g in got]
    return AlertScore(
        expected=expected_total,
        predicted=predicted_total,
        matched=matched,
        matched_with_status=matched_status,
        missed=missed,
        unexpected=unexpected,
        first_story_targets=targets,
        first_story_misses=misses,
        first_story_non_targets=non_targets,
        first_story_false_alarms=false_alarms,
    )
