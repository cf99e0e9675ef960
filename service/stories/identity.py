"""Story identity: which active story a report belongs to, or whether it opens a new one.

This is single-pass clustering as in Topic Detection and Tracking (Allan et al. 1998; Yang
et al. 1998): each report is compared with the active stories and joins the most similar one
if the similarity reaches `STORYWATCH_STORY_SIMILARITY`; otherwise it opens a story.

- A report is its weighted terms (`service.nlp.story_terms`): content lemmas and canonical
  names, the title's weighted up. A story is the sum of its reports' terms, its heaviest
  `MAX_STORY_TERMS` kept.
- Terms are weighted by rarity among the active stories (IDF over story cards, learned from
  the stream as stories open and expire): "people" and "said" weigh little, "earthquake" and
  a minister's name much. No corpus is needed up front.
- Similarity is the cosine of the two TF-IDF vectors, times a time decay: it halves every
  `STORYWATCH_STORY_HALF_LIFE_DAYS` of silence since the story's last report, so a story
  cools gradually instead of at a hard cut. `STORYWATCH_STORY_IDLE_DAYS` only bounds state.
- Candidates come from an inverted index over each story's terms (blocking): only stories
  sharing one of the report's rarest terms are scored, so the cost per report stays flat as
  the number of active stories grows.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from service.schemas import Analysis, utc_iso

#: Terms a story's card keeps: the heaviest.
MAX_STORY_TERMS = 80
#: Report terms that pick candidate stories: the report's heaviest by TF-IDF.
BLOCKING_TERMS = 12
#: A term held by more than this share of active stories is too common to pick candidates
#: with (it still counts in the similarity).
MAX_POSTING_SHARE = 0.2
#: Below this many active stories every story is a candidate: blocking saves nothing yet.
SCAN_ALL_BELOW = 64
#: Candidates scored in full, the ones sharing the most blocking terms.
MAX_CANDIDATES = 64
SECONDS_PER_DAY = 86_400.0


@dataclass
class StoryCard:
    """What assignment knows of an active story: its summed terms and its time span."""

    story_id: str
    first_seen: str
    last_seen: str
    terms: dict[str, float] = field(default_factory=dict)
    reports: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> StoryCard:
        return cls(
            story_id=stored["story_id"],
            first_seen=stored["first_seen"],
            last_seen=stored["last_seen"],
            terms=dict(stored.get("terms", {})),
            reports=int(stored.get("reports", 0)),
        )

    def add(self, terms: dict[str, float], seen: str) -> None:
        """Fold one more report into the story's terms; keep the heaviest terms."""
        for term, weight in terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
        if len(self.terms) > MAX_STORY_TERMS:
            kept = sorted(self.terms, key=lambda t: (-self.terms[t], t))[:MAX_STORY_TERMS]
            self.terms = {term: round(self.terms[term], 3) for term in kept}
        self.reports += 1
        self.first_seen = min(self.first_seen, seen)
        self.last_seen = max(self.last_seen, seen)


@dataclass(frozen=True)
class Assignment:
    """The story a report joins; `card` is its updated card, `new` true if it opens it."""

    card: StoryCard
    new: bool
    similarity: float


@dataclass(frozen=True)
class IdentityRules:
    """The thresholds of story identity, from `STORYWATCH_*` settings."""

    similarity: float
    half_life_days: float
    idle_days: float


def story_id(first_article_id: str) -> str:
    """`story-` and 16 hex digits of the article that opened the story: the same stream
    replayed gives the same story ids, so the same alert ids."""
    return f"story-{hashlib.sha256(first_article_id.encode()).hexdigest()[:16]}"


def gone_idle(last_seen: str, now: datetime, idle_days: float) -> bool:
    """True once `now` is past `last_seen` (UTC ISO text) by more than the idle time."""
    return utc_iso(now - timedelta(days=idle_days)) > last_seen


def time_decay(last_seen: str, now: datetime, half_life_days: float) -> float:
    """1 for a story reported at `now` or later, halving every `half_life_days` of silence."""
    gap = (now - datetime.fromisoformat(last_seen)).total_seconds() / SECONDS_PER_DAY
    return 0.5 ** (max(0.0, gap) / half_life_days)


class StoryIndex:
    """The active story cards with an inverted index from term to the stories holding it."""

    def __init__(self, cards: Iterable[StoryCard] = ()) -> None:
        self.cards: dict[str, StoryCard] = {}
        self.postings: dict[str, set[str]] = {}
        #: The terms each card is posted under (a card changes in place, so kept apart).
        self._posted: dict[str, list[str]] = {}
        self._norms: dict[str, float] = {}
        for card in cards:
            self.put(card)

    def __len__(self) -> int:
        return len(self.cards)

    def put(self, card: StoryCard) -> None:
        """Add or replace a card and its postings."""
        self.remove(card.story_id)
        self.cards[card.story_id] = card
        self._posted[card.story_id] = list(card.terms)
        for term in card.terms:
            self.postings.setdefault(term, set()).add(card.story_id)

    def remove(self, key: str) -> None:
        """Forget a card (no-op if unknown)."""
        self.cards.pop(key, None)
        self._norms.pop(key, None)
        for term in self._posted.pop(key, ()):
            holders = self.postings.get(term)
            if holders is not None:
                holders.discard(key)
                if not holders:
                    del self.postings[term]

    def idf(self, term: str) -> float:
        """Smoothed inverse story frequency: log((1 + stories) / (1 + stories holding it)) + 1."""
        held = len(self.postings.get(term, ()))
        return math.log((1 + len(self.cards)) / (1 + held)) + 1.0

    def weighted(self, terms: dict[str, float]) -> dict[str, float]:
        """TF-IDF weights of a term vector under the current story frequencies."""
        return {term: weight * self.idf(term) for term, weight in terms.items()}

    def candidates(self, weighted: dict[str, float]) -> list[StoryCard]:
        """The stories worth scoring: all while there are few, else those sharing a rare term."""
        if len(self.cards) < SCAN_ALL_BELOW:
            return list(self.cards.values())
        most = max(1, int(MAX_POSTING_SHARE * len(self.cards)))
        shared: dict[str, int] = {}
        rarest = sorted(weighted, key=lambda t: (-weighted[t], t))[:BLOCKING_TERMS]
        for term in rarest:
            holders = self.postings.get(term, ())
            if len(holders) <= most:
                for key in holders:
                    shared[key] = shared.get(key, 0) + 1
        best = sorted(shared, key=lambda key: (-shared[key], key))[:MAX_CANDIDATES]
        return [self.cards[key] for key in best]

    def similarity(self, probe: dict[str, float], norm: float, card: StoryCard) -> float:
        """Cosine of a report's TF-IDF vector with a story card's; `probe` is the report's
        TF-IDF weights times IDF once more (the card's side of the product), `norm` the
        report vector's length."""
        terms = card.terms
        dot = sum(weight * terms[term] for term, weight in probe.items() if term in terms)
        if dot <= 0.0:
            return 0.0
        card_norm = self._norms.get(card.story_id)
        if card_norm is None:
            # Cached per card: story frequencies drift slowly, and a card's norm is refreshed
            # whenever the card changes.
            card_norm = math.sqrt(sum(w * w for w in self.weighted(card.terms).values()))
            self._norms[card.story_id] = card_norm
        return dot / (norm * card_norm) if card_norm else 0.0


def assign(
    index: StoryIndex, analysis: Analysis, rules: IdentityRules, stream_time: datetime | None
) -> Assignment:
    """The most similar active story if similar enough (after time decay), else a new story.

    A story is active by the later of the report's time and the stream's (`stream_time`, the
    latest publication time seen): a late, older report never joins a story the stream has
    left idle, whose state the tracking step may already have dropped. Ties go to the story
    with the smaller id, so the choice never depends on the order the cards are held in. The
    returned card already counts this report, and the index holds it.
    """
    now = max(analysis.published_at, stream_time) if stream_time else analysis.published_at
    weighted = index.weighted(analysis.terms)
    norm = math.sqrt(sum(w * w for w in weighted.values()))
    probe = {term: weight * index.idf(term) for term, weight in weighted.items()}
    best: StoryCard | None = None
    best_score = 0.0
    for card in index.candidates(weighted) if norm else []:
        if gone_idle(card.last_seen, now, rules.idle_days):
            continue
        score = index.similarity(probe, norm, card)
        score *= time_decay(card.last_seen, analysis.published_at, rules.half_life_days)
        if score > best_score or (
            score == best_score and best is not None and card.story_id < best.story_id
        ):
            best, best_score = card, score
    seen = utc_iso(analysis.published_at)
    if best is not None and best_score >= rules.similarity:
        best.add(analysis.terms, seen)
        index.put(best)
        return Assignment(best, new=False, similarity=best_score)
    card = StoryCard(story_id(analysis.article_id), first_seen=seen, last_seen=seen)
    card.add(analysis.terms, seen)
    index.put(card)
    return Assignment(card, new=True, similarity=best_score)
