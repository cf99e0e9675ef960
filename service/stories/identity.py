"""Story identity: which story an article belongs to (first-story detection and tracking).

Each report is compared with every story still active, as in Topic Detection and Tracking:
a report and a story are vectors of the names they mention (canonical names, so "Israeli",
"Israel's" and "Israel" are one dimension), each weighted by the square root of its mentions;
the report joins the most similar story if the cosine similarity reaches
`STORYWATCH_STORY_SIMILARITY`, and opens a new story otherwise. A story is active while the
report's publication time is within `STORYWATCH_STORY_IDLE_DAYS` of the story's last report.

Why names and not words: the words of a story drift ("talks" → "deal" → "violations") and
differ between outlets, while its parties, places and people stay. Two stories that share one
actor (Israel–Iran talks, an Israel–Hamas ceasefire) share one dimension of a dozen and stay
apart. Limits (docs/STORIES.md): a report naming none of the story's names (an aid agency's
statement alone) opens a new story; two concurrent stories with the same cast merge.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from service.schemas import Analysis, utc_iso

#: Entity labels that say nothing about which story a report belongs to.
IGNORED_LABELS = frozenset({"FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
#: Names a story's vector keeps: the most weighty ones.
MAX_STORY_NAMES = 60


@dataclass
class StoryCard:
    """What assignment knows of an active story: its names and when it was last reported."""

    story_id: str
    first_seen: str
    last_seen: str
    names: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> StoryCard:
        return cls(
            story_id=stored["story_id"],
            first_seen=stored["first_seen"],
            last_seen=stored["last_seen"],
            names=dict(stored.get("names", {})),
        )

    def add(self, vector: dict[str, float], seen: str) -> None:
        """Fold one more report into the story's names; keep the weightiest names."""
        for name, weight in vector.items():
            self.names[name] = self.names.get(name, 0.0) + weight
        if len(self.names) > MAX_STORY_NAMES:
            kept = sorted(self.names, key=lambda n: (-self.names[n], n))[:MAX_STORY_NAMES]
            self.names = {name: self.names[name] for name in kept}
        self.first_seen = min(self.first_seen, seen)
        self.last_seen = max(self.last_seen, seen)


@dataclass(frozen=True)
class Assignment:
    """The story a report joins; `card` is its updated card, `new` true if it opens it."""

    card: StoryCard
    new: bool
    similarity: float


def name_vector(analysis: Analysis) -> dict[str, float]:
    """The report's names, each weighted by the square root of its mentions."""
    mentions: dict[str, int] = {}
    for entity in analysis.entities:
        if entity.label not in IGNORED_LABELS:
            mentions[entity.canonical] = mentions.get(entity.canonical, 0) + entity.mentions
    return {name: math.sqrt(count) for name, count in mentions.items()}


def cosine(one: dict[str, float], other: dict[str, float]) -> float:
    """Cosine similarity of two name vectors, 0..1."""
    dot = sum(weight * other.get(name, 0.0) for name, weight in one.items())
    norms = math.sqrt(sum(w * w for w in one.values())) * math.sqrt(
        sum(w * w for w in other.values())
    )
    return dot / norms if norms else 0.0


def story_id(first_article_id: str) -> str:
    """`story-` and 16 hex digits of the article that opened the story: the same stream
    replayed gives the same story ids, so the same alert ids."""
    return f"story-{hashlib.sha256(first_article_id.encode()).hexdigest()[:16]}"


def is_active(card: StoryCard, published_at: datetime, idle_days: float) -> bool:
    """True while the report is within the idle time of the story's last report."""
    return not gone_idle(card.last_seen, published_at, idle_days)


def gone_idle(last_seen: str, now: datetime, idle_days: float) -> bool:
    """True once `now` is past `last_seen` (UTC ISO text) by more than the idle time."""
    return utc_iso(now - timedelta(days=idle_days)) > last_seen


def assign(
    cards: Iterable[StoryCard],
    analysis: Analysis,
    threshold: float,
    idle_days: float,
    stream_time: datetime | None = None,
) -> Assignment:
    """The most similar active story if it is similar enough, else a new story.

    A story is active by the later of the report's time and the stream's (`stream_time`, the
    latest publication time seen): a late, older report never joins a story the stream has
    left idle, whose state the tracking agent may already have dropped. Ties go to the story
    with the smaller id, so the choice never depends on the order the cards are held in. The
    returned card already counts this report.
    """
    vector = name_vector(analysis)
    best: StoryCard | None = None
    best_score = 0.0
    now = max(analysis.published_at, stream_time) if stream_time else analysis.published_at
    for card in cards:
        if not is_active(card, now, idle_days):
            continue
        score = cosine(vector, card.names)
        if score > best_score or (
            score == best_score and best is not None and card.story_id < best.story_id
        ):
            best, best_score = card, score
    seen = utc_iso(analysis.published_at)
    if best is not None and best_score >= threshold:
        best.add(vector, seen)
        return Assignment(best, new=False, similarity=best_score)
    card = StoryCard(story_id(analysis.article_id), first_seen=seen, last_seen=seen)
    card.add(vector, seen)
    return Assignment(card, new=True, similarity=best_score)
